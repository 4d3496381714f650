// The stream feeding the log view: its feeder (chunks to lines in bounded slices), and where
// a reopened stream should take up (the engine timestamp of the newest line shown, and how
// many lines carried it: Podman stamps whole seconds, so several lines can share one).
import type { ParsedLine, RawLogChunk } from '../../render/log-lines.js';
import { type FeederSink, LogFeeder, type LogFeederOptions } from './feeder.js';

/** Lines a reopened stream repeats: those before `ts`, and the first `shownAtTs` at it. */
export interface ResumePoint {
  readonly ts: string | undefined;
  readonly shownAtTs: number;
}

export class LogSource {
  private feeder: LogFeeder | undefined;
  private lastTs: string | undefined;
  private atLastTs = 0;

  constructor(
    private readonly sink: FeederSink,
    private readonly tuning: Omit<LogFeederOptions, 'timestamps'> = {},
  ) {}

  /** A new source: the old feeder stops, what was seen is forgotten. */
  start(timestamps: boolean): void {
    this.feeder?.stop();
    this.forget();
    this.feeder = this.newFeeder(timestamps);
  }

  /** A raw chunk; a view fed without start() reads engine timestamps. */
  push(chunk: RawLogChunk): void {
    this.feeder ??= this.newFeeder(true);
    this.feeder.push(chunk);
  }

  private newFeeder(timestamps: boolean): LogFeeder {
    return new LogFeeder(this.sink, { timestamps, ...this.tuning });
  }

  /** Runs fn once the chunks received so far are lines (at once when nothing feeds). */
  atBoundary(fn: () => void): void {
    if (this.feeder) this.feeder.boundary(fn);
    else fn();
  }

  /** Notes the timestamps of lines on their way to the view. */
  saw(lines: readonly ParsedLine[]): void {
    for (const { ts } of lines) {
      if (ts === undefined) continue;
      if (ts === this.lastTs) this.atLastTs++;
      else {
        this.lastTs = ts;
        this.atLastTs = 1;
      }
    }
  }

  /** The view was cleared: nothing shown is left to skip. */
  forget(): void {
    this.lastTs = undefined;
    this.atLastTs = 0;
  }

  /** Engine timestamp of the newest line seen. */
  get lastTimestamp(): string | undefined {
    return this.lastTs;
  }

  resumePoint(): ResumePoint {
    return { ts: this.lastTs, shownAtTs: this.atLastTs };
  }

  stop(): void {
    this.feeder?.stop();
    this.feeder = undefined;
  }
}
