// blessed-contrib's line chart, loaded by its own file (the package index loads every
// widget and its data: see facts.md on start-up cost). Only what berth uses is typed.
declare module 'blessed-contrib/lib/widget/charts/line.js' {
  import type blessed from 'blessed';

  interface LineSeries {
    title: string;
    x: string[];
    y: number[];
    style?: { line?: string };
  }

  interface LineChart extends blessed.Widgets.BoxElement {
    options: { maxY?: number; minY?: number };
    setData(data: LineSeries[]): void;
  }

  const Line: new (options: Record<string, unknown>) => LineChart;
  export default Line;
}
