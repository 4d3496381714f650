// Log sanitising from the bytes a container writes, through the same path berth uses
// (LineAssembler: chunks -> UTF-8 decoding -> lines, long lines cut into pieces -> sanitised
// text): invalid UTF-8, sequences split between chunks, escape sequences split between the
// pieces of a long line, and lines of a megabyte and more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineAssembler, MAX_LINE_CHARS, type ParsedLine } from '../../src/render/log-lines.js';
import { sanitizeLogLine, stripSgr } from '../../src/render/log-sanitize.js';

// What may never come out (besides canonical SGR, which is stripped before the check).
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\u{e0000}-\u{e007f}]|\p{Cs}/u;
const SGR_ONLY = /\x1b\[[\d;]*m/g;

/** The payload letter of the terminal strings below: it appears nowhere else in the input. */
const SECRET = 'Q';
const b = (s: string) => Buffer.from(s, 'latin1');
const u = (s: string) => Buffer.from(s, 'utf8');

/** Byte fragments a hostile container would write. None holds the letter Q. */
const FRAGMENTS: Buffer[] = [
  // Escapes, 7-bit and as UTF-8 encoded C1 controls.
  ...['\x1b', '\x1b[', '\x1b]', '\x1bP', '\x1b\\', '\x1b[2J', '\x1b[?1049h', '\x1b[1;31m', '\x1b[0m', '\x1b[38;5;208m', '\x1b(0', '\x1b#8', '\x07', '\x00', '\x7f'].map(b),
  ...['\u009b2J', '\u009d', '\u009c', '\u0090', '\u0085'].map(u),
  // Invalid UTF-8: a lone continuation byte, an overlong NUL, a truncated sequence, an encoded
  // surrogate, bytes that never occur.
  b('\x80'), b('\xc0\x80'), b('\xe4\xb8'), b('\xed\xa0\x80'), b('\xff\xfe'), b('\xf4\x90\x80\x80'),
  // Valid multibyte text, cut anywhere by the chunking below.
  u('é'), u('中文'), u('🐳'), u('👩‍💻'), u('e\u0301'), u('\u202e'), u('\u200b'),
  b('plain text '), b(' '), b(';'), b('m'), b('0'),
];

/** Terminal strings whose payload must never be shown: OSC title, clipboard, hyperlink, DCS, APC. */
function secretString(payload: string, kind: number, terminator: number): Buffer {
  const open = ['\x1b]0;', '\x1b]52;c;', '\x1b]8;;', '\x1bP', '\x1b_', '\u009d2;'][kind]!;
  const close = ['\x07', '\x1b\\', '\u009c'][terminator]!;
  return u(open + payload + close);
}
const secret = fc
  .tuple(fc.stringMatching(new RegExp(`^[${SECRET}${SECRET.toLowerCase()}0-9;: \\t\\r]{0,40}$`)), fc.nat(5), fc.nat(2))
  .map(([text, kind, term]) => secretString(`${SECRET}${text}`, kind, term));

const line = (withCrAndTab: boolean) =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
        { weight: 2, arbitrary: secret },
        // Random bytes, with Q turned into P so the payload letter stays unique.
        { weight: 2, arbitrary: fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a.map((x) => (x === 0x51 || x === 0x71 ? 0x50 : x)))) },
        { weight: withCrAndTab ? 1 : 0, arbitrary: fc.constantFrom(b('\r'), b('\t'), b('\r\n')) },
      ),
      { maxLength: 30 },
    )
    .map((parts) => Buffer.concat(parts.filter((p) => withCrAndTab || !(p.includes(0x0d) || p.includes(0x09)))));

/** Lines joined by newlines (sometimes a last one without), and where to cut them into chunks. */
const stream = (withCrAndTab: boolean) =>
  fc.record({
    lines: fc.array(line(withCrAndTab).map((l) => (withCrAndTab ? l : Buffer.from(l.filter((x) => x !== 0x0a)))), { minLength: 1, maxLength: 6 }),
    lastNewline: fc.boolean(),
    cuts: fc.array(fc.nat(), { maxLength: 12 }),
    maxLineChars: fc.oneof(fc.integer({ min: 16, max: 64 }), fc.constant(MAX_LINE_CHARS)),
  });

function bytesOf(s: { lines: Buffer[]; lastNewline: boolean }): Buffer {
  const joined = Buffer.concat(s.lines.flatMap((l, i) => (i < s.lines.length - 1 || s.lastNewline ? [l, b('\n')] : [l])));
  return joined;
}

/** Feeds the bytes in chunks cut at the given places, as the engine's stream would arrive. */
function feed(bytes: Buffer, cuts: readonly number[], maxLineChars: number): ParsedLine[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const a = new LineAssembler({ timestamps: false, maxLineChars });
  const out: ParsedLine[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    if (c > from) a.push({ stream: 'stdout', data: bytes.subarray(from, c) }, out);
    from = c;
  }
  a.flush(out);
  return out;
}

/** The pieces of cut lines joined back into whole lines, colour removed. */
function wholeLines(pieces: readonly ParsedLine[]): string[] {
  const lines: string[] = [];
  for (const p of pieces) {
    if (p.cont && lines.length) lines[lines.length - 1] += stripSgr(p.text);
    else lines.push(stripSgr(p.text));
  }
  return lines;
}

describe('log bytes: properties over hostile input, through the byte-level path', () => {
  it('never lets an escape, a control character or a payload of a terminal string through, however the bytes are chunked and the lines cut', () => {
    fc.assert(
      fc.property(stream(true), (s) => {
        for (const piece of feed(bytesOf(s), s.cuts, s.maxLineChars)) {
          expect(piece.text.replace(SGR_ONLY, '')).not.toMatch(FORBIDDEN);
          expect(piece.text).not.toContain(SECRET);
        }
      }),
      { numRuns: 3000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);

  it('gives the same text as sanitising each whole line decoded at once, whatever the chunks and the cuts', () => {
    fc.assert(
      fc.property(stream(false), (s) => {
        const bytes = bytesOf(s);
        const expected = new TextDecoder().decode(bytes).split('\n');
        // After the last newline there is a line only if some byte came.
        if (expected.at(-1) === '') expected.pop();
        const want = expected.map((l) => stripSgr(sanitizeLogLine(l, { keepColor: true })));
        expect(wholeLines(feed(bytes, s.cuts, s.maxLineChars))).toEqual(want);
      }),
      { numRuns: 3000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);

  it('ends a CSI cut after its intermediate byte where the whole line ends it (a case fast-check found)', () => {
    // ESC [ space | 0: the parameter byte after an intermediate ends the sequence and shows.
    const bytes = Buffer.from([27, 93, 27, 237, 160, 128, 27, 91, 51, 56, 59, 53, 59, 50, 48, 56, 109, 27, 91, 32, 48]);
    const want = stripSgr(sanitizeLogLine(new TextDecoder().decode(bytes), { keepColor: true }));
    expect(want.endsWith('0')).toBe(true);
    expect(wholeLines(feed(bytes, [], 20))).toEqual([want]);
  });

  it('hides a terminal string even when a CR sits inside it', () => {
    const pieces = feed(u('a\x1b]0;QQ\rQQ\x07b\n'), [], MAX_LINE_CHARS);
    expect(pieces.map((p) => p.text)).toEqual(['ab']);
  });

  it('hides a terminal string that straddles the cut of a long line', () => {
    for (const at of [-4, -3, -2, -1, 0, 1, 2]) {
      const bytes = u(`${'a'.repeat(MAX_LINE_CHARS + at)}\x1b]0;QQQQQ\x07b\x1b[31mc\n`);
      const text = wholeLines(feed(bytes, [], MAX_LINE_CHARS));
      expect(text).toEqual([`${'a'.repeat(MAX_LINE_CHARS + at)}bc`]);
    }
  });
});

describe('log bytes: lines of a megabyte and more', () => {
  it('keeps every hostile part of a 1-2 MB line hidden and the rest exactly, in engine-sized chunks', () => {
    fc.assert(
      fc.property(line(false), fc.integer({ min: 1_000_000, max: 2_100_000 }), fc.integer({ min: 4096, max: 65536 }), (pattern, size, chunk) => {
        const unit = Buffer.concat([Buffer.from(pattern.filter((x) => x !== 0x0a)), b('x')]);
        const bytes = Buffer.concat([Buffer.concat(Array.from({ length: Math.ceil(size / unit.length) }, () => unit)).subarray(0, size), b('\nafter\n')]);
        const cuts = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => i * chunk);
        const pieces = feed(bytes, cuts, MAX_LINE_CHARS);
        for (const p of pieces) {
          expect(p.text.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
          expect(p.text).not.toContain(SECRET);
          expect(p.text.replace(SGR_ONLY, '')).not.toMatch(FORBIDDEN);
        }
        const [huge, after] = new TextDecoder().decode(bytes).split('\n');
        expect(wholeLines(pieces)).toEqual([stripSgr(sanitizeLogLine(huge!, { keepColor: true })), after]);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
