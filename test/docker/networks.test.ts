// Networks against the private engine. It lives in its own network namespace; every network
// here is internal, and the containers only sleep: nothing sends traffic.
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  PREDEFINED_NETWORKS,
  removeNetwork,
  removeNetworks,
  unusedNetworks,
} from '../../src/docker/networks.js';
import { KEEP_LABEL } from '../../src/docker/prune-shared.js';
import { FIXTURE_IMAGE, runFixture } from '../support/fixtures.js';
import { countedClient } from '../support/counted-client.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const OWNER = uniqueName('networks-test');
const LABELS = { 'berth-test': OWNER };
// Subnets from the benchmarking range, one per test, so they never overlap each other.
const base = 100 + Math.floor(Math.random() * 100);
let next = 0;
function subnet(): string {
  const k = next++;
  return `198.18.${base + Math.floor(k / 16)}.${(k % 16) * 16}/28`;
}

afterAll(async () => {
  const filters = { label: [`berth-test=${OWNER}`] };
  const containers = await raw.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => raw.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  for (const n of await raw.listNetworks({ filters })) await raw.getNetwork(n.Id).remove().catch(() => undefined);
});

async function make(extra: { labels?: Record<string, string> } = {}): Promise<{ name: string; subnet: string }> {
  const name = uniqueName('net');
  const s = subnet();
  await createNetwork(docker, { name, subnet: s, internal: true, labels: { ...LABELS, ...(extra.labels ?? {}) } });
  return { name, subnet: s };
}

/** A container on a network: started ones only sleep. */
async function onNetwork(network: string, start: boolean): Promise<string> {
  const name = uniqueName('c');
  if (start) {
    await runFixture(raw, name, undefined, { Labels: LABELS, HostConfig: { NetworkMode: network } });
  } else {
    await raw.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: network } });
  }
  return name;
}

describe('networks', () => {
  it('creates, lists, inspects and removes a network', async () => {
    const name = uniqueName('net');
    const s = subnet();
    const gateway = s.replace(/\d+\/28$/, (m) => `${Number(m.split('/')[0]) + 1}`);
    const made = await createNetwork(docker, { name, subnet: s, gateway, internal: true, labels: { ...LABELS, tier: 'back' } });
    expect(made).toMatchObject({ name, driver: 'bridge', scope: 'local', internal: true, subnets: [s], gateways: [gateway], labels: { tier: 'back' } });
    expect(made.id).toMatch(/^[0-9a-f]{64}$/);
    expect((await listNetworks(docker)).find((n) => n.id === made.id)).toEqual(made);
    const d = await inspectNetwork(docker, name);
    expect(d).toMatchObject({ id: made.id, containers: [], ingress: false, ipam: { driver: 'default', config: [{ subnet: s, gateway }] } });
    await removeNetwork(docker, name);
    expect((await listNetworks(docker)).some((n) => n.name === name)).toBe(false);
    expect((await failure(inspectNetwork(docker, name))).kind).toBe('notFound');
    expect((await failure(removeNetwork(docker, name))).kind).toBe('notFound');
  });

  it('lists the attached containers with their addresses on inspect', async () => {
    const { name, subnet: s } = await make();
    const c = await onNetwork(name, true);
    const d = await inspectNetwork(docker, name);
    expect(d.containers).toHaveLength(1);
    const [att] = d.containers;
    expect(att).toMatchObject({ name: c });
    expect(att!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(att!.ipv4Address).toMatch(new RegExp(`^${s.split('.').slice(0, 3).join('\\.')}\\.\\d+/28$`));
    expect(att!.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  });

  it('refuses predefined networks, bad names and bad subnets before any call', async () => {
    const { client, calls } = countedClient(testDockerHost());
    for (const name of PREDEFINED_NETWORKS) {
      const e = await failure(removeNetwork(client, name));
      expect(e.message).toBe(`${name} is one of the engine's predefined networks and cannot be removed.`);
    }
    const cases: [Parameters<typeof createNetwork>[1], RegExp][] = [
      [{ name: '' }, /is not a valid network name/],
      [{ name: '-x' }, /is not a valid network name/],
      [{ name: 'a b' }, /is not a valid network name/],
      [{ name: 'ok', subnet: '198.18.0.0' }, /is not a subnet/],
      [{ name: 'ok', subnet: '198.18.0.0/33' }, /prefix length .* from 1 to 32/],
      [{ name: 'ok', subnet: '300.1.1.0/24' }, /is not a subnet/],
      [{ name: 'ok', subnet: '198.18.0.5/24' }, /did you mean 198\.18\.0\.0\/24\?/],
      [{ name: 'ok', subnet: '198.18.0.0/24', gateway: '198.18.1.1' }, /not inside 198\.18\.0\.0\/24/],
      [{ name: 'ok', subnet: '198.18.0.0/24', gateway: 'fd00::1' }, /not an IPv4 address/],
      [{ name: 'ok', gateway: '198.18.0.1' }, /^A gateway needs a subnet/],
    ];
    for (const [opts, why] of cases) {
      const e = await failure(createNetwork(client, opts));
      expect(e.kind).toBe('badRequest');
      expect(e.message).toMatch(why);
    }
    expect(calls()).toBe(0);
  });

  it('gives the same sentence when a predefined network is named by id (the engine refuses it)', async () => {
    const host = (await listNetworks(docker)).find((n) => n.name === 'host')!;
    const e = await failure(removeNetwork(docker, host.id));
    expect(e.message).toBe("host is one of the engine's predefined networks and cannot be removed.");
    expect(e.engineMessage).toMatch(/pre-defined/);
  });

  it('refuses a duplicate name', async () => {
    const { name } = await make();
    const e = await failure(createNetwork(docker, { name, internal: true, subnet: subnet(), labels: LABELS }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toBe(`Network ${name} already exists.`);
    expect((await listNetworks(docker)).filter((n) => n.name === name)).toHaveLength(1);
  });

  it('says when a subnet overlaps an existing network', async () => {
    const { subnet: taken } = await make();
    const e = await failure(createNetwork(docker, { name: uniqueName('overlap'), subnet: taken, internal: true, labels: LABELS }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain(`the subnet ${taken} overlaps a network that already exists`);
  });

  it('names the attached containers when a network in use cannot be removed', async () => {
    const { name } = await make();
    const c = await onNetwork(name, true);
    const e = await failure(removeNetwork(docker, name));
    expect(e.kind).toBe('conflict');
    expect(e.message).toBe(`Network ${name} is in use by ${c}: disconnect or remove that container first.`);
    expect((await listNetworks(docker)).some((n) => n.name === name)).toBe(true);
  });

  it('connects and disconnects a container, with sentences for already and not connected', async () => {
    const home = await make();
    const other = await make();
    const c = await onNetwork(home.name, true);
    await connectNetwork(docker, other.name, c);
    expect((await inspectNetwork(docker, other.name)).containers.map((x) => x.name)).toEqual([c]);
    const again = await failure(connectNetwork(docker, other.name, c));
    expect(again.message).toBe(`Container ${c} is already connected to network ${other.name}.`);
    // By id, the check before the call cannot see it: the engine's answer is turned into the same sentence.
    const id = (await inspectNetwork(docker, other.name)).id;
    const byId = await failure(connectNetwork(docker, id, c));
    expect(byId.message).toBe(`Container ${c} is already connected to network ${id.slice(0, 12)}.`);
    await disconnectNetwork(docker, other.name, c);
    expect((await inspectNetwork(docker, other.name)).containers).toEqual([]);
    const not = await failure(disconnectNetwork(docker, other.name, c));
    expect(not.kind).toBe('conflict');
    expect(not.message).toBe(`Container ${c} is not connected to network ${other.name}.`);
  });

  it('refuses to connect a container in network mode none', async () => {
    const { name } = await make();
    const c = uniqueName('none');
    await raw.createContainer({ name: c, Image: FIXTURE_IMAGE, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: 'none' } });
    const e = await failure(connectNetwork(docker, name, c));
    expect(e.message).toBe(`Container ${c} uses network mode none: it cannot be connected to other networks or disconnected.`);
    expect((await inspectNetwork(docker, name)).containers).toEqual([]);
  });

  it('previews unused networks (kept ones apart) and removes exactly the previewed ones', async () => {
    const labels = { case: 'prune' };
    const free = [await make({ labels }), await make({ labels })].map((n) => n.name);
    const usedByStopped = (await make({ labels })).name;
    const usedByRunning = (await make({ labels })).name;
    const kept = (await make({ labels: { ...labels, [KEEP_LABEL]: 'true' } })).name;
    await onNetwork(usedByStopped, false);
    await onNetwork(usedByRunning, true);

    const preview = await unusedNetworks(docker);
    const mine = preview.unused.filter((n) => n.labels['berth-test'] === OWNER && n.labels.case === 'prune').map((n) => n.name);
    expect(mine.sort()).toEqual([...free].sort());
    expect(preview.unused.map((n) => n.name)).not.toEqual(expect.arrayContaining(PREDEFINED_NETWORKS.filter((p) => p !== 'bridge')));
    expect(preview.kept.map((n) => n.name)).toContain(kept);

    const res = await removeNetworks(docker, [...mine, usedByRunning, 'host']);
    expect(res.removed).toEqual(mine);
    expect(res.failed.map((f) => f.name)).toEqual([usedByRunning, 'host']);
    expect(res.failed[1]!.reason).toMatch(/predefined/);
    const left = (await listNetworks(docker)).map((n) => n.name);
    for (const name of free) expect(left).not.toContain(name);
    expect(left).toEqual(expect.arrayContaining([usedByStopped, usedByRunning, kept]));
  });
});
