// The six cursor moves of a list pane, as handlers for its scope's cursor actions.
import type { DataTable } from '../widgets/data-table.js';

type Move = 'down' | 'up' | 'top' | 'bottom' | 'pageDown' | 'pageUp';

export function cursorHandlers<P extends string>(t: DataTable, prefix: P): Record<`${P}.${Move}`, () => void> {
  const moves: Record<Move, () => void> = {
    down: () => t.move(1),
    up: () => t.move(-1),
    top: () => t.moveTo(0),
    bottom: () => t.moveTo(t.rowCount - 1),
    pageDown: () => t.move(t.pageSize()),
    pageUp: () => t.move(-t.pageSize()),
  };
  return Object.fromEntries(Object.entries(moves).map(([m, fn]) => [`${prefix}.${m}`, fn])) as Record<`${P}.${Move}`, () => void>;
}

/** Selects the row drawn on a line inside the table's border (line 0 is the header), for a mouse click. */
export const clickRowOf = (t: DataTable) => (line: number) => {
  const id = t.visibleIds()[line - 1];
  if (id !== undefined) t.select(id);
};

/** Handlers for a list's mark actions (see markActions in src/keys/action.ts); `say` tells why nothing was marked. */
export function markHandlers<P extends string>(t: DataTable, prefix: P, say: (text: string, level: 'error') => void): Record<`${P}.${'mark' | 'markShown' | 'unmark'}`, () => void> {
  return {
    [`${prefix}.mark`]: () => {
      if (t.selected === undefined) return say('Nothing is shown to mark.', 'error');
      t.toggleMark(t.selected);
      t.move(1);
    },
    [`${prefix}.markShown`]: () => (t.rowCount ? t.markShown() : say('Nothing is shown to mark (is a filter hiding every row?).', 'error')),
    [`${prefix}.unmark`]: () => t.clearMarks(),
  } as Record<`${P}.${'mark' | 'markShown' | 'unmark'}`, () => void>;
}
