// The detail view's live numbers: each stats sample becomes a point (docker stats' numbers
// plus rates against the previous sample), and the points become the Graphs section's
// charts, each titled with its current numbers.
import type { StatsSample } from '../../docker/stats.js';
import { cpuPercent, formatBytes, formatPercent, memoryUsage, statsRow, type StatsRow } from '../stats.js';

export interface StatsPoint {
  readonly timeMs: number;
  readonly cpuPercent: number;
  readonly memUsed: number;
  /** What the engine reports as the limit (the host's memory when the container has none). */
  readonly memLimit: number;
  /** Bytes a second since the previous sample (0 for the first, or after a counter reset). */
  readonly rxRate: number;
  readonly txRate: number;
  readonly readRate: number;
  readonly writeRate: number;
  readonly rx: number;
  readonly tx: number;
  readonly read: number;
  readonly write: number;
  /** docker stats' own strings for this sample. */
  readonly row: StatsRow;
}

const rate = (now: number, before: number | undefined, seconds: number) => (before === undefined || seconds <= 0 || now < before ? 0 : (now - before) / seconds);

export function toPoint(s: StatsSample, prev?: StatsPoint): StatsPoint {
  const seconds = prev ? (s.readMs - prev.timeMs) / 1000 : 0;
  const mem = memoryUsage(s);
  return {
    timeMs: s.readMs,
    cpuPercent: cpuPercent(s),
    memUsed: mem.used,
    memLimit: mem.limit,
    rxRate: rate(s.network.rx, prev?.rx, seconds),
    txRate: rate(s.network.tx, prev?.tx, seconds),
    readRate: rate(s.blockIo.read, prev?.read, seconds),
    writeRate: rate(s.blockIo.write, prev?.write, seconds),
    rx: s.network.rx,
    tx: s.network.tx,
    read: s.blockIo.read,
    write: s.blockIo.write,
    row: statsRow(s),
  };
}

/** One line of docker stats' numbers, for the Overview. */
export function liveLine(p: StatsPoint): string {
  const r = p.row;
  return `CPU ${r.cpu} · memory ${r.memUsage} (${r.memPercent}) · net I/O ${r.netIO} · block I/O ${r.blockIO} · pids ${r.pids}`;
}

export interface ChartSeries {
  readonly name: string;
  /** In the chart's unit. */
  readonly values: readonly number[];
}

export interface ChartSpec {
  /** The chart's title, with its numbers now ("CPU 12.34% · peak 50.00%"). */
  readonly title: string;
  /** The x axis' labels, one a point: seconds before the newest ("-90s", "now"). */
  readonly times: readonly string[];
  /** The y axis' unit ("%", "MiB", "kB/s"). */
  readonly unit: string;
  /** Top of the y axis, in the unit: never 0, so a flat line still draws. */
  readonly maxY: number;
  readonly series: readonly ChartSeries[];
}

/** 1, 2 or 5 times a power of ten, at or above x: axis tops that read well. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 5, 10].find((m) => m * p >= x) ?? 10) * p;
}

const RATE_UNITS: readonly [string, number][] = [
  ['GB/s', 1e9],
  ['MB/s', 1e6],
  ['kB/s', 1e3],
  ['B/s', 1],
];

const perSecond = (n: number) => `${formatBytes(n, 'decimal')}/s`;
const peakOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

/** "-1m30s", "-5s", "now": how long before the newest point each one is. */
export function timeLabels(points: readonly StatsPoint[]): string[] {
  const newest = points.at(-1)?.timeMs ?? 0;
  return points.map((p) => {
    const s = Math.round((newest - p.timeMs) / 1000);
    return s <= 0 ? 'now' : s < 60 ? `-${s}s` : `-${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  });
}

function rateChart(label: string, names: readonly [string, string], a: readonly number[], b: readonly number[], times: readonly string[]): ChartSpec {
  const peak = Math.max(peakOf(a), peakOf(b));
  const [unit, size] = RATE_UNITS.find(([, s]) => peak >= s) ?? RATE_UNITS[RATE_UNITS.length - 1]!;
  const now = `${names[0]} ${perSecond(a.at(-1) ?? 0)} · ${names[1]} ${perSecond(b.at(-1) ?? 0)}`;
  return {
    title: `${label} ${now}`,
    times,
    unit,
    maxY: niceCeil((peak / size) * 1.1),
    series: [
      { name: names[0], values: a.map((x) => x / size) },
      { name: names[1], values: b.map((x) => x / size) },
    ],
  };
}

const MIB = 1024 * 1024;

/**
 * The four charts: CPU %, memory against its limit (the configured one; without one the
 * axis follows the use), network and block I/O rates. `memoryLimit` is HostConfig.Memory.
 */
export function graphCharts(points: readonly StatsPoint[], memoryLimit: number): ChartSpec[] {
  const last = points.at(-1);
  const cpu = points.map((p) => p.cpuPercent);
  const mem = points.map((p) => p.memUsed / MIB);
  const cpuPeak = peakOf(cpu);
  const times = timeLabels(points);
  // Short titles: at 80 columns a chart has about 35 for its title.
  const memTitle = last
    ? memoryLimit > 0
      ? `mem ${formatBytes(last.memUsed)} / ${formatBytes(memoryLimit)} (${formatPercent((last.memUsed / memoryLimit) * 100)})`
      : `mem ${formatBytes(last.memUsed)} · no limit`
    : 'mem';
  return [
    { title: last ? `CPU ${formatPercent(last.cpuPercent)} · peak ${formatPercent(cpuPeak)}` : 'CPU', times, unit: '%', maxY: niceCeil(cpuPeak * 1.1), series: [{ name: 'cpu', values: cpu }] },
    { title: memTitle, times, unit: 'MiB', maxY: memoryLimit > 0 ? memoryLimit / MIB : niceCeil(peakOf(mem) * 1.1), series: [{ name: 'used', values: mem }] },
    rateChart('net', ['rx', 'tx'], points.map((p) => p.rxRate), points.map((p) => p.txRate), times),
    rateChart('disk', ['read', 'write'], points.map((p) => p.readRate), points.map((p) => p.writeRate), times),
  ];
}

/** The line above the charts: the window, and the totals docker stats shows. */
export function graphSummary(points: readonly StatsPoint[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'Waiting for the first stats sample…';
  const secs = Math.round((last.timeMs - first.timeMs) / 1000);
  const span = secs >= 60 ? `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s` : `${secs}s`;
  return `last ${span} (${points.length} samples) · pids ${last.row.pids} · net I/O ${last.row.netIO} · block I/O ${last.row.blockIO}`;
}
