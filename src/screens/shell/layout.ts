// Puts the panes (or the top view) where the layout says, for the terminal's size now.
import type blessed from 'blessed';
import { paneLayout } from '../../render/panes.js';
import type { Pane, PaneDef, View } from '../view.js';
import type { TooSmall } from './too-small.js';

export interface PlacedPane {
  readonly def: PaneDef;
  readonly pane: Pane;
}

/**
 * Hidden boxes are parked below the screen as well as hidden: blessed clears where a hidden
 * box's label last was when the label changes, which blanked parts of visible panes.
 */
function park(box: blessed.Widgets.BoxElement, rows: number): void {
  box.top = rows;
  box.hide();
}

/** Returns false when the terminal is too small (the notice is shown instead). */
export function placePanes(screen: blessed.Widgets.Screen, panes: readonly PlacedPane[], focused: PlacedPane, side: string, views: readonly View[], tooSmall: TooSmall): boolean {
  const cols = screen.width as number;
  const rows = screen.height as number;
  const layout = paneLayout(cols, rows, focused.def.slot);
  const top = views[views.length - 1];
  for (const v of views) if (v !== top) park(v.box, rows);
  if (layout.mode === 'tooSmall') {
    for (const p of panes) p.pane.box.hide();
    if (top) top.box.hide();
    tooSmall.show(cols, rows, layout.minCols, layout.minRows);
    return false;
  }
  tooSmall.hide();
  if (top) {
    for (const p of panes) park(p.pane.box, rows);
    Object.assign(top.box, { top: 1, left: 0, width: cols, height: rows - 2 });
    top.box.show();
    // Raised only above the panes: raising it every frame hid the dialogs a view opens
    // (a search or save prompt drawn behind the view, taking keys unseen).
    const kids = screen.children;
    if (panes.some((p) => kids.indexOf(p.pane.box) > kids.indexOf(top.box))) top.box.setFront();
    return true;
  }
  for (const p of panes) {
    const r = p.def.slot === 'side' && p.def.id !== side ? undefined : layout.panes[p.def.slot];
    if (!r) {
      park(p.pane.box, rows);
      continue;
    }
    Object.assign(p.pane.box, { top: r.top, left: r.left, width: r.width, height: r.height });
    p.pane.box.show();
  }
  for (const p of panes) p.pane.setFocused(p === focused);
  return true;
}
