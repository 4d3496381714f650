// Turns one log line into the rows a blessed box shows: prefix (stream marker, time), text cut
// or wrapped to the width by terminal columns, search highlights, kept colour. Pure: no blessed
// here, so the maths is unit-tested; the widget passes blessed's own width measure in.
import type { LogLine } from '../../render/log-lines.js';
import { formatLogAge, formatLogTime, LOG_AGE_WIDTH, LOG_TIME_WIDTH } from '../../render/log-time.js';
import type { Matcher } from '../../render/log-search.js';
import { stripSgr } from '../../render/log-sanitize.js';
import { EMOJI, PLAIN, fit, graphemeWidth } from '../../render/text.js';
import type { LogViewModel } from './model.js';
import { escapeTags, type Theme } from '../theme.js';
import { graphemes } from '../../render/intl.js';

/** Shown in place of a character blessed and the terminal would not agree on the width of. */
export const WIDE_PLACEHOLDER = '?';

/** Marks a stderr line in the gutter; under NO_COLOR it must be visible without colour. */
export const STDERR_MARK = { color: '▌', plain: '!' } as const;

/** Starts the piece of a line that was cut because it was too long. */
export const CONT_MARK = '…';

export interface RenderContext {
  /** Inner width of the box, in columns. */
  readonly width: number;
  readonly wrap: boolean;
  /** Columns scrolled to the right (wrap off). */
  readonly hscroll: number;
  readonly timestamps: boolean;
  /** With timestamps: also how long ago each line was written, counted from `now`. */
  readonly ages?: boolean;
  /** ms since the epoch, for ages. */
  readonly now?: number;
  /** Reserve a stream-marker column (non-TTY sources). */
  readonly gutter: boolean;
  /** Keep the container's own colours. */
  readonly color: boolean;
  readonly theme: Theme;
  readonly highlight?: Matcher;
  /** This line holds the current match: its matches stand out from the others. */
  readonly current?: boolean;
  /** How many columns blessed gives a grapheme (blessed.unicode.strWidth); defaults to ours. */
  readonly blessedWidth?: (grapheme: string) => number;
}

export function prefixWidth(ctx: RenderContext): number {
  return (ctx.gutter ? 2 : 0) + (ctx.timestamps ? LOG_TIME_WIDTH + 1 + (ctx.ages ? LOG_AGE_WIDTH + 1 : 0) : 0);
}

function prefix(line: LogLine, ctx: RenderContext, first: boolean): string {
  let out = '';
  if (ctx.gutter) {
    if (first && line.stream === 'stderr') {
      out += ctx.theme.color ? ctx.theme.paint(STDERR_MARK.color, 'error') : STDERR_MARK.plain;
    } else out += ' ';
    out += ' ';
  }
  if (ctx.timestamps) {
    const shown = first && line.time !== undefined && !line.cont;
    out += shown ? ctx.theme.paint(formatLogTime(line.time!), 'muted') : ' '.repeat(LOG_TIME_WIDTH);
    out += ' ';
    if (ctx.ages) out += `${shown ? ctx.theme.paint(fit(formatLogAge(line.time!, ctx.now ?? Date.now()), LOG_AGE_WIDTH), 'muted') : ' '.repeat(LOG_AGE_WIDTH)} `;
  }
  return out;
}

type Style = 'normal' | 'match' | 'current' | 'muted';

interface Cell {
  readonly text: string;
  readonly width: number;
  readonly style: Style;
  /** SGR sequences that take effect before this cell. */
  readonly sgr: string;
}

/** The line's text as display cells: graphemes, placeholders for mis-measured ones. */
function cells(line: LogLine, ctx: RenderContext): Cell[] {
  const parts = line.text.split(/(\x1b\[[\d;]*m)/);
  const ranges = ctx.highlight ? ctx.highlight.ranges(parts.filter((_, i) => i % 2 === 0).join('')) : [];
  // Highlights win over the container's colours: a match must stand out.
  const keepSgr = ctx.color && ranges.length === 0;
  const out: Cell[] = [];
  if (line.cont) out.push({ text: CONT_MARK, width: 1, style: 'muted', sgr: '' });
  let pos = 0;
  let r = 0;
  let sgr = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      if (keepSgr) sgr += part;
      continue;
    }
    if (PLAIN.test(part)) {
      // Printable ASCII, by far the most common log text: one column a character, nothing
      // to segment or measure (this loop runs for every visible line of every frame).
      for (let j = 0; j < part.length; j++) {
        const at = pos++;
        while (r < ranges.length && ranges[r]![1] <= at) r++;
        const inMatch = r < ranges.length && ranges[r]![0] <= at;
        out.push({ text: part[j]!, width: 1, style: inMatch ? (ctx.current ? 'current' : 'match') : 'normal', sgr });
        sgr = '';
      }
      continue;
    }
    for (const { segment } of graphemes(part)) {
      const at = pos;
      pos += segment.length;
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const inMatch = r < ranges.length && ranges[r]![0] <= at;
      const w = graphemeWidth(segment);
      if (w === 0) continue;
      const risky = EMOJI.test(segment) || (ctx.blessedWidth !== undefined && ctx.blessedWidth(segment) !== w);
      out.push({
        text: risky ? WIDE_PLACEHOLDER.repeat(w) : segment,
        width: w,
        style: inMatch ? (ctx.current ? 'current' : 'match') : risky ? 'muted' : 'normal',
        sgr,
      });
      sgr = '';
    }
  }
  if (sgr) out.push({ text: '', width: 0, style: 'normal', sgr });
  return out;
}

function paint(ctx: RenderContext, text: string, style: Style): string {
  const t = escapeTags(text);
  if (style === 'match' || style === 'current') return ctx.theme.highlight(t, style);
  if (style === 'muted') return ctx.theme.paint(t, 'muted');
  return t;
}

/** Joins cells into one tagged row, resetting any kept colour at its end. */
function row(ctx: RenderContext, head: string, cs: readonly Cell[], carrySgr: string): string {
  let out = head + carrySgr;
  let run = '';
  let style: Style = 'normal';
  let colored = carrySgr !== '';
  const flush = () => {
    if (run) out += paint(ctx, run, style);
    run = '';
  };
  for (const c of cs) {
    if (c.sgr) {
      flush();
      out += c.sgr;
      colored = true;
    }
    if (c.style !== style) {
      flush();
      style = c.style;
    }
    run += c.text;
  }
  flush();
  return colored ? out + '\x1b[m' : out;
}

/** Rows for an event marker line: centred rule, muted. */
function eventRows(line: LogLine, ctx: RenderContext): string[] {
  const text = ` ${line.text} `;
  const side = Math.max(2, Math.floor((ctx.width - text.length) / 2));
  const full = ('─'.repeat(side) + text + '─'.repeat(side)).slice(0, Math.max(0, ctx.width));
  return [ctx.theme.paint(escapeTags(full), 'accent')];
}

/** The rows a line takes on screen (one when wrap is off). */
export function lineRows(line: LogLine, ctx: RenderContext): string[] {
  if (line.stream === 'event') return eventRows(line, ctx);
  const room = Math.max(1, ctx.width - prefixWidth(ctx));
  const all = cells(line, ctx);
  if (!ctx.wrap) {
    const shown: Cell[] = [];
    let col = 0;
    let sgr = '';
    for (const c of all) {
      const end = col + c.width;
      if (end <= ctx.hscroll) sgr += c.sgr; // scrolled out to the left: its colour still applies
      else if (col >= ctx.hscroll + room) break;
      else if (col < ctx.hscroll || end > ctx.hscroll + room) {
        // A wide character cut by an edge: blank columns instead of half a glyph.
        const visible = Math.min(end, ctx.hscroll + room) - Math.max(col, ctx.hscroll);
        shown.push({ text: ' '.repeat(visible), width: visible, style: 'normal', sgr: sgr + c.sgr });
        sgr = '';
      } else {
        shown.push(sgr ? { ...c, sgr: sgr + c.sgr } : c);
        sgr = '';
      }
      col = end;
    }
    return [row(ctx, prefix(line, ctx, true), shown, '')];
  }
  const rows: string[] = [];
  let cur: Cell[] = [];
  let used = 0;
  let carry = '';
  let active = '';
  for (const c of all) {
    if (used + c.width > room && cur.length) {
      rows.push(row(ctx, prefix(line, ctx, rows.length === 0), cur, carry));
      // Colour set on an earlier row goes on after the prefix of the next one.
      carry = active;
      cur = [];
      used = 0;
    }
    if (c.sgr) active += c.sgr;
    cur.push(c);
    used += c.width;
  }
  rows.push(row(ctx, prefix(line, ctx, rows.length === 0), cur, rows.length ? carry : ''));
  return rows;
}

/** Column (in the text, before scrolling) where the first match of the line starts. */
export function matchColumn(line: LogLine, matcher: Matcher, ctx: RenderContext): number | undefined {
  const plain = stripSgr(line.text);
  const first = matcher.ranges(plain)[0];
  if (!first) return undefined;
  return cells({ ...line, text: plain.slice(0, first[0]) }, { ...ctx, highlight: undefined }).reduce((n, c) => n + c.width, 0);
}

/** How many rows lineRows would give, without building them (cached per line and layout). */
export function rowCount(line: LogLine, ctx: RenderContext): number {
  if (!ctx.wrap || line.stream === 'event') return 1;
  const key = `${ctx.width}/${prefixWidth(ctx)}`;
  const hit = counts.get(line);
  if (hit && hit.key === key) return hit.count;
  const room = Math.max(1, ctx.width - prefixWidth(ctx));
  let n = 1;
  let used = 0;
  for (const c of cells(line, { ...ctx, highlight: undefined })) {
    if (used + c.width > room && used > 0) {
      n++;
      used = 0;
    }
    used += c.width;
  }
  counts.set(line, { key, count: n });
  return n;
}

const counts = new WeakMap<LogLine, { key: string; count: number }>();

/** The page of rows to show: visible lines only, a notice at the top when lines were dropped. */
export function visibleRows(model: LogViewModel, ctx: RenderContext, page: number): string[] {
  const rows: string[] = [];
  const built = new Map<number, string[]>();
  for (const ref of model.visible(page, (l) => rowCount(l, ctx))) {
    let lr = built.get(ref.line.seq);
    if (!lr) {
      lr = lineRows(ref.line, ref.line.seq === model.current ? { ...ctx, current: true } : ctx);
      built.set(ref.line.seq, lr);
    }
    rows.push(lr[ref.row] ?? '');
  }
  const note = (text: string, meaning: 'warn' | 'muted') => ctx.theme.paint(escapeTags(fit(text, ctx.width)), meaning);
  const dropped = model.store.dropped;
  if (model.atStart() && dropped > 0 && rows.length) rows[0] = note(`… ${dropped.toLocaleString('en-US')} older lines were dropped (the buffer keeps the newest)`, 'warn');
  if (model.view.length === 0) rows.push(note(model.filter || model.streamFilter !== 'all' ? 'No lines match the filter.' : 'No log output yet.', 'muted'));
  while (rows.length < page) rows.push('');
  return rows;
}
