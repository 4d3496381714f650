import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSgr, MAX_SGR_PARAMS, sanitizeLogLine, stripSgr } from '../../src/render/log-sanitize.js';

const COLOR = { keepColor: true } as const;
const PLAIN = { keepColor: false } as const;

// The only escapes allowed out, and only with keepColor.
const SGR = /\x1b\[([\d;]*)m/g;
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\u{e0000}-\u{e007f}]|\p{Cs}/u;

/** Fragments a hostile container would print, mixed with text. */
const FRAGMENTS = [
  '\x1b', '\x1b[', '\x1b]', '\x1bP', '\x1bX', '\x1b^', '\x1b_', '\x1b\\', '\x07', '\x9c', '\x9b', '\x9d', '\x90',
  '\x1b[2J', '\x1b[H', '\x1b[?1049h', '\x1b[?1000h', '\x1b[6n', '\x1b[1;31m', '\x1b[0m', '\x1b[m', '\x1b[38;5;300m',
  '\x1b[38;2;1;2;3m', '\x1b[48;5;9m', '\x1b[38:2:1:2:3m', '\x1b]0;pwned\x07', '\x1b]52;c;cm0gLXJmIC8=\x07',
  '\x1b]8;;http://evil/\x1b\\', '\x1bPq#0;2;0;0;0\x1b\\', '\x1bc', '\x1b(0', '\x1b#8', '\x1b7', '\x1bM',
  '\r', '\r\n', '\t', '\x00', '\x08', '\x7f', '\x85', '\u202e', '\u2066', '\u200b', '\ufeff', '\u{e0041}', '\ud800', '\udc00',
  ';', 'm', '[', '0', '1', '9', '{red-fg}', '{/}', '}', 'é', '中', '🐳', '👩‍💻', 'e\u0301',
];

const hostile = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map((b) => new TextDecoder().decode(b)) },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 4 }).map((cps) => cps.map((c) => String.fromCodePoint(c)).join('')) },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 4 }).map((cus) => String.fromCharCode(...cus)) },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9;]{0,80}$/).map((p) => `\x1b[${p}m`) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const tabs = (s: string) => s.split('\t').length - 1;

describe('sanitizeLogLine: properties over hostile input', () => {
  const runs = { numRuns: 3000 };

  it('without colour, leaves no escape and no control character at all', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(sanitizeLogLine(s, PLAIN)).not.toMatch(FORBIDDEN);
      }),
      runs,
    );
  });

  it('with colour, leaves nothing but bounded canonical SGR sequences', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = sanitizeLogLine(s, COLOR);
        for (const m of out.matchAll(SGR)) {
          expect(m[1]!.length).toBeLessThanOrEqual(MAX_SGR_PARAMS);
          expect(canonicalSgr(m[1]!)).toBe(m[1]);
        }
        expect(out.replace(SGR, '')).not.toMatch(FORBIDDEN);
      }),
      runs,
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (s, keepColor) => {
        const once = sanitizeLogLine(s, { keepColor });
        expect(sanitizeLogLine(once, { keepColor })).toBe(once);
      }),
      runs,
    );
  });

  it('never grows the text beyond its tab expansion', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (s, keepColor) => {
        expect(sanitizeLogLine(s, { keepColor }).length).toBeLessThanOrEqual(s.length + 7 * tabs(s));
      }),
      runs,
    );
  });

  it('keeps the text of a plain line exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !FORBIDDEN.test(s)), (s) => {
        expect(sanitizeLogLine(s, PLAIN)).toBe(s);
      }),
    );
  });

  it('without colour equals the coloured output with SGR removed', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(sanitizeLogLine(s, PLAIN)).toBe(stripSgr(sanitizeLogLine(s, COLOR)));
      }),
      runs,
    );
  });
});

describe('sanitizeLogLine: the sequences that matter', () => {
  it.each([
    ['window title (OSC 0, BEL)', 'a\x1b]0;pwned\x07b', 'ab'],
    ['window title (OSC 2, ST)', 'a\x1b]2;pwned\x1b\\b', 'ab'],
    ['clipboard (OSC 52)', 'x\x1b]52;c;cm0gLXJmIC8=\x07y', 'xy'],
    ['hyperlink (OSC 8)', '\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['8-bit OSC', 'a\x9d0;t\x9cb', 'ab'],
    ['unterminated OSC eats the rest of the line', 'a\x1b]0;title', 'a'],
    ['DCS', 'a\x1bPq#0;2\x1b\\b', 'ab'],
    ['APC / PM / SOS', '\x1b_x\x1b\\\x1b^y\x1b\\\x1bXz\x1b\\ok', 'ok'],
    ['clear screen', 'a\x1b[2Jb', 'ab'],
    ['alternate screen', '\x1b[?1049hx', 'x'],
    ['cursor moves', '\x1b[10;20Hx\x1b[5Ay', 'xy'],
    ['device status report', '\x1b[6n!', '!'],
    ['8-bit CSI with parameters', 'a\x9b2Jb', 'ab'],
    ['reset, charset, DECALN, save cursor', '\x1bc\x1b(0\x1b#8\x1b7ok', 'ok'],
    ['bell, NUL, backspace, DEL', 'a\x07\x00\x08\x7fb', 'ab'],
    ['C1 controls', 'a\x85\x8d\x80b', 'ab'],
    ['8-bit APC string', 'a\x9fhidden\x9cb', 'ab'],
    ['bidi override and isolates', 'abc\u202edef\u2066g\u2069', 'abcdefg'],
    ['zero-width and tag characters', 'a\u200bb\ufeffc\u{e0041}', 'abc'],
    ['lone surrogates', 'a\ud800b', 'a\ufffdb'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeLogLine(input, PLAIN)).toBe(expected);
    expect(sanitizeLogLine(input, COLOR)).toBe(expected);
  });

  it('keeps the text after the last carriage return, like a redrawn progress bar', () => {
    expect(sanitizeLogLine('10%\r20%\r30%', PLAIN)).toBe('30%');
    expect(sanitizeLogLine('done\r', PLAIN)).toBe('done');
    expect(sanitizeLogLine('done\r\r', PLAIN)).toBe('done');
  });

  it('expands tabs to the next multiple of 8 columns, counting wide characters as two', () => {
    expect(sanitizeLogLine('a\tb', PLAIN)).toBe('a       b');
    expect(sanitizeLogLine('\t\tx', PLAIN)).toBe(' '.repeat(16) + 'x');
    expect(sanitizeLogLine('中\tx', PLAIN)).toBe('中      x');
    expect(sanitizeLogLine('\x1b[31ma\tb', COLOR)).toBe('\x1b[31ma       b');
  });

  it('keeps colour canonically, or drops it', () => {
    expect(sanitizeLogLine('\x1b[1;31merror\x1b[0m ok', COLOR)).toBe('\x1b[1;31merror\x1b[m ok');
    expect(sanitizeLogLine('\x1b[1;31merror\x1b[0m ok', PLAIN)).toBe('error ok');
    expect(sanitizeLogLine('\x1b[38;5;208morange', COLOR)).toBe('\x1b[38;5;208morange');
    expect(sanitizeLogLine('\x1b[38;2;255;0;0mred', COLOR)).toBe('\x1b[38;2;255;0;0mred');
  });

  it('drops colour values blessed would misread, and attributes that hide text', () => {
    // blessed packs a colour into 9 bits: index 300 would spill into the attribute flags.
    expect(sanitizeLogLine('\x1b[38;5;300mx', COLOR)).toBe('x');
    expect(sanitizeLogLine('\x1b[48;2;1;999;3mx', COLOR)).toBe('x');
    expect(sanitizeLogLine('\x1b[8mhidden', COLOR)).toBe('hidden');
    expect(sanitizeLogLine('\x1b[5;31mblink', COLOR)).toBe('\x1b[31mblink');
    expect(sanitizeLogLine('\x1b[38:2:1:2:3mx', COLOR)).toBe('x');
    expect(sanitizeLogLine(`\x1b[${'1;'.repeat(40)}31mx`, COLOR)).toBe('x');
  });
});

describe('canonicalSgr', () => {
  it('writes reset as the empty parameter and drops what a reset undoes', () => {
    expect(canonicalSgr('0')).toBe('');
    expect(canonicalSgr('')).toBe('');
    expect(canonicalSgr('31;0;1')).toBe(';1');
    expect(canonicalSgr('001;031')).toBe('1;31');
    expect(canonicalSgr('5')).toBeUndefined();
  });
});
