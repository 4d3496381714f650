// A modal overlay with a selectable table on top and scrollable text below (either may
// be absent): image history, a layer's full text, the jobs view. It takes every key while
// open, as the host's key map says: close, move (or scroll the text when there is no
// table), page through the text, go to the ends (the end follows new text again), details
// hands the selected row to the owner, anything else goes to `onKey`.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import type { Cell, TableModel } from '../render/cells.js';
import { layoutColumns } from '../render/layout.js';
import { displayWidth, fit, graphemeWidth, stripControl } from '../render/text.js';
import type { Modal, ModalHost } from './dialogs.js';
import type { EditKey } from './line-editor.js';
import { escapeTags } from './theme.js';
import { graphemes } from '../render/intl.js';

export interface OverlayListOptions {
  readonly title: string;
  /** The hint line at the bottom. */
  readonly help: string;
  /** At most this many table rows when there is text below (default 6). */
  readonly maxTableRows?: number;
  readonly emptyText?: string;
  onEnter?(rowId: string): void;
  /** Keys the overlay does not use itself, with the selected row. */
  onKey?(k: EditKey, rowId: string | undefined): void;
  /** Called once when the overlay closes, however it closes. */
  onClose?(): void;
  /** The selection moved. */
  onSelect?(rowId: string | undefined): void;
}

/** Cuts a line into pieces of at most `width` columns (control characters dropped). */
export function wrapToWidth(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const { segment } of graphemes(stripControl(text))) {
    const gw = graphemeWidth(segment);
    if (w + gw > width && cur) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += segment;
    w += gw;
  }
  out.push(cur);
  return out;
}

export class OverlayList implements Modal {
  private readonly box: blessed.Widgets.BoxElement;
  private table: TableModel | undefined;
  private detail: readonly (readonly Cell[])[] | undefined;
  private selectedIndex = 0;
  private selectedId: string | undefined;
  private tableScroll = 0;
  private detailTop = 0;
  /** Stick to the end of the text while new lines arrive. */
  private follow = false;
  private closed = false;

  constructor(
    private readonly host: ModalHost,
    private readonly opts: OverlayListOptions,
  ) {
    this.box = lite.box({
      parent: host.screen,
      label: ` ${opts.title} `,
      top: 'center',
      left: 'center',
      width: '96%',
      height: '90%',
      border: { type: 'line' },
      tags: true,
      wrap: false,
      style: { border: { fg: host.theme.overlayBorder } },
    });
  }

  get selected(): string | undefined {
    return this.selectedId;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  open(): this {
    this.host.push(this);
    this.draw();
    return this;
  }

  /** Replaces the table; the selection stays on the same row id when it is still there. */
  setTable(model: TableModel | undefined): void {
    this.table = model;
    const rows = model?.rows ?? [];
    const idx = this.selectedId === undefined ? -1 : rows.findIndex((r) => r.id === this.selectedId);
    this.selectedIndex = idx >= 0 ? idx : Math.min(this.selectedIndex, Math.max(0, rows.length - 1));
    const before = this.selectedId;
    this.selectedId = rows[this.selectedIndex]?.id;
    if (before !== this.selectedId) this.opts.onSelect?.(this.selectedId);
    this.draw();
  }

  /** Replaces the text below the table; `follow` keeps its end in view as it grows. */
  setDetail(lines: readonly (readonly Cell[])[] | undefined, opts: { follow?: boolean; resetScroll?: boolean } = {}): void {
    this.detail = lines;
    if (opts.follow !== undefined) this.follow = opts.follow;
    if (opts.resetScroll) this.detailTop = 0;
    this.draw();
  }

  select(rowId: string): void {
    const idx = this.table?.rows.findIndex((r) => r.id === rowId) ?? -1;
    if (idx >= 0) this.moveTo(idx);
  }

  key(k: EditKey): void {
    const rows = this.table?.rows.length ?? 0;
    const page = Math.max(1, this.detailHeight() - 1);
    const cmd = this.host.keys.overlay(k);
    switch (cmd) {
      case 'close':
        return this.close();
      case 'details':
        if (this.selectedId !== undefined) this.opts.onEnter?.(this.selectedId);
        return;
      case 'down':
      case 'up':
        if (rows) this.moveTo(this.selectedIndex + (cmd === 'down' ? 1 : -1));
        else this.scrollDetail(cmd === 'down' ? 1 : -1);
        return;
      case 'pageDown':
        return this.jump(page, this.selectedIndex + this.tableRowsShown());
      case 'pageUp':
        return this.jump(-page, this.selectedIndex - this.tableRowsShown());
      case 'top':
        return this.jump(-Infinity, 0);
      case 'bottom':
        return this.jump(Infinity, rows - 1);
      default:
        this.opts.onKey?.(k, this.selectedId);
    }
  }

  /** Long moves scroll the text when there is text, else move in the table. */
  private jump(textDelta: number, rowIndex: number): void {
    if (this.detail) this.scrollDetail(textDelta);
    else this.moveTo(rowIndex);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // The host calls close() again through pop(); destroying twice is harmless, telling twice is not.
    this.host.pop(this);
    this.box.destroy();
    this.opts.onClose?.();
  }

  private moveTo(index: number): void {
    const rows = this.table?.rows ?? [];
    if (!rows.length) return;
    this.selectedIndex = Math.max(0, Math.min(rows.length - 1, index));
    const id = rows[this.selectedIndex]!.id;
    if (id !== this.selectedId) {
      this.selectedId = id;
      this.opts.onSelect?.(id);
    }
    this.draw();
  }

  private scrollDetail(delta: number): void {
    const total = this.detailLines().length;
    const max = Math.max(0, total - this.detailHeight());
    const from = this.follow ? max : this.detailTop;
    this.detailTop = Math.max(0, Math.min(max, from + delta));
    this.follow = this.detailTop >= max && delta > 0;
    this.draw();
  }

  private inner(): { width: number; height: number } {
    return { width: Math.max(10, (this.box.width as number) - 2), height: Math.max(3, (this.box.height as number) - 2) };
  }

  private tableRowsShown(): number {
    if (!this.table) return 0;
    const { height } = this.inner();
    const room = height - 2; // header + help
    if (!this.detail) return Math.max(1, room);
    return Math.max(1, Math.min(this.opts.maxTableRows ?? 6, this.table.rows.length || 1, room - 3));
  }

  private detailHeight(): number {
    const { height } = this.inner();
    const tablePart = this.table ? this.tableRowsShown() + 2 : 0; // header, rows, rule
    return Math.max(1, height - 1 - tablePart);
  }

  /** The text as display lines: single-cell lines wrap, tables of cells are cut. */
  private detailLines(): string[] {
    const width = this.inner().width - 1;
    const out: string[] = [];
    for (const line of this.detail ?? []) {
      if (line.length <= 1) {
        const c = line[0];
        for (const piece of wrapToWidth(c?.text ?? '', width)) out.push(' ' + this.host.theme.paint(escapeTags(piece), c?.meaning ?? 'normal'));
        continue;
      }
      let used = 0;
      const parts: string[] = [];
      for (const c of line) {
        const room = width - used;
        if (room <= 0) break;
        const w = displayWidth(stripControl(c.text));
        const text = w > room ? fit(c.text, room) : stripControl(c.text);
        parts.push(this.host.theme.paint(escapeTags(text), c.meaning));
        used += Math.min(w, room) + 1;
      }
      out.push(' ' + parts.join(' '));
    }
    return out;
  }

  private draw(): void {
    if (this.closed) return;
    const { width } = this.inner();
    const theme = this.host.theme;
    const lines: string[] = [];
    if (this.table) {
      const shown = this.tableRowsShown();
      const rows = this.table.rows;
      if (this.selectedIndex < this.tableScroll) this.tableScroll = this.selectedIndex;
      if (this.selectedIndex >= this.tableScroll + shown) this.tableScroll = this.selectedIndex - shown + 1;
      this.tableScroll = Math.max(0, Math.min(this.tableScroll, Math.max(0, rows.length - shown)));
      const layout = layoutColumns(this.table.columns, width - 1);
      const cols = this.table.columns;
      lines.push(theme.paint(escapeTags(' ' + layout.map((l) => fit(cols[l.index]!.title, l.width, cols[l.index]!.align)).join(' ')), 'muted'));
      if (!rows.length) lines.push(theme.paint(escapeTags(' ' + fit(this.opts.emptyText ?? 'Nothing here.', width - 1)), 'muted'));
      for (let i = this.tableScroll; i < Math.min(rows.length, this.tableScroll + shown); i++) {
        const row = rows[i]!;
        const texts = layout.map((l) => fit(row.cells[l.index]?.text ?? '', l.width, cols[l.index]!.align));
        if (i === this.selectedIndex) {
          lines.push(theme.selectedRow(escapeTags(fit(' ' + texts.join(' '), width))));
        } else {
          lines.push(' ' + layout.map((l, k) => theme.paint(escapeTags(texts[k]!), row.cells[l.index]?.meaning ?? 'normal')).join(' '));
        }
      }
      while (lines.length < shown + 1) lines.push('');
      if (this.detail) lines.push(theme.paint('─'.repeat(width), 'muted'));
    }
    let where = '';
    if (this.detail) {
      const all = this.detailLines();
      const h = this.detailHeight();
      const max = Math.max(0, all.length - h);
      if (this.follow) this.detailTop = max;
      this.detailTop = Math.min(this.detailTop, max);
      const visible = all.slice(this.detailTop, this.detailTop + h);
      lines.push(...visible);
      for (let i = visible.length; i < h; i++) lines.push('');
      if (all.length > h) where = ` ${this.detailTop + 1}-${this.detailTop + visible.length}/${all.length}${this.follow ? ' following' : ''}`;
    }
    const helpW = Math.max(0, width - 1 - where.length);
    lines.push(theme.paint(escapeTags(' ' + fit(this.opts.help, helpW) + where), 'muted'));
    lite.setContent(this.box, lines.join('\n'));
    this.box.setFront();
    this.host.requestRender();
  }
}
