// Small, pure statistics for the benchmark: medians and spreads of a handful of runs,
// CPU percentages from tick deltas. Kept apart so they can be unit-tested.

/** The value below which `p` percent of the samples fall (linear interpolation); NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const clamped = Math.min(100, Math.max(0, p));
  const pos = (clamped / 100) * (xs.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = xs[lo]!;
  const b = xs[hi]!;
  return a + (b - a) * (pos - lo);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Median and range of the finite samples (NaN fields when there are none). */
export function summarize(samples: readonly number[]): Summary {
  const xs = samples.filter((x) => Number.isFinite(x));
  return {
    n: xs.length,
    median: median(xs),
    min: xs.length ? Math.min(...xs) : Number.NaN,
    max: xs.length ? Math.max(...xs) : Number.NaN,
  };
}

/**
 * CPU use as a percentage of one core (what top shows): clock ticks spent over the
 * wall time elapsed. 100 means one core fully busy; on 2 cores the ceiling is 200.
 */
export function cpuPercent(ticks: number, wallMs: number, ticksPerSecond: number): number {
  if (!(wallMs > 0) || !(ticksPerSecond > 0)) return Number.NaN;
  return (ticks / ticksPerSecond / (wallMs / 1000)) * 100;
}

/** a / b, or NaN when either side is missing or b is zero (a ratio that means nothing). */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN;
  return a / b;
}
