// Services and their tasks -> table rows. Pure.
import type { NodeSummary } from '../../docker/nodes.js';
import type { ServicePort, ServiceSummary, TaskSummary } from '../../docker/services.js';
import { cell, lazyRow, type Cell, type Column, type TableModel } from '../../render/cells.js';
import { ago } from '../../render/format.js';
import { filterQuery, matchesQuery } from '../../render/row-filter.js';

export const SERVICE_COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 10, max: 40, flex: 2, priority: 0 },
  { title: 'MODE', min: 10, max: 10, flex: 0, priority: 3 },
  { title: 'REPLICAS', min: 8, max: 9, flex: 0, priority: 1 },
  { title: 'IMAGE', min: 12, max: 50, flex: 2, priority: 2 },
  { title: 'PORTS', min: 8, max: 30, flex: 1, priority: 5 },
  { title: 'UPDATE', min: 10, max: 40, flex: 1, priority: 4 },
];

export function portsText(ports: readonly ServicePort[]): string {
  return ports.map((p) => (p.published ? `${p.published}->${p.target}/${p.protocol}` : `${p.target}/${p.protocol}`)).join(', ');
}

const UPDATE_MEANING: Readonly<Record<string, Cell['meaning']>> = {
  updating: 'warn',
  rollback_started: 'warn',
  paused: 'error',
  rollback_paused: 'error',
  completed: 'muted',
  rollback_completed: 'muted',
};

export function updateText(s: ServiceSummary): Cell {
  if (!s.updateState) return cell('', 'muted');
  const state = s.updateState.replace(/_/g, ' ');
  return cell(s.updateMessage && !/completed/.test(s.updateState) ? `${state}: ${s.updateMessage}` : state, UPDATE_MEANING[s.updateState] ?? 'normal');
}

export function serviceTable(services: readonly ServiceSummary[], o: { filter?: string } = {}): TableModel {
  const q = filterQuery(o.filter);
  const rows = [...services]
    .sort((a, b) => a.name.localeCompare(b.name))
    .filter((s) => matchesQuery(q, { words: [s.name, s.image], id: s.id, labels: s.labels }))
    .map((s) =>
      lazyRow(s.id, () => [
        cell(s.name),
        cell(s.mode, 'muted'),
        cell(`${s.running}/${s.desired}`, s.running === s.desired ? (s.desired ? 'ok' : 'muted') : 'warn'),
        cell(s.image),
        cell(portsText(s.ports), 'muted'),
        updateText(s),
      ]),
    );
  return { columns: SERVICE_COLUMNS, rows };
}

export const TASK_COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 10, max: 40, flex: 1, priority: 0 },
  { title: 'NODE', min: 6, max: 30, flex: 1, priority: 2 },
  { title: 'DESIRED', min: 8, max: 9, flex: 0, priority: 3 },
  { title: 'CURRENT', min: 12, max: 34, flex: 1, priority: 1 },
  { title: 'ERROR', min: 8, max: 80, flex: 2, priority: 4 },
];

/** "web.2" for a replica, "web.<node>" for a global service's task, as docker service ps names them. */
export function taskName(service: string, t: TaskSummary, nodes: ReadonlyMap<string, NodeSummary>): string {
  return t.slot ? `${service}.${t.slot}` : `${service}.${nodes.get(t.nodeId)?.hostname ?? t.nodeId.slice(0, 12)}`;
}

const STATE_MEANING: Readonly<Record<string, Cell['meaning']>> = { running: 'ok', failed: 'error', rejected: 'error', orphaned: 'error', shutdown: 'muted', complete: 'muted' };

/** Newest first within a slot, slots in order: the live task of each slot heads its history. */
export function taskTable(service: string, tasks: readonly TaskSummary[], nodes: ReadonlyMap<string, NodeSummary>, now: number): TableModel {
  const rows = [...tasks]
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || a.nodeId.localeCompare(b.nodeId) || b.since.localeCompare(a.since))
    .map((t) =>
      lazyRow(t.id, () => {
        const since = Date.parse(t.since);
        const when = Number.isFinite(since) ? ` ${ago(since, now)}` : '';
        return [
          cell(taskName(service, t, nodes), t.desiredState === 'running' ? 'normal' : 'muted'),
          cell(nodes.get(t.nodeId)?.hostname ?? (t.nodeId ? t.nodeId.slice(0, 12) : '(not placed yet)'), 'muted'),
          cell(t.desiredState, t.desiredState === 'running' ? 'normal' : 'muted'),
          cell(`${t.state}${when}`, STATE_MEANING[t.state] ?? 'warn'),
          cell(t.error ?? '', 'error'),
        ];
      }),
    );
  return { columns: TASK_COLUMNS, rows };
}
