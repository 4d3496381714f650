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

/** Handlers for a list's mark actions (see markActions in src/keys/action.ts). */
export function markHandlers<P extends string>(t: DataTable, prefix: P): Record<`${P}.${'mark' | 'markShown' | 'unmark'}`, () => void> {
  return {
    [`${prefix}.mark`]: () => {
      if (t.selected === undefined) return;
      t.toggleMark(t.selected);
      t.move(1);
    },
    [`${prefix}.markShown`]: () => t.markShown(),
    [`${prefix}.unmark`]: () => t.clearMarks(),
  } as Record<`${P}.${'mark' | 'markShown' | 'unmark'}`, () => void>;
}
