import blessed from 'blessed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutColumns } from '../../src/render/layout.js';
import { EMOJI, ONE_COLUMN, blessedGraphemeWidth, displayWidth, fit, graphemeWidth, stripControl } from '../../src/render/text.js';
import { CONTAINER_COLUMNS } from '../../src/render/containers.js';

describe('terminal text widths', () => {
  it('counts CJK and emoji as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('🐳')).toBe(2);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('fits text to an exact width, with an ellipsis when cut', () => {
    expect(fit('hello', 8)).toBe('hello   ');
    expect(fit('hello world', 8)).toBe('hello w…');
    expect(fit('12', 5, 'right')).toBe('   12');
    expect(displayWidth(fit('中文中文中文', 5))).toBe(5);
  });

  it('removes control characters', () => {
    expect(fit('a\x1b[2Jb', 5)).toBe('a[2Jb');
  });

  it('always gives exactly the width asked for, whatever the input, as blessed measures it too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 60 }), (s, w) => {
        const out = fit(s, w);
        expect(displayWidth(out)).toBe(w);
        expect(unicode.strWidth(out)).toBe(w);
      }),
    );
  });
});

const unicode = (blessed as unknown as { unicode: { strWidth(s: string): number; charWidth(s: string, i: number): number } }).unicode;

describe('widths from Unicode East Asian Width data, agreeing with blessed', () => {
  it.each([
    ['Kana Supplement', '\u{1b002}'],
    ['Tangut', '\u{17000}'],
    ['enclosed ideographic supplement', '\u{1f200}'],
    ['CJK Extension B', '\u{20000}'],
    ['fullwidth A', '\uff21'],
    ['Hangul syllable', '한'],
    ['Hangul from conjoining jamo', '\u1112\u1161\u11ab'],
  ])('counts %s two columns wide', (_what, ch) => {
    expect(displayWidth(ch)).toBe(2);
  });

  it.each([
    ['an ambiguous-width letter (terminals default to narrow)', '\u00e9'],
    ['Greek', 'λ'],
    ['a box-drawing line', '─'],
    ['a decomposed accent', 'e\u0301'],
    ['the soft hyphen', '\u00ad'],
  ])('counts %s one column wide', (_what, ch) => {
    expect(displayWidth(ch)).toBe(1);
  });

  it('adds up the spacing marks of a cluster, as terminals do', () => {
    expect(graphemeWidth('\u0915\u093f')).toBe(2); // Devanagari ka + vowel sign i
  });

  it('draws stand-ins where blessed counts otherwise than the terminal, and the text itself where they agree', () => {
    // blessed 0.1.81 counts Kana Supplement's U+1B002 and Tangut one column.
    expect(fit('\u{1b002}x', 4)).toBe('??x ');
    expect(fit('\u{17000}', 3)).toBe('?? ');
    expect(fit('🐳 up', 6)).toBe('?? up ');
    expect(fit('中文 é', 7)).toBe('中文 é ');
    expect(fit('\u1112\u1161\u11ab', 2)).toBe('\u1112\u1161\u11ab');
  });

  it('knows which code points blessed counts zero or two columns, for every code point', () => {
    const wrong: string[] = [];
    for (let cp = 0x20; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (blessedGraphemeWidth(ch) !== unicode.charWidth(ch, 0) && wrong.push(cp.toString(16)) > 10) break;
    }
    // If this fails after a blessed upgrade: npx tsx scripts/blessed-widths.ts
    expect(wrong).toEqual([]);
  });
});

describe('the one-column fast path', () => {
  it('takes only characters that are one column for the terminal and for blessed', () => {
    const taken: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      if (!ONE_COLUMN.test(ch)) continue;
      taken.push(ch);
      expect([cp.toString(16), graphemeWidth(ch), blessedGraphemeWidth(ch), EMOJI.test(ch), stripControl(ch)]).toEqual([cp.toString(16), 1, 1, false, ch]);
    }
    // Latin-1 ("·" in a compose label) is in; a wide character is not.
    expect(taken).toContain('·');
    expect(ONE_COLUMN.test('demo · web#2 …')).toBe(true);
    expect(ONE_COLUMN.test('中')).toBe(false);
  });

  it('cuts and pads Latin-1 text as the grapheme walk would', () => {
    expect(fit('démo · web', 6)).toBe('démo …');
    expect(fit('café', 6, 'right')).toBe('  café');
    expect(displayWidth('naïve · ↕cpu')).toBe(12);
  });
});

describe('column layout', () => {
  it('fills the width exactly', () => {
    for (const width of [40, 78, 118, 198]) {
      const l = layoutColumns(CONTAINER_COLUMNS, width);
      expect(l.reduce((s, c) => s + c.width, 0) + (l.length - 1)).toBe(width);
    }
  });

  it('drops the least important columns first when narrow', () => {
    const l = layoutColumns(CONTAINER_COLUMNS, 30);
    expect(l.map((c) => CONTAINER_COLUMNS[c.index]!.title)).toContain('NAME');
    expect(l.map((c) => CONTAINER_COLUMNS[c.index]!.title)).not.toContain('IMAGE');
  });
});

describe('clusters of several spacing marks', () => {
  it('are never wider than two columns, and blessed is handed a stand-in where it counts three (regression: a log row wider than its box)', () => {
    const note = '\u{1d158}\u{1d165}\u{1d16e}'; // a musical note written as three code points
    expect(graphemeWidth(note)).toBe(2);
    expect(fit(note, 2)).toBe('??');
  });
});
