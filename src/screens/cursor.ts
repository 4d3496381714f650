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
