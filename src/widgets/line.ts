// A one-line bar (status bar, footer) that shows painted cells.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import type { Cell } from '../render/cells.js';
import { fit } from '../render/text.js';
import { escapeTags, type Theme } from './theme.js';

export class LineBar {
  readonly box: blessed.Widgets.BoxElement;

  constructor(
    parent: blessed.Widgets.Node,
    position: { top?: number | string; bottom?: number | string },
    private readonly theme: Theme,
  ) {
    this.box = lite.box({ parent, ...position, left: 0, width: '100%', height: 1, tags: true, wrap: false });
  }

  /** Shows the cells separated by two spaces, cut to the bar's width. */
  set(cells: readonly Cell[]): void {
    const width = Math.max(0, this.box.width as number);
    let used = 0;
    const parts: string[] = [];
    for (const c of cells) {
      const sep = parts.length ? 2 : 1;
      const room = width - used - sep;
      if (room <= 0) break;
      const text = fit(c.text, room).trimEnd();
      parts.push(this.theme.paint(escapeTags(text), c.meaning));
      used += sep + text.length;
      if (text.length < c.text.length) break;
    }
    lite.setContent(this.box, ' ' + parts.join('  '));
  }
}
