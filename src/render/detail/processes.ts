// The detail view's Processes: `docker top` as a table, columns as wide as their widest value,
// the command last and never cut (the view wraps it).
import { displayWidth, stripControl } from '../text.js';

export interface TopResult {
  readonly titles: readonly string[];
  readonly processes: readonly (readonly string[])[];
}

export function processLines(top: TopResult): string[] {
  const rows = [top.titles, ...top.processes].map((r) => r.map((c) => stripControl(c)));
  const last = top.titles.length - 1;
  const widths = top.titles.map((_, i) => (i === last ? 0 : Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === last ? c : c + ' '.repeat(widths[i]! - displayWidth(c))))
      .join('  ')
      .trimEnd();
  const n = top.processes.length;
  return [`${n} process${n === 1 ? '' : 'es'}`, '', ...rows.map(line)];
}
