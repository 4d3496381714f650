// Reads CPU time and memory of processes from /proc (Linux only, like the private engine).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Clock ticks per second (USER_HZ) that /proc/<pid>/stat counts in; 100 almost everywhere. */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface StatFields {
  readonly ppid: number;
  readonly ticks: number;
}

/** ppid and utime+stime of a process, or undefined when it is gone. */
function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields restart after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const ppid = Number(rest[1]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  return Number.isFinite(ticks) ? { ppid, ticks } : undefined;
}

export function cpuTicks(pid: number): number | undefined {
  return readStat(pid)?.ticks;
}

/** Resident set size in KiB, or undefined when the process is gone. */
export function rssKiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0; // a zombie has no VmRSS line
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** The process and all its descendants (a TUI started through a shell, its helpers). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const st = readStat(pid);
    if (!st) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(pid);
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * The private engine's own processes: dockerd (from its pidfile), the containerd it
 * started (its config lives under the engine's directory) and the container shims
 * (started with the engine's containerd namespace). The containers' processes are not
 * the engine's load and are left out.
 */
export function engineProcesses(engine: { readonly dir: string; readonly id: string }): number[] {
  let dockerd = 0;
  try {
    dockerd = Number(readFileSync(`${engine.dir}/dockerd.pid`, 'utf8').trim());
  } catch {
    /* not started or gone */
  }
  const out: number[] = [];
  for (const pid of allPids()) {
    if (pid === dockerd) {
      out.push(pid);
      continue;
    }
    const cmd = cmdline(pid);
    const isContainerd = /(^|\/)containerd\s/.test(cmd) && cmd.includes(engine.dir);
    const isShim = /containerd-shim/.test(cmd) && cmd.includes(`-namespace ${engine.id} `);
    if (isContainerd || isShim) out.push(pid);
  }
  return out;
}

/** CPU ticks of each process of a set, read now. */
export function sampleTicks(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const t = cpuTicks(pid);
    if (t !== undefined) out.set(pid, t);
  }
  return out;
}

/**
 * Ticks spent between two samples. A process that appeared in between counts from
 * zero (it started inside the window); one that vanished is lost (it cannot be read).
 */
export function ticksBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, t] of after) sum += Math.max(0, t - (before.get(pid) ?? 0));
  return sum;
}

/** Sum of the RSS of a set of processes, in KiB. */
export function rssOf(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) sum += rssKiB(pid) ?? 0;
  return sum;
}

export interface CpuTimes {
  readonly busy: number;
  readonly total: number;
}

/** The whole machine's CPU time so far (all cores, from /proc/stat), to tell a busy machine from a quiet one. */
export function machineCpu(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const total = f.slice(0, 8).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

/** Percent of the machine (all cores together) that was busy between two readings. */
export function machineBusyPercent(a: CpuTimes, b: CpuTimes): number {
  const total = b.total - a.total;
  return total > 0 ? ((b.busy - a.busy) / total) * 100 : Number.NaN;
}
