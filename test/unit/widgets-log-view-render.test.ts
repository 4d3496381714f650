import blessed from 'blessed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/render/log-lines.js';
import { makeMatcher } from '../../src/render/log-search.js';
import { displayWidth } from '../../src/render/text.js';
import { lineRows, matchColumn, type RenderContext, rowCount } from '../../src/widgets/log-view/render.js';
import { makeTheme } from '../../src/widgets/theme.js';

const blessedWidth = (blessed as unknown as { unicode: { strWidth(s: string): number } }).unicode.strWidth;

const ctx = (over: Partial<RenderContext> = {}): RenderContext => ({
  width: 20,
  wrap: true,
  hscroll: 0,
  timestamps: false,
  gutter: false,
  color: true,
  theme: makeTheme(false),
  blessedWidth,
  ...over,
});

const line = (text: string, over: Partial<LogLine> = {}): LogLine => ({ seq: 0, stream: 'stdout', text, ...over });

/** What a row shows: tags and SGR removed, {open}/{close} back to braces. */
const shown = (row: string) =>
  row
    .replace(/\x1b\[[\d;]*m/g, '')
    .replace(/\{(\/?)[\w-]+\}/g, (t) => (t === '{open}' ? '{' : t === '{close}' ? '}' : ''));

describe('log line rendering', () => {
  it('wraps by columns, counting wide characters as two and never splitting one', () => {
    const rows = lineRows(line('abcdefghi中文中文'), ctx({ width: 10 }));
    expect(rows.map(shown)).toEqual(['abcdefghi', '中文中文']);
    expect(rowCount(line('abcdefghi中文中文'), ctx({ width: 10 }))).toBe(2);
  });

  it('shows emoji as a two-column placeholder that blessed and terminals agree on', () => {
    const rows = lineRows(line('a🐳b❤️c🇩🇪d'), ctx());
    expect(rows.map(shown)).toEqual(['a??b??c??d']);
    expect(blessedWidth(shown(rows[0]!))).toBe(displayWidth(shown(rows[0]!)));
  });

  it('without wrap, cuts at the window and blanks a wide character cut by an edge', () => {
    const c = ctx({ wrap: false, width: 6, hscroll: 1 });
    expect(lineRows(line('中文abcdefgh'), c).map(shown)).toEqual([' 文abc']);
    expect(lineRows(line('abcde中'), ctx({ wrap: false, width: 6 })).map(shown)).toEqual(['abcde ']);
  });

  it('carries a kept colour onto the next wrapped row and resets it at each row end', () => {
    const rows = lineRows(line('\x1b[31mabcdefghijkl\x1b[m end'), ctx({ width: 6 }));
    expect(rows[0]).toBe('\x1b[31mabcdef\x1b[m');
    expect(rows[1]).toBe('\x1b[31mghijkl\x1b[m');
    expect(rows.map(shown)).toEqual(['abcdef', 'ghijkl', ' end']);
  });

  it('keeps the colour of text scrolled out to the left', () => {
    const rows = lineRows(line('\x1b[32mabcdefgh'), ctx({ wrap: false, width: 4, hscroll: 2 }));
    expect(rows).toEqual(['\x1b[32mcdef\x1b[m']);
  });

  it('drops the colour when colour is off, and when the line has search highlights', () => {
    expect(lineRows(line('\x1b[31mred'), ctx({ color: false }))).toEqual(['red']);
    const hl = lineRows(line('\x1b[31mred alert'), ctx({ highlight: makeMatcher('alert') }));
    expect(hl).toEqual(['red {inverse}alert{/inverse}']);
  });

  it('escapes braces so container text is never a blessed tag', () => {
    expect(lineRows(line('{bold}x{/bold}'), ctx())).toEqual(['{open}bold{close}x{open}/bold{close}']);
  });

  it('prefixes a stream marker and the time, with a hanging indent for wrapped rows', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    const rows = lineRows(line('x'.repeat(30), { stream: 'stderr', time: t }), ctx({ width: 40, gutter: true, timestamps: true }));
    expect(rows.map(shown)).toEqual([`! 01-02 03:04:05.006 ${'x'.repeat(19)}`, `${' '.repeat(21)}${'x'.repeat(11)}`]);
  });

  it('puts the age beside the time, counted from the frame\'s now, and keeps the indent for wrapped rows', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    const rows = lineRows(line('x'.repeat(30), { time: t }), ctx({ width: 60, timestamps: true, ages: true, now: t + 2 * 3_600_000 }));
    expect(rows.map(shown)).toEqual([`01-02 03:04:05.006 ${'2 hours ago'.padEnd(22)} ${'x'.repeat(18)}`, `${' '.repeat(42)}${'x'.repeat(12)}`]);
    // Ages alone, without the time, are not a mode: the ages flag needs timestamps on.
    expect(lineRows(line('y', { time: t }), ctx({ width: 60, ages: true, now: t })).map(shown)).toEqual(['y']);
  });

  it('marks the continuation of a cut line', () => {
    expect(lineRows(line('rest', { cont: true }), ctx()).map(shown)).toEqual(['…rest']);
  });

  it('finds the column of the first match, in display columns', () => {
    expect(matchColumn(line('中文 \x1b[31mneedle'), makeMatcher('needle')!, ctx())).toBe(5);
    expect(matchColumn(line('nothing'), makeMatcher('needle')!, ctx())).toBeUndefined();
  });

  it('never gives a row wider than the box, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 4, max: 40 }), fc.boolean(), fc.integer({ min: 0, max: 30 }), (s, width, wrap, hscroll) => {
        const c = ctx({ width, wrap, hscroll, gutter: true });
        const l = line(s);
        const rows = lineRows(l, c);
        if (wrap) expect(rows.length).toBe(rowCount(l, c));
        for (const r of rows) {
          const text = shown(r);
          expect(displayWidth(text)).toBeLessThanOrEqual(width);
          // What blessed will count is what a terminal draws.
          expect(blessedWidth(text)).toBe(displayWidth(text));
        }
      }),
      { numRuns: 500 },
    );
  });
});
