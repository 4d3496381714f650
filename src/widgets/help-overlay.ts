// The help overlay: every key of every scope, from the action table's text. On a wide
// screen the sections flow into columns so the whole list fits without scrolling.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import { displayWidth, fit } from '../render/text.js';
import { escapeTags, type Theme } from './theme.js';

export interface HelpContent {
  readonly title: string;
  readonly entries: readonly { readonly keys: string; readonly description: string }[];
}

interface Line {
  readonly text: string;
  readonly kind: 'title' | 'entry' | 'blank';
  readonly keys?: string;
}

const COLUMN_MIN = 56;

export class HelpOverlay {
  readonly box: blessed.Widgets.BoxElement;
  private readonly keyWidth: number;

  constructor(
    parent: blessed.Widgets.Screen,
    private readonly sections: readonly HelpContent[],
    private readonly theme: Theme,
    /** The closing line, naming the keys as they are bound ("esc, ? or q closes this help"). */
    private readonly hint: string,
  ) {
    this.keyWidth = Math.min(22, Math.max(8, ...sections.flatMap((s) => s.entries.map((e) => displayWidth(e.keys)))));
    this.box = lite.box({
      parent,
      label: ' help ',
      top: 'center',
      left: 'center',
      width: '96%',
      height: '94%',
      border: { type: 'line' },
      tags: true,
      wrap: false,
      scrollable: true,
      alwaysScroll: true,
      keys: false,
      hidden: true,
      style: { border: { fg: theme.border } },
    });
  }

  get visible(): boolean {
    return !this.box.hidden;
  }

  show(): void {
    this.layout();
    this.box.show();
    this.box.setFront();
  }

  hide(): void {
    this.box.hide();
  }

  scroll(lines: number): void {
    this.box.scroll(lines);
  }

  /** Re-flows the text for the box's current size (the screen calls it on resize while visible). */
  layout(): void {
    const inner = Math.max(20, (this.box.width as number) - 2);
    const height = Math.max(5, (this.box.height as number) - 2);
    const blocks = this.sections.map((s) => [
      { text: s.title, kind: 'title' as const },
      ...s.entries.map((e) => ({ text: e.description, keys: e.keys, kind: 'entry' as const })),
      { text: '', kind: 'blank' as const },
    ]);
    const total = blocks.reduce((n, b) => n + b.length, 0);
    const maxCols = Math.max(1, Math.floor(inner / COLUMN_MIN));
    const cols = Math.min(maxCols, Math.max(1, Math.ceil(total / Math.max(1, height - 2))));
    // Fill columns in order, starting a new one when a section would overflow the target height.
    const target = Math.ceil(total / cols);
    const columns: Line[][] = [[]];
    for (const b of blocks) {
      const cur = columns[columns.length - 1]!;
      if (cur.length && cur.length + b.length > target && columns.length < cols) columns.push([...b]);
      else cur.push(...b);
    }
    const colW = Math.floor(inner / columns.length);
    const rows = Math.max(...columns.map((c) => c.length));
    const out: string[] = [];
    for (let r = 0; r < rows; r++) out.push(columns.map((c) => this.cell(c[r], colW)).join(''));
    out.push(this.theme.paint(escapeTags(this.hint), 'muted'));
    lite.setContent(this.box, out.join('\n'));
  }

  private cell(line: Line | undefined, width: number): string {
    if (!line || line.kind === 'blank') return ' '.repeat(width);
    if (line.kind === 'title') return this.theme.paint(escapeTags(fit(line.text, width)), 'accent');
    // Two spaces end every entry, so a cut description never runs into the next column.
    const descW = Math.max(4, width - this.keyWidth - 6);
    return `  ${this.theme.paint(escapeTags(fit(line.keys ?? '', this.keyWidth)), 'ok')}  ${escapeTags(fit(line.text, descW))}  `;
  }
}
