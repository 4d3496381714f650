// A full-screen, read-only text: wrapped to the width, scrolled by line or page, with a
// search that marks matching lines and jumps between them. Inspect views show JSON in it.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import { fit } from '../render/text.js';
import { wrapToWidth } from './overlay-list.js';
import { escapeTags, type Theme } from './theme.js';

interface DisplayLine {
  readonly text: string;
  /** The source line it was cut from. */
  readonly source: number;
}

export class TextView {
  readonly box: blessed.Widgets.BoxElement;
  private lines: readonly string[] = [];
  private display: DisplayLine[] = [];
  private wrappedFor = -1;
  private top = 0;
  private query: string | undefined;
  private matches: number[] = [];
  private current = -1;

  constructor(
    parent: blessed.Widgets.Node,
    private readonly theme: Theme,
    label: string,
  ) {
    this.box = lite.box({ parent, top: 1, left: 0, width: '100%', height: '100%-2', label: ` ${label} `, border: { type: 'line' }, tags: true, wrap: false, style: { border: { fg: theme.focusBorder } } });
  }

  /**
   * Replaces the text. `keepPlace` is for a text that changes while it is read (a live
   * section): the scroll position and the current match stay instead of going to the first.
   */
  setLines(lines: readonly string[], opts: { keepPlace?: boolean } = {}): void {
    this.lines = lines;
    this.wrappedFor = -1;
    if (!opts.keepPlace) {
      if (this.query !== undefined) this.search(this.query);
      return;
    }
    if (this.query !== undefined) {
      this.matches = this.matching();
      this.current = Math.min(this.current, this.matches.length - 1);
    }
    this.scroll(0);
  }

  get text(): string {
    return this.lines.join('\n') + (this.lines.length ? '\n' : '');
  }

  private inner(): { width: number; height: number } {
    return { width: Math.max(10, (this.box.width as number) - 3), height: Math.max(1, (this.box.height as number) - 3) };
  }

  private wrapped(): DisplayLine[] {
    const { width } = this.inner();
    if (this.wrappedFor !== width) {
      this.display = this.lines.flatMap((l, i) => wrapToWidth(l, width).map((text) => ({ text, source: i })));
      this.wrappedFor = width;
    }
    return this.display;
  }

  private maxTop(): number {
    return Math.max(0, this.wrapped().length - this.inner().height);
  }

  scroll(delta: number): void {
    this.top = Math.max(0, Math.min(this.maxTop(), this.top + delta));
  }

  page(direction: 1 | -1): void {
    this.scroll(direction * Math.max(1, this.inner().height - 1));
  }

  toStart(): void {
    this.top = 0;
  }

  toEnd(): void {
    this.top = this.maxTop();
  }

  /** Marks the lines containing `q` (case-insensitive) and goes to the first; returns how many. */
  search(q: string | undefined): number {
    this.query = q || undefined;
    this.matches = this.matching();
    this.current = -1;
    if (this.matches.length) this.goTo(0);
    return this.matches.length;
  }

  /** The lines containing the query, case-insensitive. */
  private matching(): number[] {
    const needle = this.query?.toLowerCase();
    return needle ? this.lines.flatMap((l, i) => (l.toLowerCase().includes(needle) ? [i] : [])) : [];
  }

  /** Goes to the next (or previous) match; false when there is none that way. */
  step(direction: 1 | -1): boolean {
    const next = this.current + direction;
    if (!this.matches.length || next < 0 || next >= this.matches.length) return false;
    this.goTo(next);
    return true;
  }

  /** The whole line the search is on (the current match), if any. */
  currentMatch(): string | undefined {
    const i = this.matches[this.current];
    return i === undefined ? undefined : this.lines[i];
  }

  get searching(): string | undefined {
    return this.query;
  }

  private goTo(i: number): void {
    this.current = i;
    const first = this.wrapped().findIndex((d) => d.source === this.matches[i]);
    this.top = Math.max(0, Math.min(this.maxTop(), first - 2));
  }

  /** "12-40/300 · match 2/5", for the footer. */
  where(): string {
    const total = this.wrapped().length;
    const h = this.inner().height;
    const pos = total > h ? `${this.top + 1}-${Math.min(total, this.top + h)}/${total}` : `${total} lines`;
    return this.query === undefined ? pos : `${pos} · ${this.matches.length ? `match ${this.current + 1}/${this.matches.length}` : 'no match'} for "${this.query}"`;
  }

  draw(): void {
    const { width, height } = this.inner();
    const shown = this.wrapped().slice(this.top, this.top + height);
    const hit = new Set(this.matches);
    const at = this.matches[this.current];
    this.box.setContent(
      shown
        .map((d) => {
          const text = escapeTags(fit(d.text, width));
          return ' ' + (d.source === at ? this.theme.highlight(text, 'current') : hit.has(d.source) ? this.theme.highlight(text, 'match') : text);
        })
        .join('\n'),
    );
  }

  destroy(): void {
    this.box.destroy();
  }
}
