// The containers pane's row cache (src/screens/containers/table-cache.ts): it must give what
// containerTable gives, and work the order out again exactly when something it depends on moved.
import { describe, expect, it } from 'vitest';
import type { ContainerUsage } from '../../src/docker/usage.js';
import type { TableModel } from '../../src/render/cells.js';
import { CONTAINER_SORT_KEYS, containerTable, type ContainerSortKey } from '../../src/render/containers.js';
import { ContainerRows, type ContainerRowsOptions } from '../../src/screens/containers/table-cache.js';
import { fakeContainer } from '../support/fake-engine.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const list = [
  fakeContainer({ name: 'web-10', image: 'nginx:1', labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' }, ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp' }] }),
  fakeContainer({ name: 'web-2', image: 'nginx:1' }),
  fakeContainer({ name: 'db', image: 'postgres:16', created: 1_700_000_500 }),
  fakeContainer({ name: 'old', image: 'busybox', state: 'exited', status: 'Exited (1) 2 hours ago' }),
  fakeContainer({ name: 'paused', image: 'busybox', state: 'paused', status: 'Up 1 hour (Paused)' }),
];
const usage = (cpu: Record<string, number>): Map<string, ContainerUsage> =>
  new Map(list.map((c) => [c.id, { cpuPercent: cpu[c.name] ?? 1, memoryBytes: 1000 * c.name.length, memoryLimit: 1e9 }]));
const times = new Map([[list[2]!.id, { startedAtMs: NOW - 90_000 }]]);

const shown = (m: TableModel) => m.rows.map((r) => [r.id, ...r.cells.map((c) => `${c.text}/${c.meaning}`)]);
const opts = (o: Partial<ContainerRowsOptions> = {}): ContainerRowsOptions => ({
  all: true,
  sort: { key: 'state', descending: false },
  now: NOW,
  stats: true,
  usage: usage({}),
  times,
  ...o,
});

describe('the containers row cache', () => {
  it('gives the rows containerTable gives, for every sort, direction, filter, all/running and stats', () => {
    const rows = new ContainerRows();
    for (const key of CONTAINER_SORT_KEYS as ContainerSortKey[])
      for (const descending of [false, true])
        for (const all of [false, true])
          for (const filter of ['', 'WEB', 'nginx', 'shop'])
            for (const stats of [true, false]) {
              const o = opts({ all, filter, stats, sort: { key, descending }, usage: usage({ db: 50, 'web-2': 7 }) });
              const m = rows.table(list, o);
              expect(m.columns).toEqual(containerTable(list, o).columns);
              expect(shown(m)).toEqual(shown(containerTable(list, o)));
            }
  });

  it('keeps the model, and works nothing out again, when only the cursor or the clock moved', () => {
    const rows = new ContainerRows();
    const o = opts();
    const first = rows.table(list, o);
    const orders = rows.orders;
    expect(rows.table(list, o)).toBe(first);
    expect(rows.table(list, { ...o, now: NOW + 60_000 })).toBe(first);
    expect(rows.orders).toBe(orders);
    // A refresh brings a new list: the order is worked out again.
    rows.table([...list], o);
    expect(rows.orders).toBe(orders + 1);
  });

  it('sorted by state, a new figure changes the cells shown but not the order', () => {
    const rows = new ContainerRows();
    const m = rows.table(list, opts({ usage: usage({}) }));
    const db = () => m.rows.find((r) => r.id === list[2]!.id)!.cells;
    const before = db();
    expect(db()).toBe(before);
    const orders = rows.orders;
    expect(rows.table(list, opts({ usage: usage({ db: 42 }) }))).toBe(m);
    expect(rows.orders).toBe(orders);
    expect(db()).not.toBe(before);
    expect(db()[4]!.text).toBe('42.0');
    // The same figures in a new map are the same cells (nothing to draw again).
    const after = db();
    rows.table(list, opts({ usage: usage({ db: 42 }) }));
    expect(db()).toBe(after);
  });

  it('sorted by CPU, a new figure sorts again', () => {
    const rows = new ContainerRows();
    const sort = { key: 'cpu' as const, descending: false };
    const names = (m: TableModel) => m.rows.map((r) => r.cells[0]!.text);
    expect(names(rows.table(list, opts({ sort, usage: usage({ db: 5, 'web-2': 3 }) })))).toEqual(['db', 'web-2', 'old', 'paused', 'web-10']);
    const orders = rows.orders;
    expect(names(rows.table(list, opts({ sort, usage: usage({ db: 5, 'web-2': 9 }) })))).toEqual(['web-2', 'db', 'old', 'paused', 'web-10']);
    expect(rows.orders).toBe(orders + 1);
  });

  it('sorted by status, new times sort again; the status moves with the clock', () => {
    const rows = new ContainerRows();
    const sort = { key: 'status' as const, descending: false };
    const m = rows.table(list, opts({ sort }));
    const status = () => m.rows.find((r) => r.id === list[2]!.id)!.cells[3]!.text;
    const early = status();
    rows.table(list, opts({ sort, now: NOW + 3_600_000 }));
    expect(status()).not.toBe(early);
    const orders = rows.orders;
    rows.table(list, opts({ sort, times: new Map(times) }));
    expect(rows.orders).toBe(orders + 1);
  });

  it('finds the container of a row shown, and none of a row filtered away', () => {
    const rows = new ContainerRows();
    rows.table(list, opts({ filter: 'web' }));
    expect(rows.container(list[0]!.id)?.name).toBe('web-10');
    expect(rows.container(list[2]!.id)).toBeUndefined();
  });
});
