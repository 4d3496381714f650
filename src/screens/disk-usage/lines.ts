// Disk usage as text, like `docker system df -v`: the totals, then every image, container,
// volume and build cache entry with its size. Pure.
import type { DiskUsageDetail } from '../../docker/disk-usage.js';
import type { DiskUsageGroup } from '../../docker/system.js';
import { shortId } from '../../docker/reference.js';
import { ago, formatSize } from '../../render/format.js';
import { fit } from '../../render/text.js';

type Col = readonly [title: string, width: number, align?: 'right'];

function table(cols: readonly Col[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) =>
    cols
      .map(([, w, align], i) => fit(cells[i] ?? '', w, align))
      .join('  ')
      .trimEnd();
  return [line(cols.map((c) => c[0])), ...rows.map(line)];
}

const pct = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '');
const size = (n: number) => (n < 0 ? 'N/A' : formatSize(n));

export function diskUsageLines(d: DiskUsageDetail, now: number): string[] {
  const group = (name: string, g: DiskUsageGroup) => [name, String(g.count), String(g.active), formatSize(g.size), `${formatSize(g.reclaimable)}${pct(g.reclaimable, g.size)}`];
  const s = d.summary;
  const total = s.images.reclaimable + s.containers.reclaimable + s.volumes.reclaimable + s.buildCache.reclaimable;
  const out = [
    ...table(
      [['TYPE', 14], ['TOTAL', 6, 'right'], ['ACTIVE', 6, 'right'], ['SIZE', 10, 'right'], ['RECLAIMABLE', 18, 'right']],
      [group('Images', s.images), group('Containers', s.containers), group('Local Volumes', s.volumes), group('Build Cache', s.buildCache)],
    ),
    `Reclaimable in all: ${formatSize(total)}`,
    '',
    `Images (${d.images.length})`,
    ...table(
      [['REPOSITORY:TAG', 44], ['IMAGE ID', 12], ['CREATED', 16], ['SIZE', 9, 'right'], ['SHARED', 9, 'right'], ['UNIQUE', 9, 'right'], ['CONTAINERS', 10, 'right']],
      [...d.images]
        .sort((a, b) => b.size - a.size)
        .map((i) => [i.tags.join(', ') || '<none>', shortId(i.id), ago(i.created * 1000, now), size(i.size), size(i.shared), i.shared < 0 ? 'N/A' : size(i.size - i.shared), String(i.containers)]),
    ),
    '',
    `Containers (${d.containers.length})`,
    ...table(
      [['NAME', 30], ['IMAGE', 30], ['STATE', 10], ['SIZE', 9, 'right']],
      [...d.containers].sort((a, b) => b.sizeRw - a.sizeRw).map((c) => [c.name, c.image, c.state, size(c.sizeRw)]),
    ),
    '',
    `Local volumes (${d.volumes.length})`,
    ...table(
      [['NAME', 64], ['LINKS', 5, 'right'], ['SIZE', 9, 'right']],
      [...d.volumes].sort((a, b) => b.size - a.size).map((v) => [v.name, String(v.refCount), size(v.size)]),
    ),
    '',
    `Build cache (${d.buildCache.length})`,
    ...table(
      [['ID', 12], ['TYPE', 12], ['SIZE', 9, 'right'], ['LAST USED', 16], ['IN USE', 6], ['SHARED', 6], ['DESCRIPTION', 60]],
      [...d.buildCache]
        .sort((a, b) => b.size - a.size)
        .map((b) => [b.id.slice(0, 12), b.type, size(b.size), b.lastUsed ? ago(Date.parse(b.lastUsed), now) : '', b.inUse ? 'yes' : 'no', b.shared ? 'yes' : 'no', b.description]),
    ),
  ];
  return out;
}
