// Turns the raw chunks of a log stream into sanitised lines, incrementally and per stream:
// a line may straddle chunks, a UTF-8 sequence may straddle chunks, and a line may never end.
import { TextDecoder } from 'node:util';
import { sanitizeLogLine, stripSgr } from './log-sanitize.js';

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

// The engine writes RFC3339Nano with trailing zeros of the fraction trimmed.
const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,9}))?(?:Z|[+-]\d\d:\d\d)) /;

export interface TimestampedText {
  readonly text: string;
  readonly ts?: string;
  readonly time?: number;
}

/** Parses an engine timestamp prefix off a line, when there is one. */
export function splitTimestamp(line: string): TimestampedText {
  const m = TS.exec(line);
  if (!m) return { text: line };
  const time = Date.parse(m[1]!);
  if (Number.isNaN(time)) return { text: line };
  return { text: line.slice(m[0].length), ts: m[1]!, time };
}

/**
 * A totally ordered key for an engine timestamp, in nanoseconds since the epoch: lines at or
 * before a key already shown are duplicates when a stream is reopened after a restart.
 */
export function timestampKey(ts: string): bigint | undefined {
  const m = TS.exec(ts + ' ');
  if (!m) return undefined;
  const whole = Date.parse(m[1]!.replace(/\.\d+/, ''));
  if (Number.isNaN(whole)) return undefined;
  return BigInt(whole) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time of a log line, one fixed width: "MM-dd HH:mm:ss.SSS". */
export function formatLogTime(time: number): string {
  const d = new Date(time);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export const LOG_TIME_WIDTH = 18;

interface StreamState {
  readonly decoder: TextDecoder;
  pending: string;
  /** The pending text continues a line already cut. */
  cont: boolean;
  ts?: string;
  time?: number;
}

export interface LineAssemblerOptions {
  /** The engine was asked for timestamps: parse them off each line's start. */
  readonly timestamps: boolean;
  readonly maxLineChars?: number;
}

export class LineAssembler {
  private readonly streams = new Map<LogStream, StreamState>();
  private readonly max: number;

  constructor(private readonly opts: LineAssemblerOptions) {
    // Room for a whole engine timestamp prefix in the first piece.
    this.max = Math.max(64, opts.maxLineChars ?? MAX_LINE_CHARS);
  }

  private state(stream: LogStream): StreamState {
    let st = this.streams.get(stream);
    if (!st) {
      // Not fatal: invalid bytes become U+FFFD; `stream: true` keeps a sequence cut by a
      // chunk boundary for the next chunk. One decoder per stream, as they interleave.
      st = { decoder: new TextDecoder('utf-8', { fatal: false }), pending: '', cont: false };
      this.streams.set(stream, st);
    }
    return st;
  }

  /** Feeds a chunk; returns the lines (and pieces of long lines) it completed. */
  push(chunk: RawLogChunk, out: ParsedLine[] = []): ParsedLine[] {
    const st = this.state(chunk.stream);
    const text = st.decoder.decode(chunk.data, { stream: true });
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

  /** Emits what is left (a last line without newline), as at the end of the stream. */
  flush(out: ParsedLine[] = []): ParsedLine[] {
    for (const [stream, st] of this.streams) {
      st.pending += st.decoder.decode();
      if (st.pending.length || st.cont) {
        let line = st.pending;
        st.pending = '';
        while (line.length > this.max) line = this.emitPiece(stream, st, line, out);
        this.emit(stream, st, line.endsWith('\r') ? line.slice(0, -1) : line, false, out);
      }
    }
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
    let text = raw;
    if (!st.cont) {
      st.ts = undefined;
      st.time = undefined;
      if (this.opts.timestamps) {
        const t = splitTimestamp(raw);
        text = t.text;
        st.ts = t.ts;
        st.time = t.time;
      }
    }
    const line: { -readonly [K in keyof ParsedLine]: ParsedLine[K] } = { stream, text: sanitizeLogLine(text, { keepColor: true }) };
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
