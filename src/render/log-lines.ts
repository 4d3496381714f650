// Turns the raw chunks of a log stream into sanitised lines, incrementally and per stream:
// a line may straddle chunks, a UTF-8 sequence may straddle chunks, and a line may never end.
import { TextDecoder } from 'node:util';
import { openEscapeAtEnd, sanitizeLogLine, stripSgr } from './log-sanitize.js';
import { formatLogTime, LOG_TIME_WIDTH, TS, type TimestampedText } from './log-time.js';

export type LogStream = 'stdout' | 'stderr' | 'tty';

/** The shape src/docker/logs.ts hands out (kept structural: this layer needs no import). */
export interface RawLogChunk {
  readonly stream: LogStream;
  readonly data: Buffer;
}

export interface ParsedLine {
  /** 'event' lines are berth's own markers ("container stopped"), not container output. */
  readonly stream: LogStream | 'event';
  /** Sanitised text; may hold canonical SGR colour sequences (see log-sanitize.ts). */
  readonly text: string;
  /** The engine's timestamp in ms since the epoch, when the stream carries timestamps. */
  readonly time?: number;
  /** The engine's RFC3339Nano timestamp exactly as sent (nanoseconds matter for de-duplication). */
  readonly ts?: string;
  /** This piece continues the previous one: a very long line was cut. */
  readonly cont?: boolean;
  /** The line goes on in the next piece. */
  readonly cut?: boolean;
}

export interface LogLine extends ParsedLine {
  /** Position in the whole stream of lines, counting dropped ones; only grows. */
  readonly seq: number;
}

/**
 * Longest piece of a line kept as one entry. Longer lines are cut into pieces (marked with
 * cut/cont) so that one line without a newline can never make a draw or a search slow.
 */
export const MAX_LINE_CHARS = 8192;


/**
 * The engine splits a line longer than 16 KiB into partial messages and, with timestamps on,
 * prefixes each part with its own timestamp: a 40,000-byte line arrives as
 * "ts1 <16384 bytes>ts2 <16384 bytes>ts3 <7232 bytes>\n" (dockerd 20.10, json-file). The split
 * counts bytes, so it can cut a UTF-8 sequence; the engine then stores each cut byte as U+FFFD
 * (3 bytes): the part grows by 2 bytes per cut byte, up to 6. This works on bytes, before any
 * decoding: it takes the prefix off each line and each part, and queues each line's timestamp.
 */
export const ENGINE_PARTIAL_BYTES = 16 * 1024;

/** Longest prefix: "2024-01-01T00:00:00.123456789+00:00 ". */
const MAX_PREFIX = 36;
/** Text that can start a timestamp prefix, while too few bytes have arrived to be sure. */
const PREFIX_CHARS = /^[\d\-T:.Z+]*$/;
const REPLACEMENT = [0xef, 0xbf, 0xbd];

type PrefixMatch = { readonly at: number; readonly length: number; readonly ts: string } | 'wait' | undefined;

/** Finds a timestamp prefix at pos, or (for a part) after up to three U+FFFD of a cut sequence. */
function matchPrefix(buf: Buffer, pos: number, part: boolean): PrefixMatch {
  for (let j = 0; j <= (part ? 3 : 0); j++) {
    const at = pos + 2 * j;
    if (at > buf.length) return 'wait';
    // The bytes skipped must be those of U+FFFD (in some alignment: the cut started earlier).
    for (let k = pos; k < at; k++) if (!REPLACEMENT.includes(buf[k]!)) return undefined;
    const head = buf.toString('latin1', at, Math.min(buf.length, at + MAX_PREFIX + 1));
    const m = TS.exec(head);
    if (m) return { at, length: m[0].length, ts: m[1]! };
    if (head.length <= MAX_PREFIX && PREFIX_CHARS.test(head) && buf.indexOf(10, pos) < 0) return 'wait';
  }
  return undefined;
}

class TimestampStripper {
  private hold: Buffer | undefined;
  /** The next bytes start a message: a line, or a part of one. */
  private atMessage = true;
  private atLine = true;
  /** Content bytes since the last prefix. */
  private bytes = 0;
  /** A part boundary came without a prefix: stop looking for them in this line. */
  private noParts = false;
  /** Timestamps of the lines started, in order, for the assembler to take. */
  readonly lineTs: Array<TimestampedText | undefined> = [];

  constructor(private readonly partBytes: number) {}

  push(data: Buffer): Buffer[] {
    const buf = this.hold ? Buffer.concat([this.hold, data]) : data;
    this.hold = undefined;
    const out: Buffer[] = [];
    let pos = 0;
    while (pos < buf.length) {
      if (this.atMessage) {
        const m = matchPrefix(buf, pos, !this.atLine);
        if (m === 'wait') {
          this.hold = Buffer.from(buf.subarray(pos)); // maybe the start of a prefix: wait for more
          break;
        }
        if (m) {
          if (this.atLine) this.lineTs.push({ text: '', ts: m.ts, time: Date.parse(m.ts) });
          if (m.at > pos) out.push(buf.subarray(pos, m.at));
          pos = m.at + m.length;
        } else if (this.atLine) this.lineTs.push(undefined);
        else this.noParts = true;
        this.atMessage = false;
        this.bytes = 0;
        continue;
      }
      const nl = buf.indexOf(10, pos);
      const limit = this.noParts ? Infinity : pos + (this.partBytes - this.bytes);
      if (nl >= 0 && nl < limit) {
        out.push(buf.subarray(pos, nl + 1));
        pos = nl + 1;
        this.atMessage = this.atLine = true;
        this.noParts = false;
      } else if (limit <= buf.length) {
        out.push(buf.subarray(pos, limit));
        pos = limit;
        this.atMessage = true;
        this.atLine = false;
      } else {
        out.push(buf.subarray(pos));
        this.bytes += buf.length - pos;
        pos = buf.length;
      }
    }
    return out;
  }

  /** Bytes held back at the end of the stream: they were content after all. */
  end(): Buffer | undefined {
    const h = this.hold;
    this.hold = undefined;
    if (h && this.atMessage && this.atLine) this.lineTs.push(undefined);
    return h;
  }
}

interface StreamState {
  readonly decoder: TextDecoder;
  /** With timestamps: takes the engine's prefixes off before decoding. */
  readonly stripper?: TimestampStripper;
  pending: string;
  /** The pending text continues a line already cut. */
  cont: boolean;
  /** An escape sequence left open at the end of the last cut piece: goes before the next one. */
  carry: string;
  ts?: string;
  time?: number;
}

export interface LineAssemblerOptions {
  /** The engine was asked for timestamps: parse them off each line's start. */
  readonly timestamps: boolean;
  readonly maxLineChars?: number;
  /** Size of the engine's partial messages (default 16 KiB). */
  readonly partialBytes?: number;
}

export class LineAssembler {
  private readonly streams = new Map<LogStream, StreamState>();
  private readonly max: number;

  constructor(private readonly opts: LineAssemblerOptions) {
    this.max = Math.max(16, opts.maxLineChars ?? MAX_LINE_CHARS);
  }

  private state(stream: LogStream): StreamState {
    let st = this.streams.get(stream);
    if (!st) {
      // Not fatal: invalid bytes become U+FFFD; `stream: true` keeps a sequence cut by a
      // chunk boundary for the next chunk. One decoder per stream, as they interleave.
      st = { decoder: new TextDecoder('utf-8', { fatal: false }), pending: '', cont: false, carry: '' };
      if (this.opts.timestamps) st = { ...st, stripper: new TimestampStripper(this.opts.partialBytes ?? ENGINE_PARTIAL_BYTES) };
      this.streams.set(stream, st);
    }
    return st;
  }

  /** Feeds a chunk; returns the lines (and pieces of long lines) it completed. */
  push(chunk: RawLogChunk, out: ParsedLine[] = []): ParsedLine[] {
    const st = this.state(chunk.stream);
    const text = st.stripper
      ? st.stripper
          .push(chunk.data)
          .map((b) => st.decoder.decode(b, { stream: true }))
          .join('')
      : st.decoder.decode(chunk.data, { stream: true });
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      let line = st.pending + text.slice(from, nl);
      st.pending = '';
      from = nl + 1;
      while (line.length > this.max) line = this.emitPiece(chunk.stream, st, line, out);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.emit(chunk.stream, st, line, false, out);
    }
    st.pending += text.slice(from);
    while (st.pending.length > this.max) st.pending = this.emitPiece(chunk.stream, st, st.pending, out);
    return out;
  }

  /** The stream ended: emits what is left (a last line without newline) and starts afresh. */
  flush(out: ParsedLine[] = []): ParsedLine[] {
    for (const [stream, st] of this.streams) {
      const held = st.stripper?.end();
      if (held) st.pending += st.decoder.decode(held, { stream: true });
      st.pending += st.decoder.decode();
      if (st.pending.length || st.cont) {
        let line = st.pending;
        st.pending = '';
        while (line.length > this.max) line = this.emitPiece(stream, st, line, out);
        this.emit(stream, st, line.endsWith('\r') ? line.slice(0, -1) : line, false, out);
      }
    }
    // The stream is over: whatever comes next (a restarted container's stream) starts afresh.
    this.streams.clear();
    return out;
  }

  /** Forgets partial lines and half-decoded bytes (after input was skipped). */
  reset(): void {
    this.streams.clear();
  }

  /** Emits the first max chars of text as a cut piece; returns the rest. */
  private emitPiece(stream: LogStream, st: StreamState, text: string, out: ParsedLine[]): string {
    let at = this.max;
    // Never split a surrogate pair.
    const c = text.charCodeAt(at - 1);
    if (c >= 0xd800 && c <= 0xdbff) at--;
    this.emit(stream, st, text.slice(0, at), true, out);
    return text.slice(at);
  }

  private emit(stream: LogStream, st: StreamState, raw: string, cut: boolean, out: ParsedLine[]): void {
    if (!st.cont) {
      const t = st.stripper?.lineTs.shift();
      st.ts = t?.ts;
      st.time = t?.time;
    }
    // A piece goes on where the last one stopped: inside an escape sequence, maybe.
    const whole = st.cont ? st.carry + raw : raw;
    st.carry = cut ? openEscapeAtEnd(whole) : '';
    const line: { -readonly [K in keyof ParsedLine]: ParsedLine[K] } = { stream, text: sanitizeLogLine(whole, { keepColor: true }) };
    if (st.ts !== undefined) {
      line.ts = st.ts;
      line.time = st.time;
    }
    if (st.cont) line.cont = true;
    if (cut) line.cut = true;
    st.cont = cut;
    out.push(line);
  }
}

export interface SaveTextOptions {
  /** Prefix each line with its local time, as the view shows it. */
  readonly timestamps: boolean;
}

/**
 * The text of lines as the view shows them, for saving: colour removed, the pieces of a cut
 * line joined back into one line, berth's own marker lines left out (they are not the log).
 */
export function linesToText(lines: Iterable<ParsedLine>, opts: SaveTextOptions): string {
  const parts: string[] = [];
  let open = false;
  for (const l of lines) {
    if (l.stream === 'event') continue;
    if (!(l.cont && open)) {
      if (open) parts.push('\n');
      if (opts.timestamps) parts.push(l.time === undefined ? ' '.repeat(LOG_TIME_WIDTH + 1) : formatLogTime(l.time) + ' ');
    }
    parts.push(stripSgr(l.text));
    open = true;
  }
  if (open) parts.push('\n');
  return parts.join('');
}
