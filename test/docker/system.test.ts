import { afterAll, describe, expect, it } from 'vitest';
import { createClient, engineVersion } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { listNetworks } from '../../src/docker/networks.js';
import { diskUsage, engineInfo } from '../../src/docker/system.js';
import { listVolumes } from '../../src/docker/volumes.js';
import { buildWithBuildKit, runFixture } from '../support/fixtures.js';
import { dockerCli, testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { until } from '../support/engine-state.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const cleanup: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
});

describe('engine-wide reads', () => {
  it('reads the engine info and version', async () => {
    const name = uniqueName('info');
    cleanup.push(() => raw.getContainer(name).remove({ force: true }));
    await runFixture(raw, name);
    const info = await engineInfo(docker);
    expect(info.containersRunning).toBeGreaterThanOrEqual(1);
    expect(info.containers).toBe(info.containersRunning + info.containersPaused + info.containersStopped);
    expect(info.cpus).toBeGreaterThan(0);
    expect(info.memTotal).toBeGreaterThan(0);
    expect(info.images).toBeGreaterThanOrEqual(1);
    expect(info.swarm).toBe('inactive');
    expect(info.dockerRootDir).toContain('berth-');
    const v = await engineVersion(docker);
    expect(info.serverVersion).toBe(v.version);
    expect(v.os).toBe('linux');
  });

  it('lists volumes with their labels', async () => {
    const name = uniqueName('vol');
    await raw.createVolume({ Name: name, Labels: { owner: 'berth-test' } });
    cleanup.push(() => raw.getVolume(name).remove());
    const v = (await listVolumes(docker)).find((x) => x.name === name);
    expect(v).toMatchObject({ name, driver: 'local', scope: 'local', labels: { owner: 'berth-test' } });
    expect(v?.mountpoint).toContain(name);
  });

  it('lists networks, including one the test creates (internal, no traffic leaves the namespace)', async () => {
    const name = uniqueName('net');
    const net = await raw.createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: { owner: 'berth-test' }, IPAM: { Config: [{ Subnet: '198.18.7.0/24' }] } });
    cleanup.push(() => net.remove());
    const nets = await listNetworks(docker);
    expect(nets.map((n) => n.name)).toEqual(expect.arrayContaining(['none', 'host', name]));
    expect(nets.find((n) => n.name === name)).toMatchObject({ driver: 'bridge', internal: true, subnets: ['198.18.7.0/24'], labels: { owner: 'berth-test' } });
  });

  it('computes disk usage when asked: images in use, containers, volumes', async () => {
    const name = uniqueName('df');
    const vol = uniqueName('dfvol');
    cleanup.push(() => raw.getContainer(name).remove({ force: true, v: true }));
    cleanup.push(() => raw.getVolume(vol).remove());
    await raw.createVolume({ Name: vol });
    await runFixture(raw, name, ['sh', '-c', 'head -c 100000 /dev/zero > /data/zeros; head -c 50000 /dev/zero > /scratch; sleep 600'], {
      HostConfig: { NetworkMode: 'none', Binds: [`${vol}:/data`] },
    });
    await new Promise((r) => setTimeout(r, 300));
    const df = await diskUsage(docker);
    expect(df.images.count).toBeGreaterThanOrEqual(1);
    expect(df.images.active).toBeGreaterThanOrEqual(1);
    expect(df.images.size).toBeGreaterThan(1_000_000);
    expect(df.images.reclaimable).toBeLessThanOrEqual(df.images.size);
    expect(df.containers.active).toBeGreaterThanOrEqual(1);
    expect(df.containers.size).toBeGreaterThanOrEqual(50_000);
    expect(df.volumes.active).toBeGreaterThanOrEqual(1);
    expect(df.volumes.size).toBeGreaterThanOrEqual(100_000);
  });

  it('counts the build cache that a BuildKit build leaves, as `docker system df` does', async () => {
    // The classic builder keeps no build cache records; BuildKit (asked for through the API)
    // keeps one per step, holding the copied bytes.
    const tag = `${uniqueName('berth-buildkit')}:1`;
    cleanup.push(() => raw.getImage(tag).remove({ force: true }));
    await buildWithBuildKit(raw, tag, 'FROM scratch\nCOPY payload /payload\n', { payload: `${tag}\n${'z'.repeat(20_000)}` });
    // BuildKit lets go of its records a moment after the build answered: wait until none is
    // in use, so berth and the CLI below read the same state.
    await until('the build cache is released', async () => {
      const cache = ((await raw.df()) as { BuildCache?: { InUse?: boolean }[] | null }).BuildCache ?? [];
      return cache.length > 0 && cache.every((c) => !c.InUse);
    });
    const df = await diskUsage(docker);
    expect(df.buildCache.count).toBeGreaterThanOrEqual(1);
    expect(df.buildCache.size).toBeGreaterThanOrEqual(20_000);
    expect(df.buildCache.reclaimable).toBeGreaterThan(0);
    expect(df.buildCache.reclaimable).toBeLessThanOrEqual(df.buildCache.size);
    // Only this test builds with BuildKit, so the CLI sees the same records.
    const cli = (await dockerCli(['system', 'df', '--format', '{{json .}}'])).split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    const row = cli.find((r) => r.Type === 'Build Cache');
    expect(row).toBeDefined();
    expect(Number(row!.TotalCount)).toBe(df.buildCache.count);
    expect(Number(row!.Active)).toBe(df.buildCache.active);
  });
});
