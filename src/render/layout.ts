// Fits table columns into a width: drop the least important columns first,
// then share what is left among the flexible ones.
import type { Column } from './cells.js';

export interface ColumnLayout {
  /** Index into the original column list. */
  readonly index: number;
  readonly width: number;
}

export function layoutColumns(columns: readonly Column[], width: number, gap = 1): ColumnLayout[] {
  let kept = columns.map((c, index) => ({ c, index }));
  const need = (cols: typeof kept) => cols.reduce((s, { c }) => s + c.min, 0) + gap * Math.max(0, cols.length - 1);
  while (kept.length > 1 && need(kept) > width) {
    const worst = kept.reduce((a, b) => (b.c.priority >= a.c.priority ? b : a));
    kept = kept.filter((k) => k !== worst);
  }
  const widths = kept.map(({ c }) => c.min);
  let spare = width - need(kept);
  // Grow each column towards its max, flexible ones by their share, in a few passes.
  for (let pass = 0; pass < 4 && spare > 0; pass++) {
    const growable = kept.map(({ c }, i) => (widths[i]! < c.max ? c.flex || 0.25 : 0));
    const totalFlex = growable.reduce((a, b) => a + b, 0);
    if (totalFlex === 0) break;
    let used = 0;
    kept.forEach(({ c }, i) => {
      const share = Math.floor((spare * growable[i]!) / totalFlex);
      const add = Math.min(share, c.max - widths[i]!);
      widths[i]! += add;
      used += add;
    });
    if (used === 0) break;
    spare -= used;
  }
  // Whatever is left goes to the first flexible column, so the table fills its width.
  const first = kept.findIndex(({ c }) => c.flex > 0);
  if (spare > 0 && first >= 0) widths[first]! += spare;
  if (kept.length === 1) widths[0] = Math.max(0, width);
  return kept.map(({ index }, i) => ({ index, width: widths[i]! }));
}
