// Nodes -> table rows. Pure.
import type { NodeSummary } from '../../docker/nodes.js';
import { cell, lazyRow, type Column, type TableModel } from '../../render/cells.js';

export const NODE_COLUMNS: readonly Column[] = [
  { title: 'HOSTNAME', min: 10, max: 40, flex: 2, priority: 0 },
  { title: 'ROLE', min: 7, max: 8, flex: 0, priority: 1 },
  { title: 'AVAILABILITY', min: 12, max: 12, flex: 0, priority: 1 },
  { title: 'STATUS', min: 6, max: 12, flex: 0, priority: 2 },
  { title: 'MANAGER STATUS', min: 14, max: 14, flex: 0, priority: 3 },
  { title: 'ENGINE', min: 8, max: 20, flex: 0, priority: 4 },
];

export function nodeTable(nodes: readonly NodeSummary[], o: { filter?: string; self?: string } = {}): TableModel {
  const q = o.filter?.trim().toLowerCase();
  const rows = [...nodes]
    // Managers first, then by name, as docker node ls reads best.
    .sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname))
    .filter((n) => !q || n.hostname.toLowerCase().includes(q) || n.role.includes(q) || n.id.startsWith(q) || Object.entries(n.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q)))
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
