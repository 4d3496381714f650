// An incremental parser of the engine's multiplexed stream format (logs and attach of
// non-TTY containers). Each frame is an 8-byte header [stream, 0, 0, 0, size as uint32 BE]
// followed by `size` bytes. TCP cuts the byte stream anywhere, so a header or a payload
// may arrive split across chunks: the parser keeps what it has not finished yet.
//
// The bytes come from a container, so the parser must survive anything: a header that is
// not a header (a TTY stream taken for a framed one) switches it to raw pass-through, and
// a frame that claims a huge size is handed on in pieces rather than buffered whole.

/** 0 stdin, 1 stdout, 2 stderr, 3 the engine's own error channel (newer engines). */
export type FrameStream = 0 | 1 | 2 | 3;

export interface Frame {
  readonly stream: FrameStream;
  readonly data: Buffer;
}

export interface FrameParserOptions {
  /**
   * A frame whose payload is bigger than this is emitted in pieces as its bytes arrive
   * (each piece carries the frame's stream), so memory stays bounded. Default 1 MiB.
   */
  readonly maxBuffered?: number;
}

const HEADER = 8;

function isHeader(b: Buffer, at: number): boolean {
  return b[at]! <= 3 && b[at + 1] === 0 && b[at + 2] === 0 && b[at + 3] === 0;
}

export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);
  /** Stream and bytes still expected of the frame being read, when inside a payload. */
  private current: { stream: FrameStream; left: number; parts: Buffer[]; size: number } | undefined;
  private rawMode = false;
  private readonly maxBuffered: number;

  constructor(opts: FrameParserOptions = {}) {
    this.maxBuffered = Math.max(1, opts.maxBuffered ?? 1024 * 1024);
  }

  /** True once the input turned out not to be framed; everything after is passed through as stdout. */
  get raw(): boolean {
    return this.rawMode;
  }

  /** Feeds a chunk; returns the frames (or pieces of big frames) it completed. */
  push(chunk: Buffer): Frame[] {
    if (this.rawMode) return chunk.length ? [{ stream: 1, data: chunk }] : [];
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    const out: Frame[] = [];
    let at = 0;
    while (at < buf.length) {
      const cur = this.current;
      if (cur) {
        const take = Math.min(cur.left, buf.length - at);
        cur.parts.push(buf.subarray(at, at + take));
        cur.size += take;
        cur.left -= take;
        at += take;
        if (cur.left === 0) {
          out.push({ stream: cur.stream, data: Buffer.concat(cur.parts) });
          this.current = undefined;
        } else if (cur.size >= this.maxBuffered) {
          out.push({ stream: cur.stream, data: Buffer.concat(cur.parts) });
          cur.parts = [];
          cur.size = 0;
        }
        continue;
      }
      if (buf.length - at < HEADER) {
        // Not even a whole header yet; a wrong first byte already proves it is not framed.
        if (!isHeaderPrefix(buf, at)) return this.toRaw(out, buf.subarray(at));
        break;
      }
      if (!isHeader(buf, at)) return this.toRaw(out, buf.subarray(at));
      const stream = buf[at] as FrameStream;
      const size = buf.readUInt32BE(at + 4);
      at += HEADER;
      if (size > 0) this.current = { stream, left: size, parts: [], size: 0 };
    }
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
    return out;
  }

  /**
   * The stream ended: returns what was left unfinished (a truncated frame's payload so far,
   * or header bytes that never completed, as stdout), so no byte is silently dropped.
   */
  end(): Frame[] {
    const out: Frame[] = [];
    const cur = this.current;
    if (cur && cur.size > 0) out.push({ stream: cur.stream, data: Buffer.concat(cur.parts) });
    this.current = undefined;
    if (this.pending.length) out.push({ stream: 1, data: this.pending });
    this.pending = Buffer.alloc(0);
    return out;
  }

  private toRaw(out: Frame[], rest: Buffer): Frame[] {
    this.rawMode = true;
    if (rest.length) out.push({ stream: 1, data: Buffer.from(rest) });
    return out;
  }
}

function isHeaderPrefix(b: Buffer, at: number): boolean {
  for (let i = at; i < b.length && i < at + 4; i++) {
    if (i === at ? b[i]! > 3 : b[i] !== 0) return false;
  }
  return true;
}

/** Parses a whole framed buffer (what `follow: false` returns for a non-TTY container). */
export function parseFrames(buf: Buffer, opts?: FrameParserOptions): Frame[] {
  const p = new FrameParser(opts);
  return [...p.push(buf), ...p.end()];
}

/** Builds one frame; the inverse of the parser, for tests and tools. */
export function encodeFrame(stream: FrameStream, data: Buffer): Buffer {
  const h = Buffer.alloc(HEADER);
  h[0] = stream;
  h.writeUInt32BE(data.length, 4);
  return Buffer.concat([h, data]);
}
