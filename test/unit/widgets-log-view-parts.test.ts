// The log view's display settings and its source, apart from the widget.
import { describe, expect, it } from 'vitest';
import type { ParsedLine } from '../../src/render/log-lines.js';
import { makeMatcher } from '../../src/render/log-search.js';
import { LogDisplay } from '../../src/widgets/log-view/display.js';
import type { RenderContext } from '../../src/widgets/log-view/render.js';
import { LogSource } from '../../src/widgets/log-view/source.js';
import { makeTheme } from '../../src/widgets/theme.js';

describe('the log display settings', () => {
  it('cycles timestamps hidden, local time, with ages, hidden', () => {
    const d = new LogDisplay(false);
    expect(d.timestampMode()).toBe('hidden');
    expect([d.cycleTimestamps(), d.cycleTimestamps(), d.cycleTimestamps()]).toEqual(['local time', 'local time and age', 'hidden']);
    expect([d.timestamps, d.ages]).toEqual([false, false]);
  });

  it('scrolls sideways only with wrap off, never left of column 0, and back to 0 when wrap changes', () => {
    const d = new LogDisplay(true);
    expect(d.scrollSideways(8)).toBe(false);
    expect(d.hscroll).toBe(0);
    expect(d.toggleWrap()).toBe(false);
    expect(d.scrollSideways(8)).toBe(true);
    expect(d.scrollSideways(8)).toBe(true);
    expect(d.hscroll).toBe(16);
    d.scrollSideways(-40);
    expect(d.hscroll).toBe(0);
    d.scrollSideways(24);
    expect(d.toggleWrap()).toBe(true);
    expect(d.hscroll).toBe(0);
  });

  it('brings a column into view with some room to its left, and leaves one already in view alone', () => {
    const d = new LogDisplay(false);
    d.revealColumn(100, 40);
    expect(d.hscroll).toBe(0); // wrap on: nothing scrolls sideways
    d.toggleWrap();
    d.revealColumn(100, 40);
    expect(d.hscroll).toBe(92);
    d.revealColumn(110, 40);
    expect(d.hscroll).toBe(92);
    // Too near the right edge (the last 4 columns) counts as out of view.
    d.revealColumn(129, 40);
    expect(d.hscroll).toBe(121);
    d.revealColumn(3, 40);
    expect(d.hscroll).toBe(0);
  });

  it('reveals the first match in a line past the right edge', () => {
    const d = new LogDisplay(false);
    d.toggleWrap();
    const ctx: RenderContext = { width: 30, wrap: false, hscroll: 0, timestamps: false, gutter: false, color: false, theme: makeTheme(false) };
    const line = { seq: 0, stream: 'stdout' as const, text: `${'x'.repeat(60)}needle` };
    const needle = makeMatcher('needle')!;
    d.revealMatch(line, needle, ctx);
    expect(d.hscroll).toBe(52);
    d.revealMatch(undefined, needle, ctx);
    expect(d.hscroll).toBe(52);
  });
});

describe('the log source', () => {
  const chunk = (text: string) => ({ stream: 'stdout' as const, data: Buffer.from(text) });
  /** A deferral run by hand: drain() runs every pending slice. */
  function manual() {
    const pending: Array<() => void> = [];
    return {
      defer: (fn: () => void) => {
        pending.push(fn);
        return () => void (pending.includes(fn) && pending.splice(pending.indexOf(fn), 1));
      },
      drain: () => {
        while (pending.length) pending.shift()!();
      },
    };
  }

  it('remembers the newest timestamp and how many lines carried it', () => {
    const s = new LogSource({ lines: () => undefined, skipped: () => undefined });
    expect(s.resumePoint()).toEqual({ ts: undefined, shownAtTs: 0 });
    s.saw([{ stream: 'stdout', text: 'a', ts: '2026-11-29T10:00:00Z' }, { stream: 'event', text: 'marker' }, { stream: 'stdout', text: 'b', ts: '2026-11-29T10:00:01Z' }]);
    s.saw([{ stream: 'stderr', text: 'c', ts: '2026-11-29T10:00:01Z' }]);
    expect(s.resumePoint()).toEqual({ ts: '2026-11-29T10:00:01Z', shownAtTs: 2 });
    expect(s.lastTimestamp).toBe('2026-11-29T10:00:01Z');
    s.forget();
    expect(s.resumePoint()).toEqual({ ts: undefined, shownAtTs: 0 });
  });

  it('reads engine timestamps unless started without them, and runs a boundary after the lines before it', () => {
    const got: ParsedLine[] = [];
    const order: string[] = [];
    const d = manual();
    const s = new LogSource(
      {
        lines: (ls) => {
          got.push(...ls);
          order.push(...ls.map((l) => l.text));
        },
        skipped: () => undefined,
      },
      { defer: d.defer },
    );
    s.atBoundary(() => order.push('at once'));
    s.push(chunk('2026-11-29T10:00:00.000000000Z hello\n'));
    d.drain();
    expect(got).toEqual([expect.objectContaining({ text: 'hello', ts: '2026-11-29T10:00:00.000000000Z' })]);
    s.push(chunk('no newline yet'));
    s.atBoundary(() => order.push('ended'));
    d.drain();
    expect(order).toEqual(['at once', 'hello', 'no newline yet', 'ended']);
    s.start(false);
    s.push(chunk('2026-11-29T10:00:00.000000000Z plain\n'));
    d.drain();
    expect(got.at(-1)).toEqual(expect.objectContaining({ text: '2026-11-29T10:00:00.000000000Z plain' }));
    expect(got.at(-1)?.ts).toBeUndefined();
    s.stop();
  });

  it('stops the old feeder when a new source starts: its queued input never arrives', () => {
    const texts: string[] = [];
    const d = manual();
    const s = new LogSource({ lines: (ls) => texts.push(...ls.map((l) => l.text)), skipped: () => undefined }, { defer: d.defer });
    s.start(false);
    s.push(chunk('old\n'));
    s.start(false);
    s.push(chunk('new\n'));
    d.drain();
    expect(texts).toEqual(['new']);
  });
});
