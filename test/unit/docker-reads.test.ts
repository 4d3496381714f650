// The src/docker conversions from Engine API JSON to berth's types, on responses recorded
// from the test engine (dockerd 20.10, API 1.41).
import type Docker from 'dockerode';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toContainerDetails } from '../../src/docker/container-inspect.js';
import { countByImage, referenceProblem, toImageDetails, toImageSummary } from '../../src/docker/images.js';
import { splitReference } from '../../src/docker/reference.js';
import { toDiskUsage, toEngineInfo } from '../../src/docker/system.js';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

describe('container details from inspect', () => {
  it('reads a running container with a health check, a restart policy, a TTY and two mounts', () => {
    const d = toContainerDetails(fixture<Docker.ContainerInspectInfo>('container-inspect-running.json'));
    expect(d).toMatchObject({ name: 'rec-web', image: 'berth-rec:1', state: 'running', health: 'healthy', tty: true, restartPolicy: 'unless-stopped', networkMode: 'none' });
    expect(d.env).toContain('MODE=rec');
    expect(d.labels['com.docker.compose.project']).toBe('shop');
    expect(d.mounts.map((m) => [m.type, m.destination, m.readOnly])).toEqual([
      ['bind', '/host-tmp', true],
      ['volume', '/data', false],
    ]);
    expect(d.finishedAt).toBeUndefined();
    expect(d.networks).toEqual([{ name: 'none' }]);
    // With network none the engine lists no ports, even exposed ones.
    expect(d.ports).toEqual([]);
    expect(d.exposedPorts).toEqual(['8080/tcp']);
  });

  it('reads what the detail view shows: the healthcheck and its probes, the command, limits', () => {
    const d = toContainerDetails(fixture<Docker.ContainerInspectInfo>('container-inspect-running.json'));
    expect(d.healthcheck).toEqual({ test: ['CMD', 'true'], intervalNs: 100_000_000, retries: 1 });
    expect(d.healthLog).toHaveLength(5);
    expect(d.healthLog[0]).toEqual({ start: '2026-11-28T09:19:58.336636641Z', end: '2026-11-28T09:19:58.395663576Z', exitCode: 0, output: '' });
    expect(d.failingStreak).toBe(0);
    expect(d.path).toBe('sh');
    expect(d.args).toEqual(['-c', 'trap "exit 0" TERM; while true; do sleep 1; done']);
    expect(d.memoryLimit).toBe(0);
    expect(d.restartMaxRetries).toBe(0);
    expect(d.mounts[0]).toMatchObject({ mode: 'ro', propagation: 'rslave' });
    expect(d.mounts[1]).toMatchObject({ driver: 'local' });
  });

  it('reads an exited container: exit code, finish time, no pid', () => {
    const d = toContainerDetails(fixture<Docker.ContainerInspectInfo>('container-inspect-exited.json'));
    expect(d).toMatchObject({ name: 'rec-done', state: 'exited', exitCode: 3, tty: false });
    expect(d.pid).toBeUndefined();
    expect(Date.parse(d.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(d.startedAt!));
    expect(d.health).toBeUndefined();
  });
});

describe('image summaries', () => {
  const raw = fixture<Docker.ImageInfo[]>('images-list.json');

  it('splits the first tag, marks the <none>:<none> image as dangling, and counts containers the engine leaves at -1', () => {
    expect(raw.every((i) => i.Containers === -1)).toBe(true);
    const inUse = new Map([[raw[0]!.Id, 2]]);
    const [tagged, dangling, fixtureImage] = raw.map((i) => toImageSummary(i, inUse));
    expect(tagged).toMatchObject({ repository: 'berth-rec', tag: '1', repoTags: ['berth-rec:1', 'localhost:5000/team/rec:v2'], containers: 2, dangling: false });
    expect(tagged!.shortId).toHaveLength(12);
    expect(dangling).toMatchObject({ repository: '<none>', tag: '<none>', repoTags: [], dangling: true, containers: 0 });
    expect(fixtureImage).toMatchObject({ repository: 'berth-fixture', tag: 'latest' });
  });

  it('counts containers by image id', () => {
    const counts = countByImage([{ imageId: 'a' }, { imageId: 'b' }, { imageId: 'a' }] as never);
    expect([...counts]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('reads image inspect', () => {
    const i = toImageDetails(fixture<Docker.ImageInspectInfo>('image-inspect.json'));
    expect(i).toMatchObject({ repoTags: ['berth-rec:1', 'localhost:5000/team/rec:v2'], cmd: ['sh'], os: 'linux', labels: { role: 'rec2' } });
    expect(i.layers).toBeGreaterThanOrEqual(2);
  });

  it('splits references with registry ports and digests', () => {
    expect(splitReference('host:5000/team/app:1.2')).toEqual({ name: 'host:5000/team/app', tag: '1.2' });
    expect(splitReference('host:5000/team/app')).toEqual({ name: 'host:5000/team/app' });
    expect(splitReference('app@sha256:abc')).toEqual({ name: 'app', digest: 'sha256:abc' });
    expect(splitReference('app:1@sha256:abc')).toEqual({ name: 'app', tag: '1', digest: 'sha256:abc' });
    expect(splitReference('app:')).toEqual({ name: 'app', tag: '' });
  });
});

describe('image references', () => {
  it('accepts what docker accepts', () => {
    for (const [repo, tag] of [
      ['app', 'latest'],
      ['localhost:5000/team/app', 'v1.2-rc_3'],
      ['registry.example.com/a/b/c', '1'],
      ['a__b', 'x'],
      ['a--b', 'X'],
      ['[::1]:5000/app', 'x'],
    ]) {
      expect(referenceProblem(repo!, tag!)).toBeUndefined();
    }
  });

  it('refuses what docker refuses, saying why', () => {
    expect(referenceProblem('App', 'x')).toContain('lowercase');
    expect(referenceProblem('a/B', 'x')).toContain('lowercase');
    expect(referenceProblem('a_', 'x')).toContain('not a valid repository name');
    expect(referenceProblem('a', '.x')).toContain('not a valid tag');
    expect(referenceProblem('a', '')).toContain('not a valid tag');
    expect(referenceProblem('a'.repeat(256), 'x')).toContain('255');
  });

  it('never lets through a name with characters outside the grammar', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (repo, tag) => {
        if (referenceProblem(repo, tag) === undefined) {
          expect(repo).toMatch(/^[a-zA-Z0-9.:_/[\]-]+$/);
          expect(tag).toMatch(/^\w[\w.-]*$/);
        }
      }),
    );
  });
});

describe('engine info and disk usage', () => {
  it('reads the info', () => {
    const info = toEngineInfo(fixture('engine-info.json'));
    expect(info).toMatchObject({ serverVersion: '20.10.24+dfsg1', storageDriver: 'overlay2', swarm: 'inactive', containers: 2, containersRunning: 1 });
    expect(info.cpus).toBeGreaterThan(0);
  });

  it('sums disk usage the way docker system df does', () => {
    const df = toDiskUsage(fixture('system-df.json'));
    // Three images over one set of layers: the layers' size, counted once.
    expect(df.images).toEqual({ count: 3, active: 2, size: 1985472, reclaimable: 1985472 });
    expect(df.containers).toMatchObject({ count: 2, active: 1 });
    expect(df.volumes).toEqual({ count: 1, active: 1, size: 0, reclaimable: 0 });
    expect(df.buildCache).toEqual({ count: 0, active: 0, size: 0, reclaimable: 0 });
  });
});
