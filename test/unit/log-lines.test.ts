import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineAssembler, linesToText, type ParsedLine } from '../../src/render/log-lines.js';
import { formatLogTime, splitTimestamp, timestampKey } from '../../src/render/log-time.js';

const out = (s: string) => ({ stream: 'stdout' as const, data: Buffer.from(s) });
const err = (s: string) => ({ stream: 'stderr' as const, data: Buffer.from(s) });
const texts = (lines: ParsedLine[]) => lines.map((l) => l.text);

describe('LineAssembler', () => {
  it('keeps a line that straddles chunks until its newline arrives', () => {
    const a = new LineAssembler({ timestamps: false });
    expect(a.push(out('hel'))).toEqual([]);
    expect(texts(a.push(out('lo\nwor')))).toEqual(['hello']);
    expect(texts(a.push(out('ld\n\n')))).toEqual(['world', '']);
    expect(a.flush()).toEqual([]);
  });

  it('drops the CR of CRLF, also when the CR and LF arrive apart', () => {
    const a = new LineAssembler({ timestamps: false });
    expect(texts(a.push(out('a\r\nb\r')))).toEqual(['a']);
    expect(texts(a.push(out('\nc')))).toEqual(['b']);
    expect(texts(a.flush())).toEqual(['c']);
  });

  it('keeps stdout and stderr apart, each with its own partial line', () => {
    const a = new LineAssembler({ timestamps: false });
    const lines = [...a.push(out('o1\no2-')), ...a.push(err('e1\ne2-')), ...a.push(out('end\n')), ...a.push(err('end\n'))];
    expect(lines.map((l) => `${l.stream}:${l.text}`)).toEqual(['stdout:o1', 'stderr:e1', 'stdout:o2-end', 'stderr:e2-end']);
  });

  it('decodes a UTF-8 sequence cut by a chunk boundary, per stream', () => {
    const a = new LineAssembler({ timestamps: false });
    const whale = Buffer.from('🐳\n');
    const lines = [
      ...a.push({ stream: 'stdout', data: whale.subarray(0, 2) }),
      ...a.push({ stream: 'stderr', data: Buffer.from([0xe4, 0xb8]) }),
      ...a.push({ stream: 'stdout', data: whale.subarray(2) }),
      ...a.push({ stream: 'stderr', data: Buffer.from([0xad, 0x0a]) }),
    ];
    expect(texts(lines)).toEqual(['🐳', '中']);
  });

  it('turns invalid UTF-8 and NUL bytes into something safe', () => {
    const a = new LineAssembler({ timestamps: false });
    const [line] = a.push({ stream: 'stdout', data: Buffer.from([0x61, 0xff, 0xfe, 0x00, 0x9b, 0x62, 0x0a]) });
    expect(line!.text).toBe('a\ufffd\ufffd\ufffdb');
  });

  it('cuts a 1 MB line without newline into bounded, marked pieces, and joins them on save', () => {
    const a = new LineAssembler({ timestamps: false });
    const chunk = 'x'.repeat(64 * 1024);
    const lines: ParsedLine[] = [];
    for (let i = 0; i < 16; i++) a.push(out(chunk), lines);
    a.push(out('\n'), lines);
    expect(lines.every((l) => l.text.length <= 8192)).toBe(true);
    expect(lines.reduce((n, l) => n + l.text.length, 0)).toBe(1024 * 1024);
    expect(lines[0]!.cont).toBeUndefined();
    expect(lines.slice(1).every((l) => l.cont)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.cut)).toBe(true);
    expect(lines.at(-1)!.cut).toBeUndefined();
    expect(linesToText(lines, { timestamps: false })).toBe('x'.repeat(1024 * 1024) + '\n');
  });

  it('never splits a surrogate pair when cutting', () => {
    const a = new LineAssembler({ timestamps: false, maxLineChars: 65 });
    const lines = a.push(out('🐳'.repeat(50) + '\n'));
    expect(lines.length).toBe(2);
    expect(lines.some((l) => /\p{Cs}/u.test(l.text))).toBe(false);
    expect(lines.map((l) => l.text).join('')).toBe('🐳'.repeat(50));
  });

  it('parses engine timestamps off each line start, also across chunks, and keeps them for the pieces', () => {
    const a = new LineAssembler({ timestamps: true, maxLineChars: 64 });
    const lines = [...a.push(out('2024-01-02T03:04:05.1234')), ...a.push(out('56789Z hello\n2024-01-02T03:04:06Z ' + 'y'.repeat(80) + '\n'))];
    expect(lines[0]).toMatchObject({ text: 'hello', ts: '2024-01-02T03:04:05.123456789Z', time: Date.UTC(2024, 0, 2, 3, 4, 5, 123) });
    expect(lines.slice(1).map((l) => [l.text.length, l.ts])).toEqual([
      [64, '2024-01-02T03:04:06Z'],
      [16, '2024-01-02T03:04:06Z'],
    ]);
  });

  it("takes off the timestamps the engine puts inside a long line's 16 KiB parts, however it is chunked", () => {
    // Recorded from dockerd 20.10 (json-file): a 40,000-byte line of x, a line of "a" and 5,000
    // whales (the engine cut one whale at the 16 KiB split and stored its bytes as U+FFFD),
    // "short", and a last line without newline.
    const recorded = readFileSync(new URL('./fixtures/log-partial-timestamps.txt', import.meta.url));
    const expected = [40000, 1 + 4 * 4999 / 2 + 4, 5, 10];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), (size) => {
        const a = new LineAssembler({ timestamps: true, maxLineChars: 1e6 });
        const lines: ParsedLine[] = [];
        for (let i = 0; i < recorded.length; i += size) a.push({ stream: 'stdout', data: recorded.subarray(i, i + size) }, lines);
        a.flush(lines);
        expect(lines.map((l) => [...l.text].length)).toEqual(expected.map((n, i) => (i === 1 ? 5004 : n)));
        expect(lines.every((l) => !/\d{4}-\d\d-\d\dT/.test(l.text))).toBe(true);
        expect(lines[0]!.text).toBe('x'.repeat(40000));
        expect(lines.map((l) => l.ts)).toEqual(['2026-11-28T09:27:25.390178728Z', '2026-11-28T09:27:25.512239829Z', '2026-11-28T09:27:25.516820501Z', '2026-11-28T09:27:25.564466488Z']);
      }),
      { numRuns: 40 },
    );
  });

  it('takes a timestamp off only at a part boundary, and stops looking once a boundary has none', () => {
    const a = new LineAssembler({ timestamps: true, partialBytes: 20 });
    const at = a.push(out('2024-01-01T00:00:00Z 01234567890123456789' + '2024-01-01T00:00:01Z y\n'));
    expect(at[0]!.text).toBe('01234567890123456789y');
    const off = a.push(out('2024-01-01T00:00:02Z 0123456789012345678' + '2024-01-01T00:00:03Z y' + 'z'.repeat(30) + '2024-01-01T00:00:04Z \n'));
    expect(off[0]!.text).toBe('0123456789012345678' + '2024-01-01T00:00:03Z y' + 'z'.repeat(30) + '2024-01-01T00:00:04Z ');
    expect(off[0]!.ts).toBe('2024-01-01T00:00:02Z');
  });

  it('does not parse timestamps when the engine was not asked for them', () => {
    const a = new LineAssembler({ timestamps: false });
    expect(a.push(out('2024-01-02T03:04:05Z hi\n'))[0]).toEqual({ stream: 'stdout', text: '2024-01-02T03:04:05Z hi' });
  });

  it('sanitises what it emits', () => {
    const a = new LineAssembler({ timestamps: false });
    expect(texts(a.push(out('\x1b]0;pwned\x07\x1b[2Jok\x1b[31m!\n')))).toEqual(['ok\x1b[31m!']);
  });

  it('gives the same lines however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), (bytes, sizes) => {
        const whole = new LineAssembler({ timestamps: false, maxLineChars: 32 });
        const expected = [...whole.push({ stream: 'stdout', data: Buffer.from(bytes) }), ...whole.flush()];
        const parts = new LineAssembler({ timestamps: false, maxLineChars: 32 });
        const got: ParsedLine[] = [];
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const n = sizes[i % sizes.length]!;
          parts.push({ stream: 'stdout', data: Buffer.from(bytes.subarray(at, at + n)) }, got);
          at += n;
        }
        parts.flush(got);
        expect(linesToText(got, { timestamps: false })).toBe(linesToText(expected, { timestamps: false }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('timestamps', () => {
  it('splits a timestamp prefix only when it is one', () => {
    expect(splitTimestamp('2024-01-01T00:00:00Z x')).toMatchObject({ text: 'x', time: Date.UTC(2024, 0, 1) });
    expect(splitTimestamp('2024-01-01 00:00:00 x')).toEqual({ text: '2024-01-01 00:00:00 x' });
  });

  it('orders engine timestamps to the nanosecond, whatever trailing zeros were trimmed', () => {
    const a = timestampKey('2024-01-01T00:00:00.1Z')!;
    const b = timestampKey('2024-01-01T00:00:00.100000001Z')!;
    expect(a).toBe(timestampKey('2024-01-01T00:00:00.100000000Z'));
    expect(a < b).toBe(true);
    expect(timestampKey('2024-01-01T00:00:01Z')! > b).toBe(true);
    expect(timestampKey('nonsense')).toBeUndefined();
  });

  it('formats in local time with a fixed width', () => {
    const t = new Date(2024, 4, 6, 7, 8, 9, 12).getTime();
    expect(formatLogTime(t)).toBe('05-06 07:08:09.012');
  });
});

describe('linesToText', () => {
  it('writes lines as shown: no colour, no marker lines, timestamps when shown', () => {
    const t = new Date(2024, 0, 1, 12, 0, 0, 0).getTime();
    const lines: ParsedLine[] = [
      { stream: 'stdout', text: '\x1b[31mred\x1b[m', time: t },
      { stream: 'event', text: 'container restarted' },
      { stream: 'stderr', text: 'no time' },
    ];
    expect(linesToText(lines, { timestamps: false })).toBe('red\nno time\n');
    expect(linesToText(lines, { timestamps: true })).toBe(`01-01 12:00:00.000 red\n${' '.repeat(19)}no time\n`);
    expect(linesToText([], { timestamps: true })).toBe('');
  });
});
