// The log view: a bordered box over a bounded buffer of lines, following the end or paused,
// with wrap, timestamps, a stream filter, search and a text filter. It never calls
// screen.render() itself: it asks through requestRender (the screen's frame scheduler) and
// rebuilds its content, visible rows only, just before blessed draws it.
import blessed from 'blessed';
import type { ParsedLine, RawLogChunk } from '../render/log-lines.js';
import { linesToText } from '../render/log-lines.js';
import { nextStreamFilter, type StreamFilter } from '../render/log-search.js';
import type { Meaning } from '../render/cells.js';
import { displayWidth, fit } from '../render/text.js';
import { LogFeeder, type LogFeederOptions } from './log-view-feeder.js';
import { type LogLineStore, LogViewModel } from './log-view-model.js';
import { lineRows, matchColumn, prefixWidth, type RenderContext, rowCount } from './log-view-render.js';
import { escapeTags, type Theme } from './theme.js';

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

export interface LogViewStatus {
  readonly following: boolean;
  readonly paused: boolean;
  readonly newLines: number;
  /** Older lines dropped by the ring buffer. */
  readonly dropped: number;
  /** Lines skipped because the reader fell behind. */
  readonly skipped: number;
  readonly matches: number;
  /** 1-based index of the current match, 0 when none. */
  readonly match: number;
  readonly lines: number;
  readonly wrap: boolean;
  readonly timestamps: boolean;
  readonly streamFilter: StreamFilter;
  readonly filter: string | undefined;
  readonly search: string | undefined;
  /** Engine timestamp of the newest line (reopen from here after a restart). */
  readonly lastTimestamp: string | undefined;
}

// blessed's own width table (its typings do not declare it).
const blessedStrWidth = (blessed as unknown as { unicode: { strWidth(s: string): number } }).unicode.strWidth;

const n = (x: number) => x.toLocaleString('en-US');

export class LogView {
  readonly box: blessed.Widgets.BoxElement;
  private readonly model: LogViewModel;
  private readonly theme: Theme;
  private readonly requestRender: () => void;
  private feeder: LogFeeder | undefined;
  private label: string;
  private focused = false;
  private wrap = true;
  private timestamps = false;
  private hscroll = 0;
  private readonly keepColor: boolean;
  private lastTs: string | undefined;
  private readonly onPrerender = () => this.draw();

  constructor(private readonly opts: LogViewOptions) {
    this.theme = opts.theme;
    this.requestRender = opts.requestRender;
    this.keepColor = opts.keepColor ?? opts.theme.color;
    this.model = new LogViewModel(opts.buffer);
    this.label = opts.label ?? 'logs';
    this.box = blessed.box({
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
    this.feeder?.stop();
    this.model.clear();
    this.lastTs = undefined;
    this.hscroll = 0;
    this.setLabel(sourceLabel);
    this.feeder = this.newFeeder(opts.timestamps);
    this.changed();
  }

  /**
   * Continues the same source on a new stream (after a restart): keeps the lines, marks the
   * place, and skips lines the new stream repeats (at or before the last timestamp shown).
   */
  reattach(marker: string, opts: { timestamps: boolean } = { timestamps: true }): void {
    this.feeder?.end();
    this.feeder = this.newFeeder(opts.timestamps);
    this.markEvent(marker);
    this.model.skipUpTo(this.lastTs);
  }

  private newFeeder(timestamps: boolean): LogFeeder {
    return new LogFeeder(
      {
        lines: (lines) => this.append(lines),
        skipped: (count) => {
          this.model.skipped += count;
          this.append([{ stream: 'event', text: `${n(count)} lines skipped to keep up` }]);
        },
      },
      { timestamps, ...this.opts.feeder },
    );
  }

  /** A raw chunk from the log stream (src/docker/logs.ts). */
  pushChunk(chunk: RawLogChunk): void {
    if (!this.feeder) this.feeder = this.newFeeder(true);
    this.feeder.push(chunk);
  }

  /** The stream ended: show its last unterminated line. */
  endOfStream(): void {
    this.feeder?.end();
  }

  /** Lines already parsed (and sanitised). */
  append(lines: readonly ParsedLine[]): void {
    for (let i = lines.length - 1; i >= 0; i--) {
      const ts = lines[i]!.ts;
      if (ts !== undefined) {
        this.lastTs = ts;
        break;
      }
    }
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
    this.lastTs = undefined;
    this.changed();
  }

  setLabel(label: string): void {
    this.label = label;
    this.changed();
  }

  setFocused(focused: boolean): void {
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
    if (this.wrap) return false;
    this.hscroll = Math.max(0, this.hscroll + cols);
    this.changed();
    return true;
  }

  scrollLeft(cols = 8): boolean {
    if (this.wrap) return false;
    this.hscroll = Math.max(0, this.hscroll - cols);
    this.changed();
    return true;
  }

  toggleWrap(): boolean {
    this.wrap = !this.wrap;
    this.hscroll = 0;
    this.changed();
    return this.wrap;
  }

  toggleTimestamps(): boolean {
    this.timestamps = !this.timestamps;
    this.changed();
    return this.timestamps;
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
    const m = this.model;
    return {
      following: m.following,
      paused: !m.following,
      newLines: m.newLines,
      dropped: m.store.dropped,
      skipped: m.skipped,
      matches: m.matches.length,
      match: m.matchPosition(),
      lines: m.view.length,
      wrap: this.wrap,
      timestamps: this.timestamps,
      streamFilter: m.streamFilter,
      filter: m.filter?.query,
      search: m.search?.query,
      lastTimestamp: this.lastTs,
    };
  }

  /** The lines shown (filters applied), as text for saving. */
  shownText(): string {
    const m = this.model;
    const lines = function* () {
      for (let i = 0; i < m.view.length; i++) {
        const l = m.store.at(m.view.at(i)!);
        if (l) yield l;
      }
    };
    return linesToText(lines(), { timestamps: this.timestamps });
  }

  destroy(): void {
    this.feeder?.stop();
    this.feeder = undefined;
    this.box.removeListener('prerender', this.onPrerender);
    this.box.destroy();
  }

  // ---- drawing --------------------------------------------------------------------

  private changed(): void {
    this.requestRender();
  }

  private moveMatch(dir: 1 | -1): boolean {
    const moved = this.model.moveMatch(dir, this.page(), this.rowsOf);
    if (moved && !this.wrap) this.revealColumn();
    this.changed();
    return moved;
  }

  /** With wrap off, scrolls sideways so the current match's first occurrence is visible. */
  private revealColumn(): void {
    const m = this.model;
    const line = m.current === undefined ? undefined : m.store.at(m.current);
    if (!line || !m.search) return;
    const ctx = this.context();
    const col = matchColumn(line, m.search, ctx);
    if (col === undefined) return;
    const room = Math.max(1, ctx.width - prefixWidth(ctx));
    if (col < this.hscroll || col >= this.hscroll + room - 4) this.hscroll = Math.max(0, col - 8);
  }

  private innerWidth(): number {
    return Math.max(1, (this.box.width as number) - 2);
  }

  /** Rows for lines: the inner height minus the status row. */
  private page(): number {
    return Math.max(1, (this.box.height as number) - 3);
  }

  private context(): RenderContext {
    return {
      width: this.innerWidth(),
      wrap: this.wrap,
      hscroll: this.hscroll,
      timestamps: this.timestamps,
      gutter: this.model.sawStreams,
      color: this.keepColor,
      theme: this.theme,
      highlight: this.model.search,
      blessedWidth: blessedStrWidth,
    };
  }

  private readonly rowsOf = (line: ParsedLine & { seq: number }) => rowCount(line, this.context());

  /** Rebuilds the content for the current size: only the rows on screen. */
  draw(): void {
    const ctx = this.context();
    const page = this.page();
    const m = this.model;
    const rows: string[] = [];
    const shown = m.visible(page, (l) => rowCount(l, ctx));
    const cache = new Map<number, string[]>();
    for (const ref of shown) {
      let lr = cache.get(ref.line.seq);
      if (!lr) {
        lr = lineRows(ref.line, ref.line.seq === m.current ? { ...ctx, current: true } : ctx);
        cache.set(ref.line.seq, lr);
      }
      rows.push(lr[ref.row] ?? '');
    }
    if (m.atStart() && m.store.dropped > 0 && rows.length) {
      rows[0] = this.theme.paint(escapeTags(fit(`… ${n(m.store.dropped)} older lines were dropped (the buffer keeps the newest)`, ctx.width)), 'warn');
    }
    if (m.view.length === 0) rows.push(this.theme.paint(escapeTags(fit(this.emptyText(), ctx.width)), 'muted'));
    while (rows.length < page) rows.push('');
    rows.push(this.statusLine(ctx.width));
    this.box.setLabel(` ${this.focused ? '▶ ' : ''}${this.label} `);
    this.box.setContent(rows.join('\n'));
  }

  private emptyText(): string {
    const m = this.model;
    if (m.filter || m.streamFilter !== 'all') return 'No lines match the filter.';
    return 'No log output yet.';
  }

  /** One row under the lines: follow state, search, filters, losses. */
  private statusLine(width: number): string {
    const s = this.status();
    const parts: Array<[string, Meaning]> = [];
    if (s.following) parts.push(['following', 'ok']);
    else parts.push([`paused, ${n(s.newLines)} new line${s.newLines === 1 ? '' : 's'}`, 'warn']);
    if (s.search !== undefined) parts.push([s.matches ? `/${s.search}: match ${s.match || '-'} of ${n(s.matches)}` : `/${s.search}: no match`, 'accent']);
    if (s.filter !== undefined) parts.push([`filter: ${s.filter}`, 'accent']);
    if (s.streamFilter !== 'all') parts.push([`${s.streamFilter} only`, 'accent']);
    if (!s.wrap) parts.push([this.hscroll ? `no wrap, col ${this.hscroll}` : 'no wrap', 'muted']);
    if (s.dropped) parts.push([`${n(s.dropped)} older dropped`, 'muted']);
    if (s.skipped) parts.push([`${n(s.skipped)} skipped to keep up`, 'warn']);
    let used = 0;
    const out: string[] = [];
    for (const [text, meaning] of parts) {
      const sep = out.length ? 3 : 0;
      const room = width - used - sep;
      if (room <= 0) break;
      const t = fit(text, room).trimEnd();
      out.push(this.theme.paint(escapeTags(t), meaning));
      used += sep + displayWidth(t);
    }
    return out.join(this.theme.paint(' · ', 'muted'));
  }
}
