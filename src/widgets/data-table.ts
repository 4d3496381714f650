// A table that keeps its selection by row id and draws only the rows that fit.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import type { Row, TableModel } from '../render/cells.js';
import { layoutColumns } from '../render/layout.js';
import { fit } from '../render/text.js';
import { escapeTags, type Theme } from './theme.js';

export interface DataTableOptions {
  readonly parent: blessed.Widgets.Node;
  readonly label: string;
  readonly theme: Theme;
  readonly top: number | string;
  readonly height: number | string;
  readonly left?: number | string;
  readonly width?: number | string;
  readonly emptyText: string;
}

export class DataTable {
  readonly box: blessed.Widgets.BoxElement;
  private model: TableModel = { columns: [], rows: [] };
  private selectedId: string | undefined;
  private selectedIndex = 0;
  private scroll = 0;
  private emptyText: string;
  private readonly theme: Theme;
  private focused = false;
  private label: string;
  /** Rows marked for an action on many at once, by id (they stay marked across refreshes). */
  private readonly marks = new Set<string>();
  /** Called when the selected row changes (id or undefined). */
  onSelect: (id: string | undefined) => void = () => {};

  constructor(opts: DataTableOptions) {
    this.theme = opts.theme;
    this.emptyText = opts.emptyText;
    this.label = opts.label;
    this.box = lite.box({
      parent: opts.parent,
      top: opts.top,
      left: opts.left ?? 0,
      width: opts.width ?? '100%',
      height: opts.height,
      label: ` ${opts.label} `,
      border: { type: 'line' },
      tags: true,
      // blessed wraps a line that exactly fills the width and ends in a colour tag;
      // rows are cut to fit already, so wrapping is never wanted.
      wrap: false,
      style: { border: { fg: opts.theme.border } },
    });
  }

  get selected(): string | undefined {
    return this.selectedId;
  }

  get rowCount(): number {
    return this.model.rows.length;
  }

  setLabel(label: string): void {
    if (label === this.label) return;
    this.label = label;
    this.applyLabel();
  }

  /** The focused pane's label is marked, so focus shows without colour too. */
  private applyLabel(): void {
    this.box.setLabel(this.focused ? ` ▶ ${this.label} ` : ` ${this.label} `);
  }

  setEmptyText(text: string): void {
    this.emptyText = text;
  }

  setModel(model: TableModel): void {
    const before = this.selectedId;
    this.model = model;
    const rows = model.rows;
    const idx = before === undefined ? -1 : rows.findIndex((r) => r.id === before);
    if (idx >= 0) this.selectedIndex = idx;
    // The selected row vanished: stay at the same position, which is now its neighbour.
    else this.selectedIndex = Math.min(this.selectedIndex, Math.max(0, rows.length - 1));
    this.selectedId = rows[this.selectedIndex]?.id;
    if (this.selectedId !== before) this.onSelect(this.selectedId);
  }

  /** Selects the row with this id; false when no such row is shown now. */
  select(id: string): boolean {
    const i = this.model.rows.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.moveTo(i);
    return true;
  }

  move(delta: number): void {
    this.moveTo(this.selectedIndex + delta);
  }

  moveTo(index: number): void {
    const n = this.model.rows.length;
    if (n === 0) return;
    this.selectedIndex = Math.max(0, Math.min(n - 1, index));
    const id = this.model.rows[this.selectedIndex]?.id;
    if (id !== this.selectedId) {
      this.selectedId = id;
      this.onSelect(id);
    }
  }

  /** The marked rows' ids, in the order they were marked. */
  get marked(): readonly string[] {
    return [...this.marks];
  }

  toggleMark(id: string): void {
    if (!this.marks.delete(id)) this.marks.add(id);
  }

  /** Marks every row the table shows now (after a filter: only those). */
  markShown(): void {
    for (const r of this.model.rows) this.marks.add(r.id);
  }

  clearMarks(): void {
    this.marks.clear();
  }

  /** Drops marks of rows whose objects are gone (a filter hiding a row keeps its mark). */
  keepMarks(exists: (id: string) => boolean): void {
    for (const id of this.marks) if (!exists(id)) this.marks.delete(id);
  }

  /** Ids of the rows drawn on screen now (stats streams are opened only for these). */
  visibleIds(): string[] {
    const page = this.pageSize();
    return this.model.rows.slice(this.scroll, this.scroll + page).map((r) => r.id);
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    this.applyLabel();
    this.box.style.border = { fg: focused ? this.theme.focusBorder : this.theme.border };
  }

  /** Rows that fit inside the border, minus the header. */
  pageSize(): number {
    return Math.max(1, (this.box.height as number) - 3);
  }

  /** Rebuilds the box's content for its current size. Cheap: only visible rows. */
  draw(): void {
    const inner = Math.max(0, (this.box.width as number) - 2);
    const page = this.pageSize();
    const rows = this.model.rows;
    if (this.selectedIndex < this.scroll) this.scroll = this.selectedIndex;
    if (this.selectedIndex >= this.scroll + page) this.scroll = this.selectedIndex - page + 1;
    this.scroll = Math.max(0, Math.min(this.scroll, Math.max(0, rows.length - page)));
    const layout = layoutColumns(this.model.columns, inner - 1);
    const header = layout.map((l) => fit(this.model.columns[l.index]!.title, l.width, this.model.columns[l.index]!.align)).join(' ');
    const lines = [this.theme.paint(escapeTags(' ' + header), 'muted')];
    if (rows.length === 0) lines.push(this.theme.paint(escapeTags(' ' + fit(this.emptyText, inner - 1)), 'muted'));
    for (let i = this.scroll; i < Math.min(rows.length, this.scroll + page); i++) {
      lines.push(this.renderRow(rows[i]!, layout, i === this.selectedIndex, inner));
    }
    lite.setContent(this.box, lines.join('\n'));
  }

  private renderRow(row: Row, layout: ReturnType<typeof layoutColumns>, selected: boolean, inner: number): string {
    const cols = this.model.columns;
    const texts = layout.map((l) => fit(row.cells[l.index]?.text ?? '', l.width, cols[l.index]!.align));
    // The first column is the mark: '*' for a marked row (ASCII, so it shows without colour too).
    const mark = this.marks.has(row.id) ? '*' : ' ';
    if (selected && !this.focused) {
      return this.theme.paint(escapeTags(mark + texts.join(' ')), 'accent');
    }
    if (selected) {
      return this.theme.selectedRow(escapeTags(fit(mark + texts.join(' '), inner)));
    }
    return (mark === '*' ? this.theme.paint('*', 'warn') : ' ') + layout.map((l, i) => this.theme.paint(escapeTags(texts[i]!), row.cells[l.index]?.meaning ?? 'normal')).join(' ');
  }
}
