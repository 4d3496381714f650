import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiCell, localeIsUtf8 } from '../../src/widgets/ascii.js';

describe('ASCII cells', () => {
  it.each([
    ['─', '-'],
    ['│', '|'],
    ['┌', '+'],
    ['▶', '>'],
    ['…', '~'],
    ['▏', '|'],
    ['⏳', '*'],
    ['é', 'e'],
    ['e\u0301', 'e'],
    ['日', '?'],
    ['\x03', ' '],
    ['a', 'a'],
    [' ', ' '],
  ])('%s is %s', (cell, ascii) => {
    expect(asciiCell(cell)).toBe(ascii);
  });

  it('turns any text into one printable ASCII character or nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2 }), (s) => {
        expect(asciiCell(s)).toMatch(/^[\x20-\x7e]?$/);
      }),
    );
  });
});

describe('the locale', () => {
  it.each([
    [{ LANG: 'en_US.UTF-8' }, true],
    [{ LANG: 'C.utf8' }, true],
    [{ LANG: 'C' }, false],
    [{}, false],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'C' }, false],
    [{ LANG: 'C', LC_CTYPE: 'de_DE.UTF-8' }, true],
    [{ LANG: 'C', LC_ALL: '', LC_CTYPE: 'de_DE.UTF-8' }, true],
    [{ LANG: 'en_US.ISO-8859-1' }, false],
  ])('%j is UTF-8: %s', (env, utf8) => {
    expect(localeIsUtf8(env)).toBe(utf8);
  });
});
