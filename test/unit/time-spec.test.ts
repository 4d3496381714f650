import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogWindow, parseTimeSpec } from '../../src/render/time-spec.js';

const NOW = new Date(2026, 10, 29, 15, 30, 0).getTime();

describe('time specs for log windows', () => {
  it('reads durations back from now, times of today and dates', () => {
    expect(parseTimeSpec('10m', NOW)).toBe(NOW - 600_000);
    expect(parseTimeSpec('1h30m', NOW)).toBe(NOW - 5_400_000);
    expect(parseTimeSpec('2d', NOW)).toBe(NOW - 2 * 86_400_000);
    expect(parseTimeSpec('14:05', NOW)).toBe(new Date(2026, 10, 29, 14, 5, 0).getTime());
    expect(parseTimeSpec('2026-11-29 14:00', NOW)).toBe(new Date(2026, 10, 29, 14, 0).getTime());
    expect(parseTimeSpec('2026-11-29T14:00:00Z', NOW)).toBe(Date.UTC(2026, 10, 29, 14));
    expect(parseTimeSpec('  ', NOW)).toBeUndefined();
  });

  it('refuses what is not a time, with a sentence', () => {
    for (const bad of ['ten minutes', '10x', '25:00', '2026-02-30', '2026-13-01 10:00', '-5m']) {
      const r = parseTimeSpec(bad, NOW);
      expect(r, bad).toEqual({ error: expect.stringContaining(bad.trim()) });
    }
  });

  it('never throws and always answers a number, nothing or a sentence', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseTimeSpec(s, NOW);
        expect(r === undefined || Number.isFinite(r) || (typeof r === 'object' && typeof r.error === 'string')).toBe(true);
      }),
    );
  });

  it('checks a whole window: until before since, a future since, lines not a number', () => {
    expect(parseLogWindow({ lines: '200', since: '1h', until: '10m' }, NOW)).toEqual({ tail: 200, since: NOW - 3_600_000, until: NOW - 600_000 });
    expect(parseLogWindow({ lines: '', since: '10m', until: '1h' }, NOW)).toEqual({ error: 'until is before since: nothing could show' });
    expect(parseLogWindow({ lines: 'x', since: '', until: '' }, NOW)).toEqual({ error: expect.stringContaining('lines must be a number') });
    expect(parseLogWindow({ lines: '', since: '23:59', until: '' }, NOW)).toEqual({ error: 'since is in the future' });
    expect(parseLogWindow({ lines: '', since: 'soon', until: '' }, NOW)).toEqual({ error: expect.stringContaining('since: "soon" is not a time') });
  });
});
