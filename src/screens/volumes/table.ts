// Volumes -> table rows. Pure: "used by" comes from the containers' mounts, sizes from the
// engine's disk usage when it has been read.
import type { ContainerSummary } from '../../docker/containers.js';
import type { VolumeSummary, VolumeUsage } from '../../docker/volumes.js';
import { cell, lazyRow, type Column, type TableModel } from '../../render/cells.js';
import { ago, formatSize } from '../../render/format.js';
import { filterQuery, matchesQuery } from '../../render/row-filter.js';

export const VOLUME_COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 12, max: 64, flex: 3, priority: 0 },
  { title: 'DRIVER', min: 6, max: 10, flex: 0, priority: 3 },
  { title: 'SCOPE', min: 5, max: 6, flex: 0, priority: 5 },
  { title: 'SIZE', min: 7, max: 9, flex: 0, priority: 2, align: 'right' },
  { title: 'USED BY', min: 10, max: 40, flex: 2, priority: 1 },
  { title: 'CREATED', min: 14, max: 16, flex: 0, priority: 4 },
];

/** The containers (running or not) that mount each volume, by volume name. */
export function usersByVolume(containers: readonly ContainerSummary[]): Map<string, ContainerSummary[]> {
  const users = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    for (const m of c.mounts) {
      if (m.type !== 'volume' || !m.name) continue;
      const list = users.get(m.name) ?? [];
      if (!list.includes(c)) list.push(c);
      users.set(m.name, list);
    }
  }
  return users;
}

export interface VolumeTableOptions {
  readonly filter?: string;
  readonly now: number;
  /** Sizes from disk usage; undefined until read. */
  readonly sizes?: ReadonlyMap<string, VolumeUsage>;
}

export function volumeTable(volumes: readonly VolumeSummary[], containers: readonly ContainerSummary[], o: VolumeTableOptions): TableModel {
  const users = usersByVolume(containers);
  const q = filterQuery(o.filter);
  const rows = [...volumes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .filter((v) => matchesQuery(q, { words: [v.name, v.driver], labels: v.labels }))
    .map((v) =>
      lazyRow(v.name, () => {
        const who = users.get(v.name) ?? [];
        const size = o.sizes?.get(v.name)?.size;
        const created = v.createdAt ? Date.parse(v.createdAt) : NaN;
        return [
          cell(v.name),
          cell(v.driver, 'muted'),
          cell(v.scope, 'muted'),
          cell(size === undefined ? '…' : size < 0 ? '?' : formatSize(size), size === undefined ? 'muted' : 'normal'),
          who.length ? cell(who.map((c) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`)).join(', '), who.some((c) => c.state === 'running') ? 'ok' : 'normal') : cell('unused', 'muted'),
          cell(Number.isFinite(created) ? ago(created, o.now) : '', 'muted'),
        ];
      }),
    );
  return { columns: VOLUME_COLUMNS, rows };
}
