import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuPercent, median, percentile, ratio, summarize } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('takes the median of odd and even counts, ignoring order and non-finite values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([2, Number.NaN, 1, Number.POSITIVE_INFINITY, 3])).toBe(2);
    expect(median([])).toBeNaN();
  });

  it('interpolates percentiles between samples and clamps p', () => {
    expect(percentile([10, 20, 30, 40, 50], 90)).toBeCloseTo(46);
    expect(percentile([10, 20], 0)).toBe(10);
    expect(percentile([10, 20], 150)).toBe(20);
  });

  it('a percentile stays within the samples and grows with p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.integer({ min: 0, max: 99 }), (xs, p) => {
        const a = percentile(xs, p);
        const b = percentile(xs, p + 1);
        expect(a).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(b).toBeLessThanOrEqual(Math.max(...xs));
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('summarizes runs as count, median and range', () => {
    expect(summarize([0.3, 0.1, 0.2])).toEqual({ n: 3, median: 0.2, min: 0.1, max: 0.3 });
    const empty = summarize([]);
    expect(empty.n).toBe(0);
    expect(empty.max).toBeNaN();
  });

  it('turns clock ticks into percent of one core', () => {
    // 150 ticks at 100 Hz in 30 s: 1.5 s of CPU, 5 %.
    expect(cpuPercent(150, 30_000, 100)).toBeCloseTo(5);
    // Two cores busy for the whole window: 200 %.
    expect(cpuPercent(2000, 10_000, 100)).toBeCloseTo(200);
    expect(cpuPercent(10, 0, 100)).toBeNaN();
  });

  it('gives no ratio against zero or a missing value', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});
