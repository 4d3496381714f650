import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutColumns } from '../../src/render/layout.js';
import { displayWidth, fit } from '../../src/render/text.js';
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

  it('always gives exactly the width asked for, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 60 }), (s, w) => {
        expect(displayWidth(fit(s, w))).toBe(w);
      }),
    );
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
