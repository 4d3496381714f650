// Watching containers' cgroups (cgroup-stats.ts reads them): every watcher of the same period
// is read on one shared timer, so a screen of rows wakes berth once a second, not once per row
// (each wake-up costs the process a timer callback and the kernel a context switch, and rows
// started at different moments never shared one before). Each watcher keeps its files open.
import { totalmem } from 'node:os';
import { OpenFiles, readCounters, usageBetween, type CgroupCounters, type CgroupFiles } from './cgroup-stats.js';
import type { Stoppable } from './events.js';
import type { ContainerUsage } from './usage.js';

/**
 * Every this many readings, all files are read by their paths, the limit too (docker update
 * can change it): a file removed with its cgroup fails then even where an open one would not.
 */
const FULL_EVERY = 10;

/** The shared timers, by period: each runs its watchers' readings in one callback. */
const tickers = new Map<number, { readonly timer: NodeJS.Timeout; readonly ticks: Set<() => void> }>();

function onTicker(everyMs: number, tick: () => void): () => void {
  let t = tickers.get(everyMs);
  if (!t) {
    const ticks = new Set<() => void>();
    const timer = setInterval(() => {
      for (const f of [...ticks]) f();
    }, everyMs);
    timer.unref?.();
    t = { timer, ticks };
    tickers.set(everyMs, t);
  }
  t.ticks.add(tick);
  const mine = t;
  return () => {
    mine.ticks.delete(tick);
    if (mine.ticks.size === 0 && tickers.get(everyMs) === mine) {
      clearInterval(mine.timer);
      tickers.delete(everyMs);
    }
  };
}

/** How many shared timers run (for tests: none once every watcher stopped). */
export function runningTickers(): number {
  return tickers.size;
}

/**
 * Reads the counters every `everyMs` (and once early) and reports usage from the second
 * reading on (CPU needs two). onEnd when the cgroup goes (the container stopped). Nothing is
 * called after stop(); the files are closed then, or when the cgroup goes.
 */
export function watchCgroupUsage(files: CgroupFiles, onUsage: (u: ContainerUsage) => void, onEnd: () => void, everyMs = 1000): Stoppable {
  const open = new OpenFiles();
  const hostBytes = totalmem();
  let prev: CgroupCounters | undefined;
  let readings = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    offTicker();
    clearTimeout(early);
    open.close();
  };
  const tick = () => {
    if (stopped) return;
    let next: CgroupCounters;
    try {
      const full = readings++ % FULL_EVERY === 0;
      next = full ? readCounters(files, hostBytes) : readCounters(files, hostBytes, open.read, prev?.memoryLimit);
    } catch {
      stop();
      onEnd();
      return;
    }
    if (prev) onUsage(usageBetween(prev, next));
    prev = next;
  };
  const offTicker = onTicker(everyMs, tick);
  // A second reading soon after the first, so the row shows figures within a quarter second
  // rather than a whole one (CPU over the shorter window is as true, only noisier).
  const early = setTimeout(tick, Math.min(250, everyMs / 2));
  early.unref?.();
  tick();
  return { stop };
}
