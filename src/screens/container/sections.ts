// The detail view's sections: their names, what each needs kept live, and its text from
// what the view holds now (the builders are in src/render/detail).
import type { ContainerDetails, RawInspect } from '../../docker/container-inspect.js';
import type { DockerEvent } from '../../docker/events.js';
import { envLines } from '../../render/detail/env.js';
import { healthLines } from '../../render/detail/health.js';
import { mountLines } from '../../render/detail/mounts.js';
import { overviewLines } from '../../render/detail/overview.js';
import { processLines, type TopResult } from '../../render/detail/processes.js';
import { graphCharts, graphSummary, liveLine, type StatsPoint } from '../../render/detail/stats-series.js';
import { jsonLines } from '../inspect-view.js';
import type { Needs } from './feeds.js';

export const SECTIONS = ['overview', 'env', 'mounts', 'health', 'processes', 'graphs', 'raw'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<Section, string> = {
  overview: 'Overview',
  env: 'Env',
  mounts: 'Mounts',
  health: 'Health',
  processes: 'Processes',
  graphs: 'Graphs',
  raw: 'Raw',
};

/** Stats only where numbers show, top only on Processes, a re-inspect on Health (its probes). */
export function needsOf(section: Section): Needs {
  return { stats: section === 'overview' || section === 'graphs', top: section === 'processes', poll: section === 'health' };
}

export interface DetailData {
  readonly details?: ContainerDetails;
  readonly raw?: RawInspect;
  /** undefined: not read yet; null: the container is not running. */
  readonly top?: TopResult | null;
  readonly points: readonly StatsPoint[];
  readonly timeline: readonly DockerEvent[];
  readonly revealed: boolean;
}

/** Key names for the hints, as bound now. */
export interface DetailHints {
  readonly reveal: string;
}

function envSection(d: ContainerDetails, revealed: boolean, hints: DetailHints): string[] {
  const v = envLines(d.env, revealed);
  const n = d.env.length;
  const note = !v.secret ? '' : revealed ? ` · secret-looking values shown (${hints.reveal}: mask them)` : ` · ${v.masked} secret-looking value${v.masked === 1 ? '' : 's'} masked (${hints.reveal}: reveal)`;
  return [`${n} variable${n === 1 ? '' : 's'}${note}`, '', ...v.lines];
}

/** The line above the charts: the window and totals, or why nothing is live. */
export function graphsHead(data: DetailData): string {
  const d = data.details;
  if (!d || d.state === 'running') return graphSummary(data.points);
  return `The container is ${d.state}: no live stats${data.points.length ? ' (the charts keep the last ones)' : ''}.`;
}

/** The section's text (Graphs: its numbers, what saving it writes). */
export function sectionLines(section: Section, data: DetailData, now: number, hints: DetailHints): string[] {
  const d = data.details;
  if (!d) return ['Loading…'];
  const running = d.state === 'running';
  switch (section) {
    case 'overview': {
      const last = running ? data.points.at(-1) : undefined;
      return overviewLines(d, now, last ? liveLine(last) : undefined);
    }
    case 'env':
      return envSection(d, data.revealed, hints);
    case 'mounts':
      return mountLines(d.mounts);
    case 'health':
      return healthLines(d, data.timeline);
    case 'processes':
      if (!running || data.top === null) return [`The container is ${d.state}: no processes.`];
      return data.top ? processLines(data.top) : ['Loading…'];
    case 'graphs':
      return [graphsHead(data), ...graphCharts(data.points, d.memoryLimit).map((c) => c.title)];
    case 'raw':
      return data.raw ? jsonLines(data.raw) : ['Loading…'];
  }
}
