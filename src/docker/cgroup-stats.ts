// A container's CPU and memory read straight from its cgroup, for an engine on this machine.
// The engine's stats stream costs dockerd about 0.35 % of a CPU per container per second
// (measured with npm run bench): twenty rows on screen cost it 7-13 %. Reading the same
// counters from the kernel costs the engine nothing. The numbers are the ones docker stats
// computes: CPU time over wall time, memory without the inactive page cache.
//
// Used only when the container's process is visible here and its cgroup names the container
// (berth in another PID namespace, or a socket forwarded from another host, fails that check
// and the caller falls back to the engine's stream).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import type { Stoppable } from './events.js';
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
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
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

/**
 * Reads the counters; throws when the cgroup is gone (the container stopped). Synchronous on
 * purpose: these are kernel pseudo-files answered from memory in microseconds, and four
 * promise-based reads per row each second cost more in open/stat/read/close round trips
 * through the thread pool than the reading itself (a third of berth's idle CPU, profiled).
 */
export function readCounters(files: CgroupFiles, hostBytes = totalmem()): CgroupCounters {
  const read = (p: string) => readFileSync(p, 'utf8');
  if (files.version === 2) {
    const [cpu, current, stat, max] = [read(`${files.dir}/cpu.stat`), read(`${files.dir}/memory.current`), read(`${files.dir}/memory.stat`), read(`${files.dir}/memory.max`)];
    const used = Number(current.trim()) - statValue(stat, 'inactive_file');
    return { cpuNs: statValue(cpu, 'usage_usec') * 1000, memoryBytes: Math.max(0, used), memoryLimit: effectiveLimit(max, hostBytes), atMs: performance.now() };
  }
  const [cpu, usage, stat, limit] = [read(`${files.cpuacct}/cpuacct.usage`), read(`${files.memory}/memory.usage_in_bytes`), read(`${files.memory}/memory.stat`), read(`${files.memory}/memory.limit_in_bytes`)];
  const used = Number(usage.trim()) - statValue(stat, 'total_inactive_file');
  return { cpuNs: Number(cpu.trim()), memoryBytes: Math.max(0, used), memoryLimit: effectiveLimit(limit, hostBytes), atMs: performance.now() };
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

/**
 * Reads the counters every `everyMs` (and once early) and reports usage from the second
 * reading on (CPU needs two). onEnd when the cgroup goes (the container stopped). Nothing is called after stop().
 */
export function watchCgroupUsage(files: CgroupFiles, onUsage: (u: ContainerUsage) => void, onEnd: () => void, everyMs = 1000): Stoppable {
  let prev: CgroupCounters | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    let next: CgroupCounters;
    try {
      next = readCounters(files);
    } catch {
      stopped = true;
      clearInterval(timer);
      clearTimeout(early);
      onEnd();
      return;
    }
    if (prev) onUsage(usageBetween(prev, next));
    prev = next;
  };
  const timer = setInterval(tick, everyMs);
  timer.unref?.();
  // A second reading soon after the first, so the row shows figures within a quarter second
  // rather than a whole one (CPU over the shorter window is as true, only noisier).
  const early = setTimeout(tick, Math.min(250, everyMs / 2));
  early.unref?.();
  tick();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(early);
    },
  };
}
