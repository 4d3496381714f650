import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { KEEP_LABEL } from '../../src/docker/prune-shared.js';
import { createVolume, inspectVolume, listVolumes, removeVolume, removeVolumes, unusedVolumes, volumeSizes } from '../../src/docker/volumes.js';
import { FIXTURE_IMAGE, runFixture } from '../support/fixtures.js';
import { countedClient } from '../support/counted-client.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
// Every object this file creates carries this label, so the clean-up finds them all (other files share the engine).
const OWNER = uniqueName('volumes-test');
const LABELS = { 'berth-test': OWNER };

afterAll(async () => {
  const filters = { label: [`berth-test=${OWNER}`] };
  const containers = await raw.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => raw.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  const volumes = (await raw.listVolumes({ filters })).Volumes ?? [];
  await Promise.all(volumes.map((v) => raw.getVolume(v.Name).remove({ force: true }).catch(() => undefined)));
});

async function container(name: string, volume: string, start: boolean, cmd?: string[]): Promise<void> {
  if (start) {
    await runFixture(raw, name, cmd, { Labels: LABELS, HostConfig: { NetworkMode: 'none', Binds: [`${volume}:/data`] } });
  } else {
    await raw.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: 'none', Binds: [`${volume}:/data`] } });
  }
}

describe('volumes', () => {
  it('creates, lists, inspects and removes a named volume', async () => {
    const name = uniqueName('vol');
    const made = await createVolume(docker, { name, labels: { ...LABELS, tier: 'db' } });
    expect(made).toMatchObject({ name, driver: 'local', scope: 'local', labels: { tier: 'db' }, options: {} });
    expect(made.mountpoint).toContain(name);
    expect(new Date(made.createdAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await listVolumes(docker)).find((v) => v.name === name)).toEqual(made);
    const d = await inspectVolume(docker, name);
    expect(d).toMatchObject({ name, labels: { tier: 'db' }, mountpoint: made.mountpoint });
    await removeVolume(docker, name);
    expect((await listVolumes(docker)).some((v) => v.name === name)).toBe(false);
    const gone = await failure(inspectVolume(docker, name));
    expect(gone.kind).toBe('notFound');
    expect(gone.message).toContain(name);
    expect((await failure(removeVolume(docker, name))).kind).toBe('notFound');
  });

  it('creates an anonymous volume when no name is given', async () => {
    const made = await createVolume(docker, { labels: LABELS });
    expect(made.name).toMatch(/^[0-9a-f]{64}$/);
    await removeVolume(docker, made.name);
  });

  it('refuses invalid names before any call', async () => {
    const { client, calls } = countedClient(testDockerHost());
    for (const bad of ['', 'a', '-lead', '.hidden', 'a/b', 'with space', 'ünï']) {
      const e = await failure(createVolume(client, { name: bad, labels: LABELS }));
      expect(e.kind).toBe('badRequest');
      expect(e.message).toMatch(/is not a valid volume name/);
    }
    expect(calls()).toBe(0);
  });

  it('refuses a name that already exists instead of returning the old volume', async () => {
    const name = uniqueName('dup');
    await createVolume(docker, { name, labels: { ...LABELS, first: 'yes' } });
    const e = await failure(createVolume(docker, { name, labels: { ...LABELS, second: 'yes' } }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toBe(`Volume ${name} already exists.`);
    expect((await inspectVolume(docker, name)).labels).not.toHaveProperty('second');
  });

  it('names the containers that use a volume when it cannot be removed', async () => {
    const vol = uniqueName('busy');
    const running = uniqueName('web');
    const stopped = uniqueName('db');
    await createVolume(docker, { name: vol, labels: LABELS });
    await container(running, vol, true);
    await container(stopped, vol, false);
    const e = await failure(removeVolume(docker, vol));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(new RegExp(`^Volume ${vol} is in use by `));
    expect(e.message).toContain(running);
    expect(e.message).toContain(`${stopped} (stopped)`);
    expect(e.message).not.toContain(`${running} (stopped)`);
    expect(e.statusCode).toBe(409);
    expect((await listVolumes(docker)).some((v) => v.name === vol)).toBe(true);
  });

  it('sizes volumes and counts their containers from disk usage', async () => {
    const vol = uniqueName('sized');
    await createVolume(docker, { name: vol, labels: LABELS });
    await container(uniqueName('writer'), vol, true, ['sh', '-c', 'head -c 100000 /dev/zero > /data/zeros; sleep 600']);
    let usage = (await volumeSizes(docker)).get(vol);
    for (let i = 0; i < 40 && (usage?.size ?? 0) < 100_000; i++) {
      await new Promise((r) => setTimeout(r, 100));
      usage = (await volumeSizes(docker)).get(vol);
    }
    expect(usage?.size).toBeGreaterThanOrEqual(100_000);
    expect(usage?.refCount).toBe(1);
  });

  it('previews unused volumes (kept ones apart) and removes exactly the previewed ones', async () => {
    const free = [uniqueName('free'), uniqueName('free')];
    const used = uniqueName('used');
    const kept = uniqueName('kept');
    const labels = { ...LABELS, case: 'prune' };
    for (const name of free) await createVolume(docker, { name, labels });
    await createVolume(docker, { name: used, labels });
    await createVolume(docker, { name: kept, labels: { ...labels, [KEEP_LABEL]: 'true' } });
    await container(uniqueName('holder'), used, false);

    const preview = await unusedVolumes(docker);
    const mine = preview.unused.filter((v) => v.labels['berth-test'] === OWNER && v.labels.case === 'prune').map((v) => v.name);
    expect(mine.sort()).toEqual([...free].sort());
    expect(preview.unused.find((v) => v.name === free[0])?.size).toBe(0);
    expect(preview.kept.map((v) => v.name)).toContain(kept);
    expect(preview.unused.map((v) => v.name)).not.toContain(kept);

    const res = await removeVolumes(docker, [...mine, used]);
    expect(res.removed).toEqual(mine);
    expect(res.failed).toHaveLength(1);
    expect(res.failed[0]!.name).toBe(used);
    expect(res.failed[0]!.reason).toMatch(/is in use by .*\(stopped\)/);
    const left = (await listVolumes(docker)).map((v) => v.name);
    for (const name of free) expect(left).not.toContain(name);
    expect(left).toEqual(expect.arrayContaining([used, kept]));
  });
});
