// The list panes' one filter rule, and the tables that use it.
import { describe, expect, it } from 'vitest';
import { filterQuery, matchesQuery } from '../../src/render/row-filter.js';
import { networkTable } from '../../src/screens/networks/table.js';
import { nodeTable } from '../../src/screens/nodes/table.js';
import { serviceTable } from '../../src/screens/services/table.js';
import { volumeTable } from '../../src/screens/volumes/table.js';
import { fakeNetwork, fakeVolume } from '../support/fake-engine.js';
import { fakeNode, fakeService } from '../support/fake-swarm.js';

describe('the filter rule', () => {
  it('matches words anywhere in any case, the id from its start, and labels as key=value', () => {
    const row = { words: ['Web-Front', 'nginx:1.27'], id: 'abc123', labels: { tier: 'Edge' } };
    expect(filterQuery('  FRONT ')).toBe('front');
    expect(filterQuery('   ')).toBeUndefined();
    expect(matchesQuery(undefined, row)).toBe(true);
    expect(matchesQuery(filterQuery('FRONT'), row)).toBe(true);
    expect(matchesQuery('nginx:1', row)).toBe(true);
    expect(matchesQuery('abc', row)).toBe(true);
    expect(matchesQuery('123', row)).toBe(false); // an id only from its start
    expect(matchesQuery('tier=edge', row)).toBe(true);
    expect(matchesQuery('r=e', row)).toBe(true);
    expect(matchesQuery('db', row)).toBe(false);
    expect(matchesQuery('abc', { words: [] })).toBe(false);
  });

  it('filters each kind by its own words', () => {
    const ids = (m: { rows: readonly { id: string }[] }) => m.rows.map((r) => r.id);
    const services = [fakeService({ name: 'web', image: 'nginx:1' }), fakeService({ name: 'db', image: 'postgres:16', labels: { tier: 'data' } })];
    expect(ids(serviceTable(services, { filter: 'NGINX' }))).toEqual(['svc-web']);
    expect(ids(serviceTable(services, { filter: 'tier=data' }))).toEqual(['svc-db']);
    expect(ids(serviceTable(services, { filter: ' ' }))).toEqual(['svc-db', 'svc-web']);
    const nodes = [fakeNode({ hostname: 'alpha' }), fakeNode({ hostname: 'beta', id: 'node-beta', role: 'worker' })];
    expect(ids(nodeTable(nodes, { filter: 'worker' }))).toEqual(['node-beta']);
    const nets = [fakeNetwork({ name: 'front', subnets: ['10.1.0.0/24'] }), fakeNetwork({ name: 'back', driver: 'overlay', subnets: ['fd00:ab::/64'] })];
    expect(ids(networkTable(nets, [], { filter: 'overlay', now: 0 }))).toEqual([nets[1]!.id]);
    expect(ids(networkTable(nets, [], { filter: '10.1.', now: 0 }))).toEqual([nets[0]!.id]);
    const volumes = [fakeVolume({ name: 'data', labels: { keep: 'yes' } }), fakeVolume({ name: 'cache', driver: 'tmpfs-plugin' })];
    expect(ids(volumeTable(volumes, [], { filter: 'TMPFS', now: 0 }))).toEqual(['cache']);
    expect(ids(volumeTable(volumes, [], { filter: 'keep=yes', now: 0 }))).toEqual(['data']);
  });
});
