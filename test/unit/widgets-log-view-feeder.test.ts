import { describe, expect, it, vi } from 'vitest';
import type { ParsedLine } from '../../src/render/log-lines.js';
import { LogFeeder } from '../../src/widgets/log-view/feeder.js';

/** A deferral we drive by hand: each call to step() runs one pending slice. */
function manual() {
  const pending: Array<() => void> = [];
  return {
    defer: (fn: () => void) => {
      pending.push(fn);
      return () => {
        const i = pending.indexOf(fn);
        if (i >= 0) pending.splice(i, 1);
      };
    },
    step: () => pending.shift()?.(),
    get pending() {
      return pending.length;
    },
    drain() {
      let n = 0;
      while (pending.length) {
        pending.shift()!();
        n++;
      }
      return n;
    },
  };
}

function sink() {
  const batches: ParsedLine[][] = [];
  const skips: number[] = [];
  return {
    batches,
    skips,
    lines: (l: readonly ParsedLine[]) => batches.push([...l]),
    skipped: (n: number) => skips.push(n),
    all: () => batches.flat(),
  };
}

/** `count` numbered lines as one buffer: "line 000000001\n"... (15 bytes each). */
function block(from: number, count: number): Buffer {
  let s = '';
  for (let i = from; i < from + count; i++) s += `line ${String(i).padStart(9, '0')}\n`;
  return Buffer.from(s);
}

describe('LogFeeder', () => {
  it('turns chunks into lines on a later turn, not inside push', () => {
    const d = manual();
    const s = sink();
    const f = new LogFeeder(s, { timestamps: false, defer: d.defer });
    f.push({ stream: 'stdout', data: Buffer.from('a\nb') });
    expect(s.batches).toEqual([]);
    d.drain();
    expect(s.all().map((l) => l.text)).toEqual(['a']);
    f.push({ stream: 'stdout', data: Buffer.from('c\n') });
    f.boundary();
    d.drain();
    expect(s.all().map((l) => l.text)).toEqual(['a', 'bc']);
  });

  it('does at most sliceBytes of work per slice', () => {
    const d = manual();
    const s = sink();
    const f = new LogFeeder(s, { timestamps: false, defer: d.defer, sliceBytes: 1500, sliceMs: 1e9 });
    f.push({ stream: 'stdout', data: block(0, 1000) }); // 15,000 bytes in one chunk
    const slices = d.drain();
    expect(slices).toBe(10);
    for (const b of s.batches) expect(b.reduce((n, l) => n + l.text.length + 1, 0)).toBeLessThanOrEqual(1500);
    expect(s.all()).toHaveLength(1000);
    expect(f.backlog).toBe(0);
  });

  it('keeps the backlog bounded under a 50 MB flood and shows the latest lines, counting the skipped ones', () => {
    const d = manual();
    const s = sink();
    const max = 1024 * 1024;
    // A clock that stands still: on a loaded machine 50 MB of work would use up the real
    // per-second budget, the feeder would wait for a real timer, and drain() would return
    // before the last lines (the budget has its own test below).
    const f = new LogFeeder(s, { timestamps: false, defer: d.defer, sliceBytes: 16 * 1024, maxBacklogBytes: max, now: () => 0 });
    const perChunk = 4096; // lines of 15 bytes: 60 KiB chunks
    const filler = block(0, perChunk);
    const chunks = Math.ceil((50 * 1024 * 1024) / filler.length);
    let peak = 0;
    for (let c = 0; c < chunks; c++) {
      // The last chunk is distinct so that "the newest line is shown" means something.
      f.push({ stream: 'stdout', data: c === chunks - 1 ? block(1e6, perChunk) : filler });
      peak = Math.max(peak, f.backlog);
      // The reader gets one slice for every four chunks the container writes: it falls behind.
      if (c % 4 === 0) d.step();
    }
    d.drain();
    f.boundary();
    d.drain();
    const lines = s.all();
    const skipped = s.skips.reduce((a, b) => a + b, 0);
    expect(peak).toBeLessThanOrEqual(max);
    expect(skipped).toBeGreaterThan(0);
    expect(f.skippedLines).toBe(skipped);
    // Nothing is lost without being counted, and the newest line is shown.
    expect(lines.length + skipped).toBe(chunks * perChunk);
    expect(lines.at(-1)!.text).toBe(`line ${String(1e6 + perChunk - 1).padStart(9, '0')}`);
  });

  it('keeps boundaries in their place: the last partial line first, then the marker', () => {
    const d = manual();
    const log: string[] = [];
    const f = new LogFeeder(
      { lines: (ls) => log.push(...ls.map((l) => l.text)), skipped: (n) => log.push(`skipped ${n}`) },
      { timestamps: false, defer: d.defer },
    );
    f.push({ stream: 'stdout', data: Buffer.from('a\nb') });
    f.boundary(() => log.push('[stopped]'));
    f.push({ stream: 'stdout', data: Buffer.from('c\n') });
    d.drain();
    expect(log).toEqual(['a', 'b', '[stopped]', 'c']);
  });

  it('runs a boundary caught in a skipped backlog exactly once, after the skip is counted', () => {
    const d = manual();
    const log: string[] = [];
    const f = new LogFeeder(
      { lines: (ls) => log.push(`${ls.length} lines`), skipped: (n) => log.push(`skipped ${n}`) },
      { timestamps: false, defer: d.defer, sliceBytes: 1000, maxBacklogBytes: 3000 },
    );
    f.push({ stream: 'stdout', data: block(0, 100) }); // 1,500 bytes
    f.boundary(() => log.push('[restarted]'));
    f.push({ stream: 'stdout', data: block(100, 200) }); // 3,000 more: over the limit
    d.drain();
    expect(log.filter((l) => l === '[restarted]')).toHaveLength(1);
    expect(log.slice(0, 2)).toEqual(['skipped 100', '[restarted]']);
  });

  it('stops: nothing more is emitted and the queue is freed', () => {
    const d = manual();
    const s = sink();
    const f = new LogFeeder(s, { timestamps: false, defer: d.defer });
    f.push({ stream: 'stdout', data: block(0, 10) });
    f.stop();
    expect(d.pending).toBe(0);
    f.push({ stream: 'stdout', data: block(0, 10) });
    d.drain();
    expect(s.batches).toEqual([]);
    expect(f.backlog).toBe(0);
  });

  it('yields to the event loop between slices with setImmediate (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setImmediate', 'clearImmediate'] });
    try {
      const s = sink();
      const f = new LogFeeder(s, { timestamps: false, sliceBytes: 150, sliceMs: 1e9 });
      f.push({ stream: 'stdout', data: block(0, 100) });
      expect(s.batches).toHaveLength(0);
      vi.advanceTimersToNextTimer();
      expect(s.batches).toHaveLength(1);
      vi.runAllTimers();
      expect(s.batches).toHaveLength(10);
      expect(s.all()).toHaveLength(100);
      f.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the CPU budget', () => {
  it('does at most its budget of line work per second, and takes up again the next second', () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const deferred: (() => void)[] = [];
      const shown: string[] = [];
      const feeder = new LogFeeder(
        { lines: (ls) => shown.push(...ls.map((l) => l.text)), skipped: () => {} },
        {
          timestamps: false,
          sliceBytes: 8,
          budgetMsPerSecond: 0.5,
          // Every reading of the clock is a millisecond later: a slice costs about 1 ms.
          now: () => clock++,
          defer: (fn) => {
            deferred.push(fn);
            return () => {};
          },
        },
      );
      feeder.push({ stream: 'stdout', data: Buffer.from('one\ntwo\nthree\nfour\n') });
      expect(deferred).toHaveLength(1);
      deferred.shift()!();
      // One slice ran and used the second's budget: nothing more this second.
      expect(shown).toEqual(['one', 'two']);
      expect(deferred).toHaveLength(0);
      clock += 1000;
      vi.advanceTimersByTime(1000);
      expect(deferred).toHaveLength(1);
      deferred.shift()!();
      expect(shown.length).toBeGreaterThan(2);
      feeder.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
