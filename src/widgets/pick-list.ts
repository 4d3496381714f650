// A modal that finds one item by typing: a query line, and below it the items the owner
// ranks for that query; up and down choose, enter hands the chosen item back. The command
// palette is one. Keys come as commands from the owner's key map, never as names here.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import type { Cell } from '../render/cells.js';
import { fit } from '../render/text.js';
import type { Modal, ModalHost } from './dialogs.js';
import { LineEditor, type EditKey } from './line-editor.js';
import { escapeTags } from './theme.js';

export type PickCommand = 'choose' | 'close' | 'down' | 'up';

export interface PickItem {
  readonly id: string;
  /** Columns: the first and last keep their width (a key, a place), the middle one takes the rest. */
  readonly cells: readonly [Cell, Cell, Cell];
}

export interface PickListOptions {
  readonly title: string;
  readonly help: string;
  readonly prompt: string;
  command(k: EditKey): PickCommand | undefined;
  /** The items for a query, best first. */
  items(query: string): readonly PickItem[];
  onChoose(id: string): void;
}

const KEY_W = 12;
const WHERE_W = 12;

export class PickList implements Modal {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly editor = new LineEditor();
  private shown: readonly PickItem[] = [];
  private index = 0;
  private top = 0;

  constructor(
    private readonly host: ModalHost,
    private readonly opts: PickListOptions,
  ) {
    const rows = host.screen.height as number;
    this.box = lite.box({
      parent: host.screen,
      label: ` ${opts.title} `,
      top: 1,
      left: 'center',
      width: Math.min(Math.max(40, (host.screen.width as number) - 4), 110),
      height: Math.max(5, Math.min(24, rows - 3)),
      border: { type: 'line' },
      tags: true,
      wrap: false,
      style: { border: { fg: host.theme.overlayBorder } },
    });
    this.refilter();
  }

  open(): this {
    this.host.push(this);
    this.draw();
    return this;
  }

  key(k: EditKey): void {
    const cmd = this.opts.command(k);
    if (cmd === 'close') return this.host.pop(this);
    if (cmd === 'choose') {
      const item = this.shown[this.index];
      this.host.pop(this);
      if (item) this.opts.onChoose(item.id);
      return;
    }
    if (cmd === 'down' || cmd === 'up') this.index = Math.max(0, Math.min(this.shown.length - 1, this.index + (cmd === 'down' ? 1 : -1)));
    else if (this.editor.handle(k)) this.refilter();
    this.draw();
  }

  close(): void {
    this.box.destroy();
  }

  private refilter(): void {
    this.shown = this.opts.items(this.editor.value);
    this.index = 0;
    this.top = 0;
  }

  private draw(): void {
    const { theme } = this.host;
    const width = Math.max(10, (this.box.width as number) - 2);
    const listRows = Math.max(1, (this.box.height as number) - 4);
    if (this.index < this.top) this.top = this.index;
    if (this.index >= this.top + listRows) this.top = this.index - listRows + 1;
    const mid = Math.max(4, width - KEY_W - WHERE_W - 4);
    const lines = [theme.paint(escapeTags(fit(`${this.opts.prompt}${this.editor.value}▏`, width)), 'accent')];
    for (let i = this.top; i < Math.min(this.shown.length, this.top + listRows); i++) {
      const [key, what, where] = this.shown[i]!.cells;
      const texts = [fit(key.text, KEY_W), fit(what.text, mid), fit(where.text, WHERE_W)];
      lines.push(
        i === this.index
          ? theme.selectedRow(escapeTags(fit(' ' + texts.join(' '), width)))
          : ' ' + [key, what, where].map((c, j) => theme.paint(escapeTags(texts[j]!), c.meaning)).join(' '),
      );
    }
    if (!this.shown.length) lines.push(theme.paint(' Nothing matches.', 'muted'));
    while (lines.length < listRows + 1) lines.push('');
    lines.push(theme.paint(escapeTags(fit(` ${this.shown.length ? `${this.index + 1}/${this.shown.length}  ` : ''}${this.opts.help}`, width)), 'muted'));
    lite.setContent(this.box, lines.join('\n'));
    this.host.requestRender();
  }
}
