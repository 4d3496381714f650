// A container's resource usage: the engine's stats stream (one JSON sample a second) turned
// into small readonly samples. The maths (CPU %, memory without cache...) is in src/render/stats.ts.
import type { DockerClient } from './client.js';
import { call, DockerError, toDockerError } from './errors.js';
import { LineSplitter } from './lines.js';
import type { Stoppable } from './events.js';

export interface CpuCounters {
  /** Nanoseconds of CPU the container used, since it started. */
  readonly total: number;
  /** The host's CPU time counter (engine's `system_cpu_usage`), in nanoseconds. */
  readonly system: number;
  /** CPUs online, as the engine counts them (falls back to the per-CPU list's length, as docker stats does). */
  readonly onlineCpus: number;
}

export interface StatsSample {
  readonly id: string;
  readonly name: string;
  /** When the engine read this sample (ISO time, nanosecond precision) and ms since the epoch. */
  readonly read: string;
  readonly readMs: number;
  /** This sample's counters, and those of the previous read (~1 s earlier): CPU % is their delta. */
  readonly cpu: CpuCounters;
  readonly precpu: CpuCounters;
  readonly memory: {
    readonly usage: number;
    /** 0 when the engine reports none. */
    readonly limit: number;
    /** Page cache (cgroup v1 `total_cache`, v2 `file`), for information. */
    readonly cache: number;
    /**
     * What docker stats subtracts from usage: cgroup v1 `total_inactive_file`, v2 `inactive_file`
     * (the docker CLI switched from `cache` to these; 0 when not below usage).
     */
    readonly inactiveFile: number;
  };
  /** Summed over all interfaces. */
  readonly network: { readonly rx: number; readonly tx: number; readonly interfaces: number };
  readonly blockIo: { readonly read: number; readonly write: number };
  readonly pids: number;
}

interface RawCpu {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface RawStats {
  id?: string;
  name?: string;
  read?: string;
  cpu_stats?: RawCpu;
  precpu_stats?: RawCpu;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

function cpu(c: RawCpu | undefined): CpuCounters {
  return {
    total: c?.cpu_usage?.total_usage ?? 0,
    system: c?.system_cpu_usage ?? 0,
    onlineCpus: c?.online_cpus || c?.cpu_usage?.percpu_usage?.length || 0,
  };
}

/** Mirrors the docker CLI's choice of what to subtract from usage. */
function inactiveFile(usage: number, s: Record<string, number>): number {
  const v1 = s.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return v1;
  const v2 = s.inactive_file;
  if (v2 !== undefined && v2 < usage) return v2;
  return 0;
}

/**
 * One engine sample as a StatsSample. Returns undefined for the empty sample the engine sends
 * for a container that is not running (its read time is Go's zero time, year 1).
 */
export function toStatsSample(raw: RawStats): StatsSample | undefined {
  const readMs = raw.read ? Date.parse(raw.read) : NaN;
  if (!raw.read || !(readMs > 0)) return undefined;
  const mem = raw.memory_stats ?? {};
  const memStats = mem.stats ?? {};
  const usage = mem.usage ?? 0;
  let rx = 0;
  let tx = 0;
  const nets = Object.values(raw.networks ?? {});
  for (const n of nets) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  let blkRead = 0;
  let blkWrite = 0;
  for (const e of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').toLowerCase();
    if (op === 'read') blkRead += e.value ?? 0;
    else if (op === 'write') blkWrite += e.value ?? 0;
  }
  return {
    id: raw.id ?? '',
    name: (raw.name ?? '').replace(/^\//, ''),
    read: raw.read,
    readMs,
    cpu: cpu(raw.cpu_stats),
    precpu: cpu(raw.precpu_stats),
    memory: {
      usage,
      limit: mem.limit ?? 0,
      cache: memStats.total_cache ?? memStats.cache ?? memStats.file ?? 0,
      inactiveFile: inactiveFile(usage, memStats),
    },
    network: { rx, tx, interfaces: nets.length },
    blockIo: { read: blkRead, write: blkWrite },
    pids: raw.pids_stats?.current ?? 0,
  };
}

/** How long without a sample before asking the engine whether the container still runs. */
const SILENCE_MS = 3000;

/**
 * Streams a container's samples, one connection per container. Ends by itself (onEnd without
 * an error) when the container is not running, since the engine would otherwise send empty
 * samples forever; onEnd gets a DockerError when the container is gone or the daemon is.
 * Never calls anything after stop().
 */
export function watchStats(
  docker: DockerClient,
  id: string,
  onSample: (s: StatsSample) => void,
  onEnd: (err?: DockerError) => void,
): Stoppable {
  const abort = new AbortController();
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (err?: DockerError) => {
    if (timer) clearTimeout(timer);
    if (done || abort.signal.aborted) return;
    done = true;
    abort.abort();
    onEnd(err);
  };
  const watchdog = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      call(undefined, () => docker.getContainer(id).inspect())
        .then((info) => (info.State?.Running ? watchdog() : finish()))
        .catch((err: unknown) => finish(toDockerError(err)));
    }, SILENCE_MS);
    timer.unref?.();
  };
  const splitter = new LineSplitter();
  const onLine = (line: string) => {
    if (done || abort.signal.aborted || !line.trim()) return;
    let raw: RawStats;
    try {
      raw = JSON.parse(line) as RawStats;
    } catch {
      return;
    }
    const s = toStatsSample(raw);
    if (!s) return finish();
    watchdog();
    onSample(s);
  };

  call(undefined, () => docker.getContainer(id).stats({ stream: true, abortSignal: abort.signal } as { stream: true }))
    .then((stream) => {
      if (abort.signal.aborted) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        return;
      }
      watchdog();
      let ended = false;
      stream.on('data', (chunk: Buffer) => {
        for (const line of splitter.push(chunk)) onLine(line);
      });
      stream.on('end', () => {
        ended = true;
        finish();
      });
      stream.on('error', (err: unknown) => finish(toDockerError(err)));
      stream.on('close', () => {
        if (!ended) finish(new DockerError('unreachable', 'The connection to the Docker daemon was lost while reading stats.'));
      });
    })
    .catch((err: unknown) => finish(toDockerError(err)));

  return {
    stop() {
      if (timer) clearTimeout(timer);
      abort.abort();
    },
  };
}

/** One sample (takes about a second: the engine reads twice for the CPU delta); undefined when not running. */
export async function statsOnce(docker: DockerClient, id: string): Promise<StatsSample | undefined> {
  const raw = await call(undefined, () => docker.getContainer(id).stats({ stream: false }));
  return toStatsSample(raw as unknown as RawStats);
}
