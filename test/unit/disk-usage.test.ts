// Disk usage object by object, from a /system/df answer recorded from the test engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toDiskUsageDetail } from '../../src/docker/disk-usage.js';
import { diskUsageLines } from '../../src/screens/disk-usage/lines.js';

const raw = JSON.parse(readFileSync(new URL('./fixtures/system-df.json', import.meta.url), 'utf8'));

describe('disk usage detail', () => {
  const d = toDiskUsageDetail(raw);

  it('keeps every object the engine listed, with its size', () => {
    expect(d.images).toHaveLength(raw.Images.length);
    expect(d.containers).toHaveLength(raw.Containers.length);
    expect(d.volumes).toHaveLength(raw.Volumes.length);
    const first = raw.Images[0];
    const img = d.images.find((i) => i.id === first.Id)!;
    expect(img.size).toBe(first.Size);
    expect(img.tags).toEqual(first.RepoTags);
    const c = d.containers.find((x) => x.id === raw.Containers[0].Id)!;
    expect(c.name).toBe(raw.Containers[0].Names[0].slice(1));
  });

  it('writes the totals and a section per kind, each object on its line', () => {
    const lines = diskUsageLines(d, Date.parse('2026-11-29T12:00:00Z'));
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE$/);
    expect(lines[1]).toMatch(new RegExp(`^Images\\s+${d.summary.images.count}\\s+${d.summary.images.active}\\s`));
    for (const section of ['Images (', 'Containers (', 'Local volumes (', 'Build cache (']) expect(text).toContain(section);
    for (const i of d.images) expect(text).toContain(i.id.slice(7, 19));
    for (const c of d.containers) expect(text).toContain(c.name);
  });
});
