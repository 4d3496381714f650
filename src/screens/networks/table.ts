// Networks -> table rows. Pure: attached containers come from the containers' own network
// lists (the engine's network list does not name them).
import type { ContainerSummary } from '../../docker/containers.js';
import { isPredefinedNetwork, type NetworkSummary } from '../../docker/networks.js';
import { cell, lazyRow, type Column, type TableModel } from '../../render/cells.js';
import { ago } from '../../render/format.js';
import { filterQuery, matchesQuery } from '../../render/row-filter.js';

export const NETWORK_COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 10, max: 40, flex: 2, priority: 0 },
  { title: 'DRIVER', min: 6, max: 10, flex: 0, priority: 2 },
  { title: 'SCOPE', min: 5, max: 6, flex: 0, priority: 5 },
  { title: 'SUBNET', min: 12, max: 43, flex: 1, priority: 3 },
  { title: 'GATEWAY', min: 10, max: 39, flex: 0, priority: 6 },
  { title: 'CONTAINERS', min: 10, max: 40, flex: 2, priority: 1 },
  { title: 'CREATED', min: 14, max: 16, flex: 0, priority: 4 },
];

export function containersByNetwork(containers: readonly ContainerSummary[]): Map<string, ContainerSummary[]> {
  const out = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    for (const n of c.networks) out.set(n, [...(out.get(n) ?? []), c]);
  }
  return out;
}

export function networkTable(networks: readonly NetworkSummary[], containers: readonly ContainerSummary[], o: { filter?: string; now: number }): TableModel {
  const attached = containersByNetwork(containers);
  const q = filterQuery(o.filter);
  const rows = [...networks]
    // The engine's own networks first, then the user's by name.
    .sort((a, b) => Number(isPredefinedNetwork(b.name)) - Number(isPredefinedNetwork(a.name)) || a.name.localeCompare(b.name))
    .filter((n) => matchesQuery(q, { words: [n.name, n.driver, ...n.subnets], id: n.id }))
    .map((n) =>
      lazyRow(n.id, () => {
        const who = attached.get(n.name) ?? [];
        const created = n.created ? Date.parse(n.created) : NaN;
        return [
          cell(n.name, isPredefinedNetwork(n.name) ? 'muted' : 'normal'),
          cell(n.driver, 'muted'),
          cell(n.scope, 'muted'),
          cell(n.subnets.join(', ')),
          cell(n.gateways.join(', '), 'muted'),
          who.length ? cell(who.map((c) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`)).join(', '), who.some((c) => c.state === 'running') ? 'ok' : 'normal') : cell('', 'muted'),
          cell(Number.isFinite(created) && created > 0 ? ago(created, o.now) : '', 'muted'),
        ];
      }),
    );
  return { columns: NETWORK_COLUMNS, rows };
}
