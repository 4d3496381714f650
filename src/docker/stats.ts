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

// The JSON comes from the daemon (or whatever answers on its socket): a field may be
// missing or of the wrong type. Counters are unsigned 64-bit integers: anything else reads as 0, so the
// maths and the formatting never see NaN, a string or a negative number.
const UINT64_MAX = 2 ** 64;
const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= UINT64_MAX ? v : 0);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function cpu(raw: unknown): CpuCounters {
  const c = record(raw);
  const usage = record(c.cpu_usage);
  return {
    total: count(usage.total_usage),
    system: count(c.system_cpu_usage),
    onlineCpus: count(c.online_cpus) || list(usage.percpu_usage).length,
  };
}

/** Mirrors the docker CLI's choice of what to subtract from usage. */
function inactiveFile(usage: number, s: Record<string, unknown>): number {
  const v1 = count(s.total_inactive_file);
  if (s.total_inactive_file !== undefined && v1 < usage) return v1;
  const v2 = count(s.inactive_file);
  if (s.inactive_file !== undefined && v2 < usage) return v2;
  return 0;
}

/**
 * One engine sample as a StatsSample. Returns undefined for the empty sample the engine sends
 * for a container that is not running (its read time is Go's zero time, year 1).
 */
export function toStatsSample(raw: RawStats): StatsSample | undefined {
  const read = typeof raw.read === 'string' ? raw.read : '';
  const readMs = read ? Date.parse(read) : NaN;
  if (!read || !(readMs > 0)) return undefined;
  const mem = record(raw.memory_stats);
  const memStats = record(mem.stats);
  const usage = count(mem.usage);
  let rx = 0;
  let tx = 0;
  const nets = Object.values(record(raw.networks)).map(record);
  for (const n of nets) {
    rx += count(n.rx_bytes);
    tx += count(n.tx_bytes);
  }
  let blkRead = 0;
  let blkWrite = 0;
  for (const e of list(record(raw.blkio_stats).io_service_bytes_recursive).map(record)) {
    const op = typeof e.op === 'string' ? e.op.toLowerCase() : '';
    if (op === 'read') blkRead += count(e.value);
    else if (op === 'write') blkWrite += count(e.value);
  }
  return {
    id: typeof raw.id === 'string' ? raw.id : '',
    name: typeof raw.name === 'string' ? raw.name.replace(/^\//, '') : '',
    read,
    readMs,
    cpu: cpu(raw.cpu_stats),
    precpu: cpu(raw.precpu_stats),
    memory: {
      usage,
      limit: count(mem.limit),
      cache: count(memStats.total_cache ?? memStats.cache ?? memStats.file),
      inactiveFile: inactiveFile(usage, memStats),
    },
    network: { rx, tx, interfaces: nets.length },
    blockIo: { read: blkRead, write: blkWrite },
    pids: count(record(raw.pids_stats).current),
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
