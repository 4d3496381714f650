// A table that keeps its selection by row id and draws only the rows that fit.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import type { Cell, TableModel } from '../render/cells.js';
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

type Layout = ReturnType<typeof layoutColumns>;

/** A row's line as last drawn, and everything it was drawn from. */
interface DrawnLine {
  readonly cells: readonly Cell[];
  readonly layout: Layout;
  /** Selected, focused, marked (bits). */
  readonly flags: number;
  readonly line: string;
}

const sameCells = (a: readonly Cell[], b: readonly Cell[]) =>
  a === b || (a.length === b.length && a.every((x, i) => x.text === b[i]!.text && x.meaning === b[i]!.meaning));

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
  /** The list keepMarksIn last checked the marks against. */
  private marksCheckedIn: readonly unknown[] | undefined;
  /**
   * The lines of the rows drawn last, by row id. A cursor move changes two rows, a stats flush
   * a few figures: the other rows' lines are kept, not cut to width and painted again.
   */
  private drawn = new Map<string, DrawnLine>();
  private layout: { columns: TableModel['columns']; width: number; layout: Layout; header: string } | undefined;
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

  /** Sets the rows; a pane that hands the same model again (nothing changed) costs nothing. */
  setModel(model: TableModel): void {
    if (model === this.model) return;
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

  /**
   * keepMarks for a pane's list, at every draw: the work is done only when the list is a new
   * one and something is marked (checking each mark against 1,000 objects at every key was not
   * free). `objectOf` gives the object's id of a row id, when rows are not objects one to one.
   */
  keepMarksIn<T>(items: readonly T[], idOf: (item: T) => string, objectOf: (rowId: string) => string = (id) => id): void {
    if (items === this.marksCheckedIn) return;
    this.marksCheckedIn = items;
    if (!this.marks.size) return;
    const ids = new Set(items.map(idOf));
    this.keepMarks((id) => ids.has(objectOf(id)));
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
    const { layout, header } = this.layoutFor(inner);
    const lines = [header];
    if (rows.length === 0) lines.push(this.theme.paint(escapeTags(' ' + fit(this.emptyText, inner - 1)), 'muted'));
    const drawn = new Map<string, DrawnLine>();
    for (let i = this.scroll; i < Math.min(rows.length, this.scroll + page); i++) {
      const row = rows[i]!;
      // Read once: a row may format its cells at every read.
      const cells = row.cells;
      const flags = (i === this.selectedIndex ? 1 : 0) | (this.focused ? 2 : 0) | (this.marks.has(row.id) ? 4 : 0);
      const last = this.drawn.get(row.id);
      const line = last && last.layout === layout && last.flags === flags && sameCells(last.cells, cells) ? last.line : this.renderRow(cells, layout, flags, inner);
      drawn.set(row.id, { cells, layout, flags, line });
      lines.push(line);
    }
    this.drawn = drawn;
    lite.setContent(this.box, lines.join('\n'));
  }

  /** The columns' widths and the header line, worked out again only when the width or the columns change. */
  private layoutFor(inner: number): { layout: Layout; header: string } {
    const columns = this.model.columns;
    if (this.layout?.columns === columns && this.layout.width === inner) return this.layout;
    const fresh = layoutColumns(columns, inner - 1);
    // Panes that make their columns at every draw get the same layout object back while it is the same, so the drawn lines stay.
    const last = this.layout;
    const same = (l: Layout[number], i: number) => l.index === fresh[i]!.index && l.width === fresh[i]!.width && last!.columns[l.index]?.align === columns[l.index]?.align;
    // (The selected row is padded to the inner width: a new width is always a new layout.)
    const layout = last && last.width === inner && last.layout.length === fresh.length && last.layout.every(same) ? last.layout : fresh;
    const header = this.theme.paint(escapeTags(' ' + layout.map((l) => fit(columns[l.index]!.title, l.width, columns[l.index]!.align)).join(' ')), 'muted');
    this.layout = { columns, width: inner, layout, header };
    return this.layout;
  }

  private renderRow(cells: readonly Cell[], layout: Layout, flags: number, inner: number): string {
    const cols = this.model.columns;
    const selected = (flags & 1) !== 0;
    const texts = layout.map((l) => fit(cells[l.index]?.text ?? '', l.width, cols[l.index]!.align));
    // The first column is the mark: '*' for a marked row (ASCII, so it shows without colour too).
    const mark = (flags & 4) !== 0 ? '*' : ' ';
    if (selected && !this.focused) {
      return this.theme.paint(escapeTags(mark + texts.join(' ')), 'accent');
    }
    if (selected) {
      return this.theme.selectedRow(escapeTags(fit(mark + texts.join(' '), inner)));
    }
    return (mark === '*' ? this.theme.paint('*', 'warn') : ' ') + layout.map((l, i) => this.theme.paint(escapeTags(texts[i]!), cells[l.index]?.meaning ?? 'normal')).join(' ');
  }
}
