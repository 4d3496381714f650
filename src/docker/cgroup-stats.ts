// A container's CPU and memory read straight from its cgroup, for an engine on this machine.
// The engine's stats stream costs dockerd about 0.35 % of a CPU per container per second
// (measured with npm run bench): twenty rows on screen cost it 7-13 %. Reading the same
// counters from the kernel costs the engine nothing. The numbers are the ones docker stats
// computes: CPU time over wall time, memory without the inactive page cache.
//
// Used only when the container's process is visible here and its cgroup names the container
// (berth in another PID namespace, or a socket forwarded from another host, fails that check
// and the caller falls back to the engine's stream).
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import type { ContainerUsage } from './usage.js';

/** The files holding one container's counters. */
export type CgroupFiles =
  | { readonly version: 2; readonly dir: string }
  | { readonly version: 1; readonly cpuacct: string; readonly memory: string };

/** One reading of the counters. */
export interface CgroupCounters {
  /** CPU time used so far, in nanoseconds. */
  readonly cpuNs: number;
  /** Memory in use without the inactive page cache, as docker stats counts it. */
  readonly memoryBytes: number;
  /** The memory limit; the host's memory when the cgroup has none (as docker stats shows). */
  readonly memoryLimit: number;
  /** When it was read (monotonic milliseconds). */
  readonly atMs: number;
}

/**
 * The cgroup files of a process from its /proc/PID/cgroup text, or undefined when they do not
 * belong to container `id` (its full id must be part of the path). `unified`: the host mounts
 * cgroup v2 alone at `root`.
 */
export function cgroupFilesOf(procCgroup: string, id: string, root: string, unified: boolean): CgroupFiles | undefined {
  const byController = new Map<string, string>();
  for (const line of procCgroup.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const c of m[2]!.split(',')) byController.set(c, m[3]!);
  }
  const owns = (path: string | undefined): path is string => path !== undefined && path.includes(id);
  if (unified) {
    const path = byController.get('');
    return owns(path) ? { version: 2, dir: `${root}${path}` } : undefined;
  }
  const cpu = byController.get('cpuacct');
  const mem = byController.get('memory');
  if (!owns(cpu) || !owns(mem)) return undefined;
  return { version: 1, cpuacct: `${root}/cpuacct${cpu}`, memory: `${root}/memory${mem}` };
}

/** A number from a "key value" line of a stat file; 0 when the key is missing. */
export function statValue(text: string, key: string): number {
  // indexOf, not a RegExp built per call: this runs for every row each second.
  for (let at = text.indexOf(`${key} `); at >= 0; at = text.indexOf(`${key} `, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const end = text.indexOf('\n', at);
    const n = Number(text.slice(at + key.length + 1, end < 0 ? undefined : end));
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** The limit as docker stats shows it: the host's memory when the cgroup sets none. */
export function effectiveLimit(raw: string, hostBytes: number): number {
  const n = Number(raw.trim());
  return raw.trim() === 'max' || !Number.isFinite(n) || n <= 0 || n >= hostBytes ? hostBytes : n;
}

/** CPU and memory between two readings, in docker stats' units (100 % is one full core). */
export function usageBetween(prev: CgroupCounters | undefined, next: CgroupCounters): ContainerUsage {
  const wallNs = prev ? (next.atMs - prev.atMs) * 1e6 : 0;
  const cpuNs = prev ? next.cpuNs - prev.cpuNs : 0;
  const cpuPercent = wallNs > 0 && cpuNs > 0 ? (cpuNs / wallNs) * 100 : 0;
  return { cpuPercent, memoryBytes: next.memoryBytes, memoryLimit: next.memoryLimit };
}

/** Reads files by path; a watcher keeps its files open between readings (see OpenFiles). */
export type ReadText = (path: string) => string;

const readWhole: ReadText = (p) => readFileSync(p, 'utf8');

/**
 * Reads the counters; throws when the cgroup is gone (the container stopped). Synchronous on
 * purpose: these are kernel pseudo-files answered from memory in microseconds, and four
 * promise-based reads per row each second cost more in open/stat/read/close round trips
 * through the thread pool than the reading itself (a third of berth's idle CPU, profiled).
 * `limit` is the last limit read, to skip reading it again (it changes only by docker update).
 */
export function readCounters(files: CgroupFiles, hostBytes = totalmem(), read: ReadText = readWhole, limit?: number): CgroupCounters {
  if (files.version === 2) {
    const [cpu, current, stat] = [read(`${files.dir}/cpu.stat`), read(`${files.dir}/memory.current`), read(`${files.dir}/memory.stat`)];
    const used = Number(current.trim()) - statValue(stat, 'inactive_file');
    const memoryLimit = limit ?? effectiveLimit(read(`${files.dir}/memory.max`), hostBytes);
    return { cpuNs: statValue(cpu, 'usage_usec') * 1000, memoryBytes: Math.max(0, used), memoryLimit, atMs: performance.now() };
  }
  const [cpu, usage, stat] = [read(`${files.cpuacct}/cpuacct.usage`), read(`${files.memory}/memory.usage_in_bytes`), read(`${files.memory}/memory.stat`)];
  const used = Number(usage.trim()) - statValue(stat, 'total_inactive_file');
  const memoryLimit = limit ?? effectiveLimit(read(`${files.memory}/memory.limit_in_bytes`), hostBytes);
  return { cpuNs: Number(cpu.trim()), memoryBytes: Math.max(0, used), memoryLimit, atMs: performance.now() };
}

/** One buffer for every reading: they are synchronous, so never two at once. */
const BUFFER = Buffer.allocUnsafe(16 * 1024);

/**
 * A watcher's cgroup files, opened on first read and read again in place (a positioned read
 * at 0 makes the kernel write the file anew): no path lookup, open or close each second.
 * Once the cgroup is removed, a read of an open file fails, as opening it would.
 */
export class OpenFiles {
  private readonly fds = new Map<string, number>();

  readonly read: ReadText = (path) => {
    let fd = this.fds.get(path);
    if (fd === undefined) {
      fd = openSync(path, 'r');
      this.fds.set(path, fd);
    }
    const n = readSync(fd, BUFFER, 0, BUFFER.length, 0);
    return n < BUFFER.length ? BUFFER.toString('latin1', 0, n) : readFileSync(path, 'latin1');
  };

  close(): void {
    for (const fd of this.fds.values()) {
      try {
        closeSync(fd);
      } catch {
        // already gone with its cgroup
      }
    }
    this.fds.clear();
  }
}

/** The cgroup files of container `id` whose main process is `pid`, when this machine can read them. */
export async function findCgroup(pid: number, id: string, opts: { proc?: string; root?: string } = {}): Promise<CgroupFiles | undefined> {
  const root = opts.root ?? '/sys/fs/cgroup';
  try {
    const text = await readFile(`${opts.proc ?? '/proc'}/${pid}/cgroup`, 'utf8');
    const unified = await readFile(`${root}/cgroup.controllers`, 'utf8').then(
      () => true,
      () => false,
    );
    const files = cgroupFilesOf(text, id, root, unified);
    if (!files) return undefined;
    readCounters(files); // readable here, or the engine's stream is used
    return files;
  } catch {
    return undefined;
  }
}
