import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameParser, parseFrames, type Frame, type FrameStream } from '../../src/docker/log-frames.js';

const frameArb = fc.record({
  stream: fc.constantFrom<FrameStream>(1, 2),
  data: fc.uint8Array({ minLength: 0, maxLength: 300 }).map((a) => Buffer.from(a)),
});

/** Cuts a buffer at the given (sorted, deduplicated) offsets. */
function cut(buf: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (buf.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of [...at, buf.length]) {
    parts.push(buf.subarray(prev, p));
    prev = p;
  }
  return parts;
}

function feed(parts: Buffer[], maxBuffered?: number): Frame[] {
  const p = new FrameParser(maxBuffered ? { maxBuffered } : {});
  return [...parts.flatMap((c) => p.push(c)), ...p.end()];
}

/** Joins consecutive frames of the same stream: the bytes each stream carried, in order. */
function merged(frames: Frame[]): { stream: number; data: string }[] {
  const out: { stream: number; data: string }[] = [];
  for (const f of frames) {
    if (!f.data.length) continue;
    const last = out.at(-1);
    if (last && last.stream === f.stream) last.data += f.data.toString('hex');
    else out.push({ stream: f.stream, data: f.data.toString('hex') });
  }
  return out;
}

const plain = (fs: readonly Frame[]) => fs.map((f) => ({ stream: f.stream, data: f.data.toString('hex') }));

describe('the multiplexed stream parser', () => {
  it('splits stdout and stderr frames of a whole buffer', () => {
    const buf = Buffer.concat([encodeFrame(1, Buffer.from('out 1\n')), encodeFrame(2, Buffer.from('err 1\n')), encodeFrame(1, Buffer.from('out 2\n'))]);
    expect(parseFrames(buf).map((f) => [f.stream, f.data.toString()])).toEqual([
      [1, 'out 1\n'],
      [2, 'err 1\n'],
      [1, 'out 2\n'],
    ]);
  });

  it('waits for the rest of a header and of a payload split across chunks', () => {
    const buf = encodeFrame(2, Buffer.from('hello'));
    const p = new FrameParser();
    expect(p.push(buf.subarray(0, 3))).toEqual([]);
    expect(p.push(buf.subarray(3, 10))).toEqual([]);
    expect(p.push(buf.subarray(10)).map((f) => f.data.toString())).toEqual(['hello']);
    expect(p.end()).toEqual([]);
  });

  it('passes a stream that is not framed through as raw stdout, losing nothing', () => {
    const p = new FrameParser();
    const out = [...p.push(Buffer.from('plain tty text\r\n')), ...p.push(Buffer.from('more')), ...p.end()];
    expect(p.raw).toBe(true);
    expect(Buffer.concat(out.map((f) => f.data)).toString()).toBe('plain tty text\r\nmore');
    expect(out.every((f) => f.stream === 1)).toBe(true);
  });

  it('hands a frame bigger than the limit on in pieces instead of buffering it whole', () => {
    const big = Buffer.alloc(10_000, 0x61);
    const buf = encodeFrame(1, big);
    const p = new FrameParser({ maxBuffered: 1000 });
    const pieces: Frame[] = [];
    for (let i = 0; i < buf.length; i += 700) pieces.push(...p.push(buf.subarray(i, i + 700)));
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((f) => f.data.length))).toBeLessThan(1700);
    expect(Buffer.concat(pieces.map((f) => f.data)).equals(big)).toBe(true);
  });

  it('does not allocate for a header that claims 4 GiB', () => {
    const h = Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    const p = new FrameParser();
    expect(p.push(Buffer.concat([h, Buffer.from('abc')]))).toEqual([]);
    expect(p.end().map((f) => f.data.toString())).toEqual(['abc']);
  });

  it('returns a truncated last frame at the end rather than dropping it', () => {
    const buf = encodeFrame(2, Buffer.from('cut short'));
    expect(feed([buf.subarray(0, 11)]).map((f) => [f.stream, f.data.toString()])).toEqual([[2, 'cut']]);
  });

  it('property: any split of a framed byte sequence gives the same frames', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (frames, points) => {
        const buf = Buffer.concat(frames.map((f) => encodeFrame(f.stream, f.data)));
        const whole = plain(parseFrames(buf));
        expect(plain(feed(cut(buf, points)))).toEqual(whole);
        expect(whole).toEqual(plain(frames.filter((f) => f.data.length > 0)));
      }),
      { numRuns: 300 },
    );
  });

  it('property: with a small buffer limit each stream still carries exactly its bytes, in order', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (frames, points, limit) => {
        const buf = Buffer.concat(frames.map((f) => encodeFrame(f.stream, f.data)));
        expect(merged(feed(cut(buf, points), limit))).toEqual(merged(frames));
      }),
      { numRuns: 300 },
    );
  });

  it('property: arbitrary hostile bytes never throw and never lose or invent a byte', () => {
    // What the bytes mean, read in one go: frames while the headers are headers (a truncated
    // last payload as far as it goes); from the first thing that is not a header, or a last
    // piece too short for one, everything is stdout.
    const expected = (buf: Buffer): Frame[] => {
      const out: Frame[] = [];
      let at = 0;
      while (at < buf.length) {
        const header = buf.length - at >= 8 && buf[at]! <= 3 && buf[at + 1] === 0 && buf[at + 2] === 0 && buf[at + 3] === 0;
        if (!header) {
          out.push({ stream: 1, data: buf.subarray(at) });
          break;
        }
        const size = buf.readUInt32BE(at + 4);
        const data = buf.subarray(at + 8, at + 8 + size);
        out.push({ stream: buf[at] as FrameStream, data });
        at += 8 + data.length;
      }
      return out;
    };
    // Valid frames among the noise, so both the framed and the raw readings are reached.
    const framed = fc.array(frameArb, { maxLength: 4 }).map((fs) => Buffer.concat(fs.map((f) => encodeFrame(f.stream, f.data))));
    const noise = fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a));
    const input = fc.array(fc.oneof(framed, noise, fc.constantFrom(Buffer.from([2, 0, 0, 0, 0, 0, 0, 9]), Buffer.from([1, 0, 0]))), { maxLength: 4 }).map((parts) => Buffer.concat(parts));
    fc.assert(
      fc.property(fc.oneof(input, fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a))), fc.array(fc.nat(), { maxLength: 10 }), (buf, points) => {
        const out = feed(cut(buf, points), 32);
        for (const f of out) expect([0, 1, 2, 3]).toContain(f.stream);
        // The same bytes on the same streams in the same order, however the input was cut.
        expect(merged(out)).toEqual(merged(expected(buf)));
      }),
      { numRuns: 2000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);
});
