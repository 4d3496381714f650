// Container list -> table rows. Pure: same data, options and `now`, same rows.
import type { ContainerState, ContainerSummary } from '../docker/containers.js';
export type { ContainerTimes, ContainerUsage } from '../docker/usage.js';
import type { ContainerTimes, ContainerUsage } from '../docker/usage.js';
import { cell, lazyRow, type Cell, type Column, type Meaning, type TableModel } from './cells.js';
import { age, ago, formatMemory, formatPorts } from './format.js';
import { compareNatural } from './intl.js';

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_NUMBER = 'com.docker.compose.container-number';
export const COMPOSE_ONEOFF = 'com.docker.compose.oneoff';

/** "demo · web#2": the compose project, service and replica number a container belongs to. */
export function composeLabel(labels: Readonly<Record<string, string>>): string {
  const project = labels[COMPOSE_PROJECT];
  if (!project) return '';
  const service = labels[COMPOSE_SERVICE];
  const n = labels[COMPOSE_NUMBER];
  const oneoff = labels[COMPOSE_ONEOFF] === 'True';
  return service ? `${project} · ${service}${oneoff ? ' (run)' : n ? `#${n}` : ''}` : project;
}

export type ContainerSortKey = 'name' | 'image' | 'state' | 'status' | 'cpu' | 'memory' | 'ports' | 'project';

export const CONTAINER_SORT_KEYS: readonly ContainerSortKey[] = ['name', 'image', 'state', 'status', 'cpu', 'memory', 'ports', 'project'];

export interface ContainerViewOptions {
  /** Show stopped containers too (docker ps -a). */
  readonly all: boolean;
  readonly filter?: string;
  readonly sort?: { readonly key: ContainerSortKey; readonly descending: boolean };
  readonly now?: number;
  readonly times?: ReadonlyMap<string, ContainerTimes>;
  readonly usage?: ReadonlyMap<string, ContainerUsage>;
  /** Show the live CPU and memory columns (default true). */
  readonly stats?: boolean;
}

export const CONTAINER_COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 10, max: 40, flex: 3, priority: 0 },
  { title: 'IMAGE', min: 10, max: 40, flex: 2, priority: 3 },
  { title: 'STATE', min: 7, max: 10, flex: 0, priority: 1 },
  { title: 'STATUS', min: 12, max: 30, flex: 1, priority: 2 },
  { title: 'CPU %', min: 6, max: 7, flex: 0, priority: 4, align: 'right' },
  { title: 'MEM', min: 8, max: 9, flex: 0, priority: 5, align: 'right' },
  { title: 'PORTS', min: 10, max: 40, flex: 1, priority: 7 },
  { title: 'PROJECT', min: 8, max: 28, flex: 1, priority: 6 },
];

/** Indexes of the CPU % and MEM columns, left out when stats are off. */
const STATS_COLUMNS = [4, 5];

const RUNNING_LIKE: readonly ContainerState[] = ['running', 'paused', 'restarting'];

export function stateMeaning(state: ContainerState, health?: string): Meaning {
  if (health === 'unhealthy') return 'error';
  switch (state) {
    case 'running':
      return health === 'starting' ? 'warn' : 'ok';
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'warn';
    case 'dead':
      return 'error';
    case 'exited':
    case 'created':
      return 'muted';
    default:
      return 'normal';
  }
}

/** "Up 3 minutes (healthy)", "Exited (137) 2 hours ago": from exact times when known. */
export function statusText(c: ContainerSummary, times: ContainerTimes | undefined, now: number): string {
  const health = c.health ? ` (${c.health === 'starting' ? 'health: starting' : c.health})` : '';
  if (RUNNING_LIKE.includes(c.state) && times?.startedAtMs) {
    const up = `Up ${age(times.startedAtMs, now)}`;
    if (c.state === 'paused') return `${up} (Paused)`;
    if (c.state === 'restarting') return `Restarting`;
    return up + health;
  }
  if ((c.state === 'exited' || c.state === 'dead') && times?.finishedAtMs) {
    const code = times.exitCode ?? /Exited \((\d+)\)/.exec(c.status)?.[1];
    return `Exited (${code ?? '?'}) ${ago(times.finishedAtMs, now)}`;
  }
  return c.status;
}

export function matchesFilter(c: ContainerSummary, filter: string | undefined): boolean {
  const q = filter?.trim().toLowerCase();
  if (!q) return true;
  if (c.name.toLowerCase().includes(q) || c.image.toLowerCase().includes(q) || c.id.startsWith(q)) return true;
  return Object.entries(c.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q));
}

function sortValue(c: ContainerSummary, key: ContainerSortKey, o: ContainerViewOptions): string | number {
  switch (key) {
    case 'name':
      return 0; // compared with the natural collator instead (web-2 before web-10)
    case 'image':
      return c.image.toLowerCase();
    case 'state':
      return RUNNING_LIKE.includes(c.state) ? 0 : 1;
    case 'status': {
      const t = o.times?.get(c.id);
      return -(t?.startedAtMs ?? t?.finishedAtMs ?? c.created * 1000);
    }
    case 'cpu':
      return -(o.usage?.get(c.id)?.cpuPercent ?? -1);
    case 'memory':
      return -(o.usage?.get(c.id)?.memoryBytes ?? -1);
    case 'ports':
      return formatPorts(c.ports);
    case 'project':
      return (c.labels[COMPOSE_PROJECT] ?? '\uffff').toLowerCase();
  }
}

const byName = compareNatural;

export function visibleContainers(list: readonly ContainerSummary[], o: ContainerViewOptions): ContainerSummary[] {
  const key = o.sort?.key ?? 'state';
  const dir = o.sort?.descending ? -1 : 1;
  // Each row's sort value is worked out once, not at every comparison (1,000 rows: 10,000 of them).
  const rows = list.filter((c) => (o.all || RUNNING_LIKE.includes(c.state)) && matchesFilter(c, o.filter)).map((c) => ({ c, v: sortValue(c, key, o) }));
  rows.sort((a, b) => {
    const primary = key === 'name' ? byName(a.c.name, b.c.name) : a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    // Ties fall back to name, always ascending, so the order is stable between refreshes.
    return primary * dir || byName(a.c.name, b.c.name);
  });
  return rows.map((r) => r.c);
}

/** The columns shown, with or without the live CPU and MEM columns (one array each, so a widget can keep its layout). */
const COLUMNS_WITHOUT_STATS: readonly Column[] = CONTAINER_COLUMNS.filter((_, i) => !STATS_COLUMNS.includes(i));
export const containerColumns = (stats: boolean): readonly Column[] => (stats ? CONTAINER_COLUMNS : COLUMNS_WITHOUT_STATS);

/**
 * Rows carry their cells lazily: sorting and filtering need every container, but only
 * the rows on screen are ever formatted (300 containers, 30 rows drawn).
 */
export function containerTable(list: readonly ContainerSummary[], o: ContainerViewOptions): TableModel {
  const now = o.now ?? Date.now();
  const stats = o.stats ?? true;
  const rows = visibleContainers(list, o).map((c) => lazyRow(c.id, () => containerCells(c, { usage: o.usage?.get(c.id), times: o.times?.get(c.id), now, stats })));
  return { columns: containerColumns(stats), rows };
}

/** What one row shows besides the container itself (the live figures, exact times, the clock). */
export interface ContainerRowInputs {
  readonly usage: ContainerUsage | undefined;
  readonly times: ContainerTimes | undefined;
  readonly now: number;
  readonly stats: boolean;
}

/** One container's cells, for the columns of `containerColumns(stats)`. */
export function containerCells(c: ContainerSummary, o: ContainerRowInputs): Cell[] {
  const meaning = stateMeaning(c.state, c.health);
  const u = c.state === 'running' ? o.usage : undefined;
  const cells = [
    cell(c.name),
    cell(c.image, 'muted'),
    cell(c.state, meaning),
    cell(statusText(c, o.times, o.now), meaning === 'ok' ? 'normal' : meaning),
    cell(u ? u.cpuPercent.toFixed(1) : '', u && u.cpuPercent >= 90 ? 'warn' : 'normal'),
    cell(u ? formatMemory(u.memoryBytes) : '', u && u.memoryLimit > 0 && u.memoryBytes / u.memoryLimit > 0.9 ? 'warn' : 'normal'),
    cell(formatPorts(c.ports), 'muted'),
    cell(composeLabel(c.labels), 'accent'),
  ];
  return o.stats ? cells : cells.filter((_, i) => !STATS_COLUMNS.includes(i));
}
