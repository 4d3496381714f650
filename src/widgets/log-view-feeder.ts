// Feeds raw log chunks to the view in bounded slices, so a container printing as fast as it
// can never starves the keyboard: at most sliceBytes (or sliceMs) of work per turn of the event
// loop, and when the backlog grows past maxBacklogBytes the oldest unread input is skipped
// ("showing latest") and counted, rather than falling minutes behind.
import { LineAssembler, type ParsedLine, type RawLogChunk } from '../render/log-lines.js';

export interface FeederSink {
  lines(lines: readonly ParsedLine[]): void;
  /** Input was skipped to catch up: about `count` lines never shown. */
  skipped(count: number): void;
}

export interface LogFeederOptions {
  /** The engine prefixes lines with timestamps. */
  readonly timestamps: boolean;
  readonly sliceBytes?: number;
  readonly sliceMs?: number;
  readonly maxBacklogBytes?: number;
  readonly maxLineChars?: number;
  /** Defers a slice (default setImmediate, so I/O such as keys runs between slices). */
  readonly defer?: (fn: () => void) => () => void;
}

export const DEFAULT_SLICE_BYTES = 256 * 1024;
export const DEFAULT_SLICE_MS = 12;
export const DEFAULT_MAX_BACKLOG = 4 * 1024 * 1024;

const immediate = (fn: () => void) => {
  const h = setImmediate(fn);
  return () => clearImmediate(h);
};

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

export class LogFeeder {
  private readonly assembler: LineAssembler;
  private queue: RawLogChunk[] = [];
  private head = 0;
  private queued = 0;
  private cancel: (() => void) | undefined;
  private ending = false;
  private stopped = false;
  private skippedTotal = 0;
  private readonly sliceBytes: number;
  private readonly sliceMs: number;
  private readonly maxBacklog: number;
  private readonly defer: (fn: () => void) => () => void;

  constructor(
    private readonly sink: FeederSink,
    opts: LogFeederOptions,
  ) {
    this.assembler = new LineAssembler({ timestamps: opts.timestamps, maxLineChars: opts.maxLineChars });
    this.sliceBytes = opts.sliceBytes ?? DEFAULT_SLICE_BYTES;
    this.sliceMs = opts.sliceMs ?? DEFAULT_SLICE_MS;
    this.maxBacklog = Math.max(this.sliceBytes, opts.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG);
    this.defer = opts.defer ?? immediate;
  }

  /** Bytes received and not yet turned into lines. */
  get backlog(): number {
    return this.queued;
  }

  get skippedLines(): number {
    return this.skippedTotal;
  }

  push(chunk: RawLogChunk): void {
    if (this.stopped || this.ending || chunk.data.length === 0) return;
    this.queue.push(chunk);
    this.queued += chunk.data.length;
    if (this.queued > this.maxBacklog) this.catchUp();
    this.schedule();
  }

  /** The stream ended: emit the last unterminated lines once everything queued is read. */
  end(): void {
    if (this.stopped) return;
    this.ending = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
    this.queue = [];
    this.head = 0;
    this.queued = 0;
  }

  /** Drops the oldest unread input down to half the limit, so we do not drop again at once. */
  private catchUp(): void {
    let lines = 0;
    while (this.queued > this.maxBacklog / 2 && this.head < this.queue.length) {
      const c = this.queue[this.head]!;
      this.queue[this.head++] = undefined as unknown as RawLogChunk;
      this.queued -= c.data.length;
      lines += countNewlines(c.data);
    }
    this.compact();
    // The lines being assembled lost their middle: start afresh.
    this.assembler.reset();
    this.skippedTotal += lines;
    this.sink.skipped(lines);
  }

  private compact(): void {
    if (this.head > 256 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private schedule(): void {
    if (this.cancel || this.stopped) return;
    this.cancel = this.defer(() => {
      this.cancel = undefined;
      this.slice();
    });
  }

  private slice(): void {
    if (this.stopped) return;
    const started = performance.now();
    const out: ParsedLine[] = [];
    let budget = this.sliceBytes;
    while (budget > 0 && this.head < this.queue.length) {
      const c = this.queue[this.head]!;
      if (c.data.length > budget) {
        // Take part of a big chunk; the decoder keeps a UTF-8 sequence cut here.
        this.assembler.push({ stream: c.stream, data: c.data.subarray(0, budget) }, out);
        this.queue[this.head] = { stream: c.stream, data: c.data.subarray(budget) };
        this.queued -= budget;
        budget = 0;
        break;
      }
      this.assembler.push(c, out);
      this.queue[this.head++] = undefined as unknown as RawLogChunk;
      this.queued -= c.data.length;
      budget -= c.data.length;
      if (performance.now() - started > this.sliceMs) break;
    }
    this.compact();
    const more = this.head < this.queue.length;
    if (!more && this.ending) this.assembler.flush(out);
    if (out.length) this.sink.lines(out);
    if (more) this.schedule();
  }
}
