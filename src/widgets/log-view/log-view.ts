// The log view: a bordered box over a bounded buffer of lines, following the end or paused,
// with wrap, timestamps, a stream filter, search and a text filter. It never calls
// screen.render() itself: it asks through requestRender (the screen's frame scheduler) and
// rebuilds its content, visible rows only, just before blessed draws it.
import type blessed from 'blessed';
import * as lite from '../blessed.js';
import { linesToText, type ParsedLine, type RawLogChunk } from '../../render/log-lines.js';
import { nextStreamFilter } from '../../render/log-search.js';
import { LogDisplay, type TimestampMode } from './display.js';
import type { LogFeederOptions } from './feeder.js';
import { type LogLineStore, LogViewModel } from './model.js';
import { type RenderContext, rowCount, visibleRows } from './render.js';
import { LogSource } from './source.js';
import { count, type LogViewStatus, statusLine, viewStatus } from './status.js';
import type { Theme } from '../theme.js';

export type { LogViewStatus } from './status.js';

export interface LogViewOptions {
  readonly parent: blessed.Widgets.Node;
  readonly theme: Theme;
  /** The ring buffer (LogBuffer<LogLine> from src/state/log-buffer.ts). */
  readonly buffer: LogLineStore;
  readonly requestRender: () => void;
  readonly top?: number | string;
  readonly left?: number | string;
  readonly width?: number | string;
  readonly height?: number | string;
  readonly label?: string;
  /** Keep the container's colours (SGR); default: when the theme has colour. */
  readonly keepColor?: boolean;
  /** Feeder tuning (slice size, backlog limit); mostly for tests. */
  readonly feeder?: Omit<LogFeederOptions, 'timestamps'>;
}

// blessed's own width table (its typings do not declare it).
const blessedStrWidth = lite.unicode.strWidth;

export class LogView {
  readonly box: blessed.Widgets.BoxElement;
  private readonly model: LogViewModel;
  private readonly display: LogDisplay;
  private readonly source: LogSource;
  private readonly theme: Theme;
  private readonly requestRender: () => void;
  private label: string;
  private focused = false;
  private readonly onPrerender = () => this.draw();

  constructor(opts: LogViewOptions) {
    this.theme = opts.theme;
    this.requestRender = opts.requestRender;
    this.display = new LogDisplay(opts.keepColor ?? opts.theme.color);
    this.model = new LogViewModel(opts.buffer);
    this.source = new LogSource(
      {
        lines: (lines) => this.append(lines),
        skipped: (lines) => {
          this.model.skipped += lines;
          this.append([{ stream: 'event', text: `${count(lines)} lines skipped to keep up` }]);
        },
      },
      opts.feeder,
    );
    this.label = opts.label ?? 'logs';
    this.box = lite.box({
      parent: opts.parent,
      top: opts.top ?? 0,
      left: opts.left ?? 0,
      width: opts.width ?? '100%',
      height: opts.height ?? '100%',
      label: ` ${this.label} `,
      border: { type: 'line' },
      tags: true,
      // Rows are cut to the width here (blessed mis-measures emoji and would wrap on its own).
      wrap: false,
      style: { border: { fg: opts.theme.border } },
    });
    // Content is rebuilt once per frame, however many lines arrived since the last one.
    this.box.on('prerender', this.onPrerender);
  }

  /** Starts a new source: clears the view, labels it, and takes chunks for it. */
  attach(sourceLabel: string, opts: { timestamps: boolean } = { timestamps: true }): void {
    this.source.start(opts.timestamps);
    this.model.clear();
    this.display.hscroll = 0;
    this.setLabel(sourceLabel);
    this.changed();
  }

  /**
   * Continues the same source on a new stream (after a restart): keeps the lines, marks the
   * place, and skips lines the new stream repeats (before the last timestamp shown, and as
   * many at it as were shown). Call it before pushing the new stream's chunks.
   */
  reattach(marker: string): void {
    this.source.atBoundary(() => {
      this.markEvent(marker);
      const from = this.source.resumePoint();
      this.model.skipUpTo(from.ts, from.shownAtTs);
    });
  }

  /** The stream ended: shows its last unterminated line, then the marker if given. */
  endOfStream(marker?: string): void {
    this.source.atBoundary(() => {
      if (marker) this.markEvent(marker);
    });
  }

  /** A raw chunk from the log stream (src/docker/logs.ts). */
  pushChunk(chunk: RawLogChunk): void {
    this.source.push(chunk);
  }

  /** Lines already parsed (and sanitised). */
  append(lines: readonly ParsedLine[]): void {
    this.source.saw(lines);
    this.model.append(lines);
    this.changed();
  }

  /** A marker line of berth's own ("container stopped", "restarted"). */
  markEvent(text: string): void {
    this.model.append([{ stream: 'event', text }]);
    this.changed();
  }

  clear(): void {
    this.model.clear();
    this.source.forget();
    this.changed();
  }

  setLabel(label: string): void {
    if (label === this.label) return;
    this.label = label;
    this.changed();
  }

  setFocused(focused: boolean): void {
    // The screen sets focus on every paint: asking for another render when nothing changed
    // would repaint forever (30 frames a second at idle, found by profiling).
    if (focused === this.focused) return;
    this.focused = focused;
    this.box.style.border = { fg: focused ? this.theme.focusBorder : this.theme.border };
    this.changed();
  }

  // ---- keys -----------------------------------------------------------------------

  scrollBy(rows: number): void {
    this.model.scrollBy(rows, this.page(), this.rowsOf);
    this.changed();
  }

  pageUp(): void {
    this.scrollBy(-Math.max(1, this.page() - 1));
  }

  pageDown(): void {
    this.scrollBy(Math.max(1, this.page() - 1));
  }

  toStart(): void {
    this.model.toStart();
    this.changed();
  }

  resumeFollow(): void {
    this.model.resume();
    this.changed();
  }

  /** Horizontal scroll (wrap off); false when wrap is on. */
  scrollRight(cols = 8): boolean {
    return this.changedIf(this.display.scrollSideways(cols));
  }

  scrollLeft(cols = 8): boolean {
    return this.changedIf(this.display.scrollSideways(-cols));
  }

  toggleWrap(): boolean {
    const wrap = this.display.toggleWrap();
    this.changed();
    return wrap;
  }

  /** Shows the container's own colours, or plain text (the stored lines keep them either way). */
  setKeepColor(keep: boolean): void {
    this.display.keepColor = keep;
    this.changed();
  }

  /** Hidden, then local times, then local times and ages, then hidden again; returns the new mode. */
  cycleTimestamps(): TimestampMode {
    const mode = this.display.cycleTimestamps();
    this.changed();
    return mode;
  }

  /** Cycles all / stdout / stderr; returns why not for a TTY source (streams are merged). */
  cycleStreamFilter(): string | undefined {
    if (!this.model.sawStreams && this.model.view.length > 0) return 'this container has a TTY: its stdout and stderr are one stream';
    this.model.setStreamFilter(nextStreamFilter(this.model.streamFilter));
    this.changed();
    return undefined;
  }

  /** Starts (or with '' / undefined, ends) a search; returns the number of matching lines. */
  startSearch(query: string | undefined): number {
    this.model.setSearch(query);
    if (this.model.search) this.moveMatch(1);
    this.changed();
    return this.model.matches.length;
  }

  nextMatch(): boolean {
    return this.moveMatch(1);
  }

  prevMatch(): boolean {
    return this.moveMatch(-1);
  }

  /** Shows only lines containing the query (undefined or '' shows all again). */
  setFilter(query: string | undefined): void {
    this.model.setFilter(query);
    this.changed();
  }

  status(): LogViewStatus {
    return viewStatus(this.model, this.display, this.source.lastTimestamp);
  }

  /** The lines shown (filters applied), as text for saving. */
  shownText(): string {
    return linesToText(this.model.shownLines(), { timestamps: this.display.timestamps });
  }

  destroy(): void {
    this.source.stop();
    this.box.removeListener('prerender', this.onPrerender);
    this.box.destroy();
  }

  // ---- drawing --------------------------------------------------------------------

  private changed(): void {
    this.requestRender();
  }

  /** Asks for a frame when something changed; passes `did` on. */
  private changedIf(did: boolean): boolean {
    if (did) this.changed();
    return did;
  }

  private moveMatch(dir: 1 | -1): boolean {
    const m = this.model;
    const moved = m.moveMatch(dir, this.page(), this.rowsOf);
    if (moved && m.search) this.display.revealMatch(m.currentLine(), m.search, this.context());
    this.changed();
    return moved;
  }

  /** Rows for lines: the inner height minus the status row. */
  private page(): number {
    return Math.max(1, (this.box.height as number) - 3);
  }

  private context(): RenderContext {
    const width = Math.max(1, (this.box.width as number) - 2);
    return this.display.context({ width, gutter: this.model.sawStreams, theme: this.theme, highlight: this.model.search, blessedWidth: blessedStrWidth });
  }

  private readonly rowsOf = (line: ParsedLine & { seq: number }) => rowCount(line, this.context());

  /** Rebuilds the content for the current size: only the rows on screen. */
  draw(): void {
    const ctx = this.context();
    const rows = visibleRows(this.model, ctx, this.page());
    rows.push(statusLine(this.theme, this.status(), ctx.width));
    this.box.setLabel(` ${this.focused ? '▶ ' : ''}${this.label} `);
    lite.setContent(this.box, rows.join('\n'));
  }
}
