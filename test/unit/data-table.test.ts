// The table keeps the lines it drew (by row id) and its column layout between draws: whatever
// changed since (cells, selection, marks, focus, width, columns), it must draw exactly what a
// new table would.
import blessed from 'blessed';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { cell, type Column, type TableModel } from '../../src/render/cells.js';
import { DataTable } from '../../src/widgets/data-table.js';
import { makeTheme } from '../../src/widgets/theme.js';

const screens: blessed.Widgets.Screen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.destroy();
});

function newScreen(): blessed.Widgets.Screen {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: () => void };
  input.isTTY = true;
  input.setRawMode = () => {};
  const output = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; rows: number };
  Object.assign(output, { isTTY: true, columns: 120, rows: 30 });
  const s = blessed.screen({ input, output, terminal: 'xterm-256color', fullUnicode: true, warnings: false } as blessed.Widgets.IScreenOptions);
  screens.push(s);
  return s;
}

const theme = makeTheme(true);
const COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 4, max: 8, flex: 0, priority: 0 },
  { title: 'CPU', min: 4, max: 6, flex: 0, priority: 1, align: 'right' },
];
const model = (cpu: Record<string, string>, columns: readonly Column[] = COLUMNS): TableModel => ({
  columns,
  rows: ['a', 'b', 'c', 'd'].map((id) => ({ id, cells: [cell(`row-${id}`), cell(cpu[id] ?? '0.0', cpu[id] ? 'warn' : 'normal')] })),
});

interface State {
  model: TableModel;
  selected: string;
  marks: string[];
  focused: boolean;
  width: number;
}

/** Draws `s` on a table that never drew before, and returns what it shows. */
function fresh(s: State): string {
  const t = new DataTable({ parent: newScreen(), label: 'x', theme, top: 0, height: 6, width: s.width, emptyText: 'none' });
  t.setModel(s.model);
  t.select(s.selected);
  for (const id of s.marks) t.toggleMark(id);
  t.setFocused(s.focused);
  t.draw();
  return t.box.content;
}

describe('the data table between draws', () => {
  it('draws what a new table draws, after every kind of change', () => {
    const t = new DataTable({ parent: newScreen(), label: 'x', theme, top: 0, height: 6, width: 40, emptyText: 'none' });
    const s: State = { model: model({}), selected: 'a', marks: [], focused: false, width: 40 };
    const steps: Array<[string, () => void]> = [
      ['first draw', () => t.setModel(s.model)],
      ['cursor down', () => ((s.selected = 'b'), t.move(1))],
      ['focus', () => ((s.focused = true), t.setFocused(true))],
      ['a figure changes', () => t.setModel((s.model = model({ c: '95.0' })))],
      ['the same figures in new cells', () => t.setModel((s.model = model({ c: '95.0' })))],
      ['a mark', () => (s.marks.push('c'), t.toggleMark('c'))],
      ['scrolled down', () => ((s.selected = 'd'), t.moveTo(3))],
      // The columns fit whole at both widths: the layout is the same, the selected row's padding is not.
      ['wider', () => ((s.width = 50), (t.box.width = 50))],
      ['new columns, same layout', () => t.setModel((s.model = model({ c: '95.0' }, [...COLUMNS])))],
      ['new alignment, same widths', () => t.setModel((s.model = model({ c: '95.0' }, [COLUMNS[0]!, { ...COLUMNS[1]!, align: 'left' }])))],
      ['unfocused', () => ((s.focused = false), t.setFocused(false))],
    ];
    for (const [what, step] of steps) {
      step();
      t.draw();
      expect([what, t.box.content]).toEqual([what, fresh(s)]);
    }
  });

  it('keeps the selection on its row when the same model comes again', () => {
    const t = new DataTable({ parent: newScreen(), label: 'x', theme, top: 0, height: 6, width: 40, emptyText: 'none' });
    const m = model({});
    t.setModel(m);
    t.move(2);
    t.setModel(m);
    expect(t.selected).toBe('c');
  });

  it('drops the marks of objects gone from a new list, and keeps those a filter hides', () => {
    const t = new DataTable({ parent: newScreen(), label: 'x', theme, top: 0, height: 6, width: 40, emptyText: 'none' });
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    t.setModel(model({}));
    t.keepMarksIn(items, (x) => x.id);
    for (const id of ['a', 'b', 'c']) t.toggleMark(id);
    // The same list again: nothing is gone.
    t.keepMarksIn(items, (x) => x.id);
    expect(t.marked).toEqual(['a', 'b', 'c']);
    t.keepMarksIn([{ id: 'a' }, { id: 'c' }], (x) => x.id);
    expect(t.marked).toEqual(['a', 'c']);
    // Rows that stand for part of an object (an image's tag) keep their mark while the object is there.
    t.keepMarksIn([{ id: 'c' }], (x) => x.id, (rowId) => rowId.replace(/:.*/, ''));
    expect(t.marked).toEqual(['c']);
    t.toggleMark('c:latest');
    t.keepMarksIn([{ id: 'c' }], (x) => x.id, (rowId) => rowId.replace(/:.*/, ''));
    expect(t.marked).toEqual(['c', 'c:latest']);
  });
});
