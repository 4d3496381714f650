// Where the panes go for a terminal size: side by side when wide, stacked when tall
// enough, one at a time (tabs) when small, and a notice when too small to be useful.
// The layout has three slots: the main list (containers), the side list (images, volumes
// or networks: one at a time) and the logs.

export type Slot = 'main' | 'side' | 'logs';

export const SLOTS: readonly Slot[] = ['main', 'side', 'logs'];

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

export type PaneLayout =
  | { readonly mode: 'tooSmall'; readonly minCols: number; readonly minRows: number }
  | { readonly mode: 'tabs' | 'stacked' | 'wide'; readonly panes: Readonly<Partial<Record<Slot, Rect>>> };

export const MIN_COLS = 60;
export const MIN_ROWS = 15;

/**
 * `rows` and `cols` are the whole terminal; one line on top (status) and one at the
 * bottom (footer) are taken. In tabs mode only the focused slot gets a rectangle.
 */
export function paneLayout(cols: number, rows: number, focused: Slot): PaneLayout {
  if (cols < MIN_COLS || rows < MIN_ROWS) return { mode: 'tooSmall', minCols: MIN_COLS, minRows: MIN_ROWS };
  const top = 1;
  const h = rows - 2;
  if (cols >= 160 && rows >= 30) {
    const leftW = Math.floor(cols * 0.55);
    const contH = Math.ceil(h * 0.6);
    return {
      mode: 'wide',
      panes: {
        main: { top, left: 0, width: leftW, height: contH },
        side: { top: top + contH, left: 0, width: leftW, height: h - contH },
        logs: { top, left: leftW, width: cols - leftW, height: h },
      },
    };
  }
  if (rows >= 30) {
    const contH = Math.floor(h * 0.45);
    const imgH = Math.floor(h * 0.22);
    return {
      mode: 'stacked',
      panes: {
        main: { top, left: 0, width: cols, height: contH },
        side: { top: top + contH, left: 0, width: cols, height: imgH },
        logs: { top: top + contH + imgH, left: 0, width: cols, height: h - contH - imgH },
      },
    };
  }
  return { mode: 'tabs', panes: { [focused]: { top, left: 0, width: cols, height: h } } };
}
