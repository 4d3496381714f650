// Line charts in a grid (two columns when there is room), each titled with its numbers,
// under a one-line summary. The charts are blessed-contrib's, loaded on first use only;
// they are rebuilt when the space changes, since a chart sizes its canvas once.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import type LineModule from 'blessed-contrib/lib/widget/charts/line.js';
import { fit } from '../render/text.js';
import { escapeTags, type Theme } from './theme.js';

export interface ChartInput {
  readonly title: string;
  /** The x axis' labels, one a value. */
  readonly times: readonly string[];
  /** The y axis' unit, shown after the title. */
  readonly unit: string;
  /** Top of the y axis (never 0). */
  readonly maxY: number;
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

type LineChart = InstanceType<typeof LineModule>;

let Line: typeof LineModule | undefined;

/** Loads the line chart widget (about 0.1 s the first time: lodash and a braille canvas). */
export async function loadLineCharts(): Promise<void> {
  Line ??= (await import('blessed-contrib/lib/widget/charts/line.js')).default;
}

/** Below this many rows a chart has no room to draw a line (its axes take the rest). */
const MIN_CHART_ROWS = 7;
const TWO_COLUMNS_FROM = 70;
const SERIES_COLORS = ['yellow', 'cyan'];

/** [first, last] index ranges cutting `n` points into at most `most` buckets, in order. */
export function bucketsOf(n: number, most: number): [number, number][] {
  const count = Math.min(n, most);
  return Array.from({ length: count }, (_, b) => [Math.floor((b * n) / count), Math.floor(((b + 1) * n) / count) - 1]);
}

type Drawn = LineChart & { frame: string; ctx: { _canvas: { frame(): string } }; _render(): unknown };

/**
 * The chart keeps the text of its last drawing: blessed-contrib's render clears its area
 * and redraws its canvas on every screen render, which made every braille cell a change
 * for the terminal at each frame (most of a frame's cost). Drawn once per new data instead.
 */
function keepFrame(chart: LineChart): void {
  const c = chart as Drawn;
  c.frame = '';
  c.render = () => {
    c.setContent(c.frame);
    return c._render() as ReturnType<LineChart['render']>;
  };
}

export class ChartGrid {
  readonly box: blessed.Widgets.BoxElement;
  private readonly head: blessed.Widgets.BoxElement;
  private charts: LineChart[] = [];
  private layoutKey = '';
  private summary = '';
  private inputs: readonly ChartInput[] = [];
  private version = -1;
  private dirty = false;

  constructor(
    parent: blessed.Widgets.Node,
    private readonly theme: Theme,
  ) {
    // Inside a bordered parent, below its top border.
    this.box = lite.box({ parent, top: 0, left: 0, width: '100%-2', height: '100%-2', tags: true });
    this.head = lite.box({ parent: this.box, top: 0, left: 0, width: '100%', height: 1, tags: true });
  }

  /** True once loadLineCharts() resolved. */
  static get ready(): boolean {
    return Line !== undefined;
  }

  /** New data; `version` changes when the values do (frames with the same version redraw nothing). */
  set(summary: string, inputs: readonly ChartInput[], version: number): void {
    this.summary = summary;
    this.inputs = inputs;
    if (version !== this.version) this.dirty = true;
    this.version = version;
  }

  private clearCharts(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
  }

  draw(): void {
    const w = this.box.width as number;
    const h = this.box.height as number;
    const cols = w >= TWO_COLUMNS_FROM ? 2 : 1;
    const rows = Math.ceil(this.inputs.length / cols);
    const chartH = rows ? Math.floor((h - 1) / rows) : 0;
    const fits = Line !== undefined && chartH >= MIN_CHART_ROWS && this.inputs.every((i) => i.series.some((s) => s.values.length));
    const key = fits ? `${w}x${h}x${this.inputs.length}` : '';
    if (key !== this.layoutKey) {
      this.clearCharts();
      this.layoutKey = key;
      if (fits) this.build(cols, Math.floor(w / cols), chartH);
      this.dirty = true;
    }
    // Without room (or data) for lines, the numbers alone, one chart a line.
    const lines = fits ? [this.summary] : [this.summary, '', ...this.inputs.map((i) => i.title)];
    this.head.height = fits ? 1 : h;
    this.head.setContent(lines.map((l) => ' ' + escapeTags(fit(l, Math.max(1, w - 2)))).join('\n'));
    if (!this.dirty) return;
    this.dirty = false;
    this.charts.forEach((chart, i) => this.fill(chart, this.inputs[i]!, (chart.width as number) - 4));
  }

  private build(cols: number, chartW: number, chartH: number): void {
    const color = this.theme.color;
    this.inputs.forEach((_, i) => {
      const chart = new Line!({
        top: 1 + Math.floor(i / cols) * chartH,
        left: (i % cols) * chartW,
        width: chartW,
        height: chartH,
        border: { type: 'line' },
        tags: true,
        showLegend: false,
        xLabelPadding: 3,
        xPadding: 3,
        numYLabels: 3,
        style: { line: color ? SERIES_COLORS[0] : 'normal', text: color ? 'white' : 'normal', baseline: color ? 'white' : 'normal', border: { fg: this.theme.border } },
      });
      // Appended, not given a parent: the chart makes its canvas on 'attach', which a parent
      // option would fire before the chart listens.
      this.box.append(chart);
      keepFrame(chart);
      this.charts.push(chart);
    });
  }

  private fill(chart: LineChart, input: ChartInput, width: number): void {
    const color = this.theme.color;
    // About one point per column: more only costs drawing time (a peak stays a peak).
    const keep = bucketsOf(input.times.length, Math.max(2, width));
    const named = input.series.length > 1;
    let label = escapeTags(fit(input.unit === '%' ? input.title : `${input.title} [${input.unit}]`, Math.max(1, width)).trimEnd());
    // The series' names in their lines' colours: the legend, without a legend box.
    if (color && named) input.series.forEach((s, i) => (label = label.replace(`${s.name} `, `{${SERIES_COLORS[i % SERIES_COLORS.length]}-fg}${s.name}{/} `)));
    chart.setLabel(` ${label} `);
    chart.options.maxY = input.maxY;
    chart.setData(
      input.series.map((s, i) => ({
        title: named ? s.name : input.title,
        x: keep.map(([, last]) => input.times[last]!),
        y: keep.map(([first, last]) => Math.max(...s.values.slice(first, last + 1))),
        style: { line: color ? SERIES_COLORS[i % SERIES_COLORS.length]! : 'normal' },
      })),
    );
    (chart as Drawn).frame = (chart as Drawn).ctx._canvas.frame();
  }

  destroy(): void {
    this.clearCharts();
    this.box.destroy();
  }
}
