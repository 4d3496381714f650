// What the log view shows and where it is: the lines that pass the filters, the search
// matches, follow or paused at a position, counters. No blessed here: the widget measures rows
// (they depend on width and wrap) and passes the measure in.
import { type LogLine, type ParsedLine } from '../../render/log-lines.js';
import { timestampKey } from '../../render/log-time.js';
import { lineMatches, type Matcher, makeMatcher, passesStream, type StreamFilter } from '../../render/log-search.js';
import { SeqList } from './seqs.js';

/** What the view needs of a ring buffer (src/state/log-buffer.ts's LogBuffer<LogLine> fits). */
export interface LogLineStore {
  push(line: LogLine): number;
  at(seq: number): LogLine | undefined;
  readonly firstSeq: number;
  readonly endSeq: number;
  readonly length: number;
  readonly dropped: number;
  clear(): void;
}

/** A line on screen: which line, and which of its rows. */
export interface RowRef {
  readonly line: LogLine;
  readonly row: number;
}

export type RowsOf = (line: LogLine) => number;

export class LogViewModel {
  readonly view = new SeqList();
  readonly matches = new SeqList();
  following = true;
  /** Top of the screen while paused. */
  private top = { seq: 0, row: 0 };
  newLines = 0;
  skipped = 0;
  streamFilter: StreamFilter = 'all';
  filter: Matcher | undefined;
  search: Matcher | undefined;
  current: number | undefined;
  /** Some line came from a non-TTY stream: reserve the stream marker column. */
  sawStreams = false;
  private watermark: bigint | undefined;
  /** Lines at the watermark itself still to skip (shown before the stream was reopened). */
  private repeatsAtWatermark = 0;

  constructor(readonly store: LogLineStore) {}

  private passes(line: LogLine): boolean {
    return passesStream(line.stream, this.streamFilter) && (!this.filter || line.stream === 'event' || lineMatches(line, this.filter));
  }

  private trim(): void {
    const first = this.store.firstSeq;
    this.view.trimBelow(first);
    this.matches.trimBelow(first);
    if (this.current !== undefined && this.current < first) this.current = undefined;
  }

  /**
   * The stream was reopened: lines before this engine timestamp are duplicates, and so are the
   * first `shownAtTs` at it. Docker stamps nanoseconds (one line at a time); Podman whole
   * seconds, where a line shown and a new one can share the stamp.
   */
  skipUpTo(ts: string | undefined, shownAtTs = 1): void {
    this.watermark = ts === undefined ? undefined : timestampKey(ts);
    this.repeatsAtWatermark = shownAtTs;
  }

  append(lines: readonly ParsedLine[]): number {
    let added = 0;
    for (const l of lines) {
      if (this.watermark !== undefined && l.ts !== undefined) {
        const key = timestampKey(l.ts);
        if (key !== undefined && (key < this.watermark || (key === this.watermark && this.repeatsAtWatermark-- > 0))) continue;
        this.watermark = undefined;
      }
      const line: LogLine = { ...l, seq: this.store.endSeq };
      this.store.push(line);
      if (line.stream === 'stdout' || line.stream === 'stderr') this.sawStreams = true;
      if (!this.passes(line)) continue;
      this.view.push(line.seq);
      if (this.search && lineMatches(line, this.search)) this.matches.push(line.seq);
      if (!this.following) this.newLines++;
      added++;
    }
    this.trim();
    return added;
  }

  clear(): void {
    this.store.clear();
    this.view.clear();
    this.matches.clear();
    this.current = undefined;
    this.following = true;
    this.newLines = 0;
    this.skipped = 0;
    this.sawStreams = false;
    this.watermark = undefined;
  }

  /** Re-reads the buffer after a filter or search change. */
  rebuild(): void {
    this.view.clear();
    this.matches.clear();
    for (let s = this.store.firstSeq; s < this.store.endSeq; s++) {
      const line = this.store.at(s)!;
      if (!this.passes(line)) continue;
      this.view.push(s);
      if (this.search && lineMatches(line, this.search)) this.matches.push(s);
    }
    if (this.current !== undefined && this.matches.lowerBound(this.current) >= this.matches.length) this.current = undefined;
  }

  setFilter(query: string | undefined): void {
    this.filter = query ? makeMatcher(query) : undefined;
    this.rebuild();
  }

  setStreamFilter(f: StreamFilter): void {
    this.streamFilter = f;
    this.rebuild();
  }

  setSearch(query: string | undefined): void {
    this.search = query ? makeMatcher(query) : undefined;
    this.current = undefined;
    this.rebuild();
  }

  /** The lines that pass the filters, oldest first. */
  *shownLines(): Generator<LogLine> {
    for (let i = 0; i < this.view.length; i++) {
      const line = this.lineAt(i);
      if (line) yield line;
    }
  }

  private lineAt(i: number): LogLine | undefined {
    const seq = this.view.at(i);
    return seq === undefined ? undefined : this.store.at(seq);
  }

  /** The rows on screen, top to bottom, for a page of `page` rows. */
  visible(page: number, rowsOf: RowsOf): RowRef[] {
    this.trim();
    const out: RowRef[] = [];
    if (page <= 0 || this.view.length === 0) return out;
    if (this.following) {
      for (let i = this.view.length - 1; i >= 0 && out.length < page; i--) {
        const line = this.lineAt(i)!;
        for (let r = rowsOf(line) - 1; r >= 0 && out.length < page; r--) out.push({ line, row: r });
      }
      return out.reverse();
    }
    let i = this.view.lowerBound(this.top.seq);
    let r = this.view.at(i) === this.top.seq ? this.top.row : 0;
    for (; i < this.view.length && out.length < page; i++, r = 0) {
      const line = this.lineAt(i)!;
      const n = rowsOf(line);
      for (; r < n && out.length < page; r++) out.push({ line, row: r });
    }
    return out;
  }

  /** Is the paused position at the very first line shown? */
  atStart(): boolean {
    if (this.view.length === 0) return true;
    if (this.following) return false;
    return this.top.row === 0 && this.view.lowerBound(this.top.seq) === 0;
  }

  private pause(page: number, rowsOf: RowsOf): void {
    if (!this.following) return;
    const first = this.visible(page, rowsOf)[0];
    this.top = first ? { seq: first.line.seq, row: first.row } : { seq: this.store.endSeq, row: 0 };
    this.following = false;
    this.newLines = 0;
  }

  resume(): void {
    this.following = true;
    this.newLines = 0;
  }

  /** Scrolls by rows (negative: up). Scrolling up pauses; reaching the end resumes. */
  scrollBy(delta: number, page: number, rowsOf: RowsOf): void {
    if (this.view.length === 0) return;
    if (delta > 0 && this.following) return;
    this.pause(page, rowsOf);
    let i = this.view.lowerBound(this.top.seq);
    if (i >= this.view.length) i = this.view.length - 1;
    let r = this.view.at(i) === this.top.seq ? this.top.row : 0;
    let left = delta;
    while (left < 0) {
      if (r > 0) r--;
      else if (i > 0) r = rowsOf(this.lineAt(--i)!) - 1;
      else break;
      left++;
    }
    while (left > 0) {
      if (r + 1 < rowsOf(this.lineAt(i)!)) r++;
      else if (i + 1 < this.view.length) {
        i++;
        r = 0;
      } else break;
      left--;
    }
    this.top = { seq: this.view.at(i)!, row: r };
    if (delta > 0 && this.rowsFrom(i, r, page + 1, rowsOf) <= page) this.resume();
  }

  /** Rows from a position to the end, counting at most `limit`. */
  private rowsFrom(i: number, r: number, limit: number, rowsOf: RowsOf): number {
    let n = 0;
    for (; i < this.view.length && n < limit; i++, r = 0) n += rowsOf(this.lineAt(i)!) - r;
    return n;
  }

  toStart(): void {
    const first = this.view.at(0);
    if (first === undefined) return;
    if (this.following) this.newLines = 0;
    this.following = false;
    this.top = { seq: first, row: 0 };
  }

  /** Shows a line near the top third of the page, paused. */
  reveal(seq: number, page: number, rowsOf: RowsOf): void {
    const line = this.store.at(seq);
    const rowsShown = this.visible(page, rowsOf).filter((r) => r.line.seq === seq).length;
    if (line && rowsShown === rowsOf(line)) return; // already in full view
    this.pause(page, rowsOf);
    const i = this.view.lowerBound(seq);
    const above = Math.floor(page / 3);
    this.top = { seq: this.view.at(Math.max(0, i - above))!, row: 0 };
  }

  /** Moves to the next (dir 1, newer) or previous (-1, older) match; false when none. */
  moveMatch(dir: 1 | -1, page: number, rowsOf: RowsOf): boolean {
    this.trim();
    const n = this.matches.length;
    if (n === 0) return false;
    let idx: number;
    if (this.current !== undefined) {
      const at = this.matches.lowerBound(this.current);
      idx = (at + dir + n) % n;
    } else if (this.following) {
      idx = n - 1; // newest first: that is what a user following the log just saw
    } else {
      const top = this.visible(page, rowsOf)[0]?.line.seq ?? 0;
      const at = this.matches.lowerBound(top);
      idx = dir === 1 ? at % n : (at - 1 + n) % n;
    }
    this.current = this.matches.at(idx)!;
    this.reveal(this.current, page, rowsOf);
    return true;
  }

  /** The line of the current match, if any (and still held). */
  currentLine(): LogLine | undefined {
    return this.current === undefined ? undefined : this.store.at(this.current);
  }

  /** 1-based position of the current match, 0 when none. */
  matchPosition(): number {
    if (this.current === undefined) return 0;
    const i = this.matches.lowerBound(this.current);
    return this.matches.at(i) === this.current ? i + 1 : 0;
  }
}
