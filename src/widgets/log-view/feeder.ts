// Feeds raw log chunks to the view in bounded slices, so a container printing as fast as it
// can never starves the keyboard: at most sliceBytes (or sliceMs) of work per turn of the event
// loop, and when the backlog grows past maxBacklogBytes the oldest unread input is skipped
// ("showing latest") and counted, rather than falling minutes behind.
import { LineAssembler, type ParsedLine, type RawLogChunk } from '../../render/log-lines.js';

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
  /**
   * Most milliseconds of line work per second. Past it, the rest of the second waits and
   * the backlog is skipped when it overflows: a flooding container costs a bounded share
   * of a core instead of all berth can take.
   */
  readonly budgetMsPerSecond?: number;
  /** The clock (ms); tests pass a fake one. */
  readonly now?: () => number;
}

/** A point in the stream where something must happen in order (the stream ended, restarted). */
interface Boundary {
  readonly boundary: () => void;
}

type Item = RawLogChunk | Boundary;

const isBoundary = (i: Item): i is Boundary => 'boundary' in i;

export const DEFAULT_SLICE_BYTES = 256 * 1024;
export const DEFAULT_SLICE_MS = 12;
export const DEFAULT_MAX_BACKLOG = 4 * 1024 * 1024;
export const DEFAULT_BUDGET_MS_PER_SECOND = 250;

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
  private queue: Array<Item | undefined> = [];
  private head = 0;
  private queued = 0;
  private cancel: (() => void) | undefined;
  private stopped = false;
  private skippedTotal = 0;
  private readonly sliceBytes: number;
  private readonly sliceMs: number;
  private readonly maxBacklog: number;
  private readonly defer: (fn: () => void) => () => void;
  private readonly budgetMs: number;
  private readonly now: () => number;
  /** Start of the current one-second budget window, and the work spent in it. */
  private windowStart = 0;
  private spent = 0;
  private wait: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sink: FeederSink,
    opts: LogFeederOptions,
  ) {
    this.assembler = new LineAssembler({ timestamps: opts.timestamps, maxLineChars: opts.maxLineChars });
    this.sliceBytes = opts.sliceBytes ?? DEFAULT_SLICE_BYTES;
    this.sliceMs = opts.sliceMs ?? DEFAULT_SLICE_MS;
    this.maxBacklog = Math.max(this.sliceBytes, opts.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG);
    this.defer = opts.defer ?? immediate;
    this.budgetMs = opts.budgetMsPerSecond ?? DEFAULT_BUDGET_MS_PER_SECOND;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Bytes received and not yet turned into lines. */
  get backlog(): number {
    return this.queued;
  }

  get skippedLines(): number {
    return this.skippedTotal;
  }

  push(chunk: RawLogChunk): void {
    if (this.stopped || chunk.data.length === 0) return;
    this.queue.push(chunk);
    this.queued += chunk.data.length;
    if (this.queued > this.maxBacklog) this.catchUp();
    this.schedule();
  }

  /**
   * The stream ended (or a new one follows): once everything queued before is read, emit the
   * last unterminated lines, then call fn. Keeps markers in their place among the lines.
   */
  boundary(fn: () => void = () => {}): void {
    if (this.stopped) return;
    this.queue.push({ boundary: fn });
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.wait) clearTimeout(this.wait);
    this.wait = undefined;
    this.cancel?.();
    this.cancel = undefined;
    this.queue = [];
    this.head = 0;
    this.queued = 0;
  }

  /** Drops the oldest unread input down to half the limit, so we do not drop again at once. */
  private catchUp(): void {
    let lines = 0;
    const report = () => {
      // The lines being assembled lost their middle: start afresh.
      this.assembler.reset();
      if (lines === 0) return;
      this.skippedTotal += lines;
      this.sink.skipped(lines);
      lines = 0;
    };
    while (this.queued > this.maxBacklog / 2 && this.head < this.queue.length) {
      const item = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      if (isBoundary(item)) {
        // Everything before it is shown or counted as skipped: its turn has come.
        report();
        item.boundary();
        continue;
      }
      this.queued -= item.data.length;
      lines += countNewlines(item.data);
    }
    report();
    this.compact();
  }

  private compact(): void {
    if (this.head > 256 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private schedule(): void {
    if (this.cancel || this.wait || this.stopped) return;
    const t = this.now();
    if (t - this.windowStart >= 1000) {
      this.windowStart = t;
      this.spent = 0;
    }
    if (this.spent >= this.budgetMs) {
      // This second's budget is used: pick up again when the next one starts.
      this.wait = setTimeout(() => {
        this.wait = undefined;
        this.schedule();
      }, Math.max(1, 1000 - (t - this.windowStart)));
      return;
    }
    this.cancel = this.defer(() => {
      this.cancel = undefined;
      this.slice();
    });
  }

  private slice(): void {
    if (this.stopped) return;
    const started = performance.now();
    const t0 = this.now();
    let out: ParsedLine[] = [];
    let budget = this.sliceBytes;
    while (budget > 0 && this.head < this.queue.length) {
      const item = this.queue[this.head]!;
      if (isBoundary(item)) {
        this.queue[this.head++] = undefined;
        this.assembler.flush(out);
        if (out.length) this.sink.lines(out);
        out = [];
        item.boundary();
        continue;
      }
      if (item.data.length > budget) {
        // Take part of a big chunk; the decoder keeps a UTF-8 sequence cut here.
        this.assembler.push({ stream: item.stream, data: item.data.subarray(0, budget) }, out);
        this.queue[this.head] = { stream: item.stream, data: item.data.subarray(budget) };
        this.queued -= budget;
        break;
      }
      this.assembler.push(item, out);
      this.queue[this.head++] = undefined;
      this.queued -= item.data.length;
      budget -= item.data.length;
      if (performance.now() - started > this.sliceMs) break;
    }
    this.compact();
    if (out.length) this.sink.lines(out);
    this.spent += this.now() - t0;
    if (this.head < this.queue.length) this.schedule();
  }
}
