// Nodes -> table rows. Pure.
import type { NodeSummary } from '../../docker/nodes.js';
import { cell, lazyRow, type Column, type TableModel } from '../../render/cells.js';
import { filterQuery, matchesQuery } from '../../render/row-filter.js';

export const NODE_COLUMNS: readonly Column[] = [
  { title: 'HOSTNAME', min: 10, max: 40, flex: 2, priority: 0 },
  { title: 'ROLE', min: 7, max: 8, flex: 0, priority: 1 },
  { title: 'AVAILABILITY', min: 12, max: 12, flex: 0, priority: 1 },
  { title: 'STATUS', min: 6, max: 12, flex: 0, priority: 2 },
  { title: 'MANAGER STATUS', min: 14, max: 14, flex: 0, priority: 3 },
  { title: 'ENGINE', min: 8, max: 20, flex: 0, priority: 4 },
];

export function nodeTable(nodes: readonly NodeSummary[], o: { filter?: string; self?: string } = {}): TableModel {
  const q = filterQuery(o.filter);
  const rows = [...nodes]
    // Managers first, then by name, as docker node ls reads best.
    .sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname))
    .filter((n) => matchesQuery(q, { words: [n.hostname, n.role], id: n.id, labels: n.labels }))
    .map((n) =>
      lazyRow(n.id, () => [
        cell(`${n.hostname}${n.id === o.self ? ' *' : ''}`),
        cell(n.role, n.role === 'manager' ? 'accent' : 'muted'),
        cell(n.availability, n.availability === 'active' ? 'ok' : 'warn'),
        cell(n.status, n.status === 'ready' ? 'ok' : 'error'),
        cell(n.managerStatus ?? '', n.managerStatus === 'unreachable' ? 'error' : 'muted'),
        cell(n.engineVersion, 'muted'),
      ]),
    );
  return { columns: NODE_COLUMNS, rows };
}
