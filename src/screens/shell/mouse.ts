// The mouse, when the config turns it on (off by default: with it on, the terminal's own
// text selection needs shift). A click focuses the pane under the pointer and selects the
// row clicked; the wheel scrolls what has the keys, through its own down and up actions.
import type blessed from 'blessed';
import type { Pane } from '../view.js';

export interface MouseTarget {
  /** A dialog, the palette, the help or a filter is open: the mouse leaves them alone. */
  busy(): boolean;
  /** The panes on screen now, with their ids. */
  panes(): readonly { readonly id: string; readonly pane: Pane }[];
  focus(id: string): void;
  wheel(direction: 1 | -1): void;
  requestFrame(): void;
}

interface MouseData {
  readonly action: string;
  readonly x: number;
  readonly y: number;
}

/** Lines scrolled per wheel notch. */
const WHEEL_LINES = 3;

export function listenMouse(screen: blessed.Widgets.Screen, t: MouseTarget): () => void {
  screen.enableMouse();
  const onMouse = (data: MouseData) => {
    if (t.busy()) return;
    if (data.action === 'wheeldown' || data.action === 'wheelup') {
      for (let i = 0; i < WHEEL_LINES; i++) t.wheel(data.action === 'wheeldown' ? 1 : -1);
    } else if (data.action === 'mousedown') {
      const hit = t.panes().find(({ pane }) => {
        const pos = (pane.box as unknown as { lpos?: { xi: number; xl: number; yi: number; yl: number } }).lpos;
        return pos && !pane.box.hidden && data.x >= pos.xi && data.x < pos.xl && data.y >= pos.yi && data.y < pos.yl;
      });
      if (!hit) return;
      t.focus(hit.id);
      const top = (hit.pane.box as unknown as { lpos: { yi: number } }).lpos.yi;
      // Line 0 is the first inside the top border.
      hit.pane.clickRow?.(data.y - top - 1);
    } else return;
    t.requestFrame();
  };
  screen.on('mouse', onMouse);
  return () => {
    screen.removeListener('mouse', onMouse);
  };
}
