// The log view's one-line status: follow state, search, filters, and what was lost.
import type { Meaning } from '../../render/cells.js';
import type { StreamFilter } from '../../render/log-search.js';
import { displayWidth, fit } from '../../render/text.js';
import { escapeTags, type Theme } from '../theme.js';
import type { LogDisplay } from './display.js';
import type { LogViewModel } from './model.js';

export interface LogViewStatus {
  readonly following: boolean;
  readonly paused: boolean;
  /** Lines that arrived while paused. */
  readonly newLines: number;
  /** Older lines dropped by the ring buffer. */
  readonly dropped: number;
  /** Lines skipped because the reader fell behind. */
  readonly skipped: number;
  /** Lines matching the search. */
  readonly matches: number;
  /** 1-based index of the current match, 0 when none. */
  readonly match: number;
  /** Lines shown (after the filters). */
  readonly lines: number;
  readonly wrap: boolean;
  /** Columns scrolled sideways (wrap off). */
  readonly hscroll: number;
  readonly timestamps: boolean;
  /** With timestamps: each line's age beside its local time. */
  readonly ages: boolean;
  readonly streamFilter: StreamFilter;
  readonly filter: string | undefined;
  readonly search: string | undefined;
  /** Engine timestamp of the newest line (reopen from here after a restart). */
  readonly lastTimestamp: string | undefined;
}

/** The view's state as the status line and the screens read it. */
export function viewStatus(m: LogViewModel, d: LogDisplay, lastTimestamp: string | undefined): LogViewStatus {
  return {
    following: m.following,
    paused: !m.following,
    newLines: m.newLines,
    dropped: m.store.dropped,
    skipped: m.skipped,
    matches: m.matches.length,
    match: m.matchPosition(),
    lines: m.view.length,
    wrap: d.wrap,
    hscroll: d.hscroll,
    timestamps: d.timestamps,
    ages: d.timestamps && d.ages,
    streamFilter: m.streamFilter,
    filter: m.filter?.query,
    search: m.search?.query,
    lastTimestamp,
  };
}

export const count = (x: number): string => x.toLocaleString('en-US');

export function statusParts(s: LogViewStatus): Array<[string, Meaning]> {
  const parts: Array<[string, Meaning]> = [];
  if (s.following) parts.push(['following', 'ok']);
  else parts.push([`paused, ${count(s.newLines)} new line${s.newLines === 1 ? '' : 's'}`, 'warn']);
  if (s.search !== undefined) parts.push([s.matches ? `/${s.search}: match ${s.match || '-'} of ${count(s.matches)}` : `/${s.search}: no match`, 'accent']);
  if (s.filter !== undefined) parts.push([`filter: ${s.filter}`, 'accent']);
  if (s.streamFilter !== 'all') parts.push([`${s.streamFilter} only`, 'accent']);
  if (!s.wrap) parts.push([s.hscroll ? `no wrap, col ${s.hscroll}` : 'no wrap', 'muted']);
  if (s.dropped) parts.push([`${count(s.dropped)} older dropped`, 'muted']);
  if (s.skipped) parts.push([`${count(s.skipped)} skipped to keep up`, 'warn']);
  return parts;
}

/** The parts joined by " · ", cut to the width (later parts go first). */
export function statusLine(theme: Theme, s: LogViewStatus, width: number): string {
  let used = 0;
  const out: string[] = [];
  for (const [text, meaning] of statusParts(s)) {
    const sep = out.length ? 3 : 0;
    const room = width - used - sep;
    if (room <= 0) break;
    const t = fit(text, room).trimEnd();
    out.push(theme.paint(escapeTags(t), meaning));
    used += sep + displayWidth(t);
  }
  return out.join(theme.paint(' · ', 'muted'));
}
