// How the log view shows its lines, whichever lines they are: wrapped or scrolled sideways,
// with local times (and ages) or without, in the container's own colours or plain. No blessed:
// the widget reads these into each frame's render context.
import type { LogLine } from '../../render/log-lines.js';
import type { Matcher } from '../../render/log-search.js';
import { matchColumn, prefixWidth, type RenderContext } from './render.js';

export type TimestampMode = 'hidden' | 'local time' | 'local time and age';

export class LogDisplay {
  wrap = true;
  /** Columns scrolled to the right (wrap off). */
  hscroll = 0;
  timestamps = false;
  /** With timestamps: each line's age beside its local time. */
  ages = false;

  /** Keep the container's colours (SGR); the stored lines keep them either way. */
  constructor(public keepColor: boolean) {}

  /** Scrolls sideways by `cols` (negative: left), never before column 0; false when wrap is on. */
  scrollSideways(cols: number): boolean {
    if (this.wrap) return false;
    this.hscroll = Math.max(0, this.hscroll + cols);
    return true;
  }

  /** Wrap on or off (back at column 0 either way); returns the new setting. */
  toggleWrap(): boolean {
    this.wrap = !this.wrap;
    this.hscroll = 0;
    return this.wrap;
  }

  /** Hidden, then local times, then local times and ages, then hidden again; returns the new mode. */
  cycleTimestamps(): TimestampMode {
    if (!this.timestamps) this.timestamps = true;
    else if (!this.ages) this.ages = true;
    else this.timestamps = this.ages = false;
    return this.timestampMode();
  }

  timestampMode(): TimestampMode {
    return !this.timestamps ? 'hidden' : this.ages ? 'local time and age' : 'local time';
  }

  /**
   * With wrap off, scrolls sideways so text column `col` is in view in `room` columns, with
   * some context to its left; left as it is when the column is already well inside the view.
   */
  revealColumn(col: number, room: number): void {
    if (this.wrap) return;
    if (col < this.hscroll || col >= this.hscroll + room - 4) this.hscroll = Math.max(0, col - 8);
  }

  /** A frame's render context: these settings with what the widget knows (its width, the lines' streams, the search). */
  context(o: Pick<RenderContext, 'width' | 'gutter' | 'theme' | 'highlight' | 'blessedWidth'>): RenderContext {
    // Ages move with the clock: each frame (the shell paints at least every few seconds) recounts them.
    return { ...o, wrap: this.wrap, hscroll: this.hscroll, timestamps: this.timestamps, ages: this.ages, now: Date.now(), color: this.keepColor };
  }

  /** With wrap off, scrolls sideways so the search's first occurrence in the line is in view. */
  revealMatch(line: LogLine | undefined, search: Matcher, ctx: RenderContext): void {
    if (this.wrap || !line) return;
    const col = matchColumn(line, search, ctx);
    if (col !== undefined) this.revealColumn(col, Math.max(1, ctx.width - prefixWidth(ctx)));
  }
}
