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

  // Names built from docker's grammar (an optional registry host with a port, then path
  // components of lowercase letters and digits joined by ".", "_", "__" or dashes), and tags.
  const label = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?$/);
  const host = fc.oneof(
    fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([ls, port]) => `${ls.join('.')}${port ? `:${port}` : ''}`),
    fc.constantFrom('[::1]:5000', '[fe80::1]', 'localhost'),
  );
  const component = fc.stringMatching(/^[a-z0-9]{1,4}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,4}){0,3}$/);
  const validRepo = fc
    .tuple(fc.option(host, { nil: undefined }), fc.array(component, { minLength: 1, maxLength: 4 }))
    .map(([h, parts]) => (h ? `${h}/` : '') + parts.join('/'))
    .filter((r) => r.length <= 255);
  const validTag = fc.stringMatching(/^\w[\w.-]{0,127}$/);
  // Characters docker never allows anywhere in a repository or a tag.
  const hostileChar = fc.constantFrom(' ', '@', '!', '#', '$', '%', '*', '\\', '"', "'", ',', '?', '~', '\n', '\t', '\u0000', '\u001b', 'é', '中', '🐳');
  const insert = (text: string, at: number, ch: string) => text.slice(0, at % (text.length + 1)) + ch + text.slice(at % (text.length + 1));

  it('property: accepts every name and tag built from the grammar', () => {
    fc.assert(
      fc.property(validRepo, validTag, (repo, tag) => {
        expect(referenceProblem(repo, tag)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);

  it('property: refuses a valid name or tag with one character outside the grammar put anywhere, saying why', () => {
    fc.assert(
      fc.property(validRepo, validTag, hostileChar, fc.nat(), fc.boolean(), (repo, tag, ch, at, inRepo) => {
        const problem = inRepo ? referenceProblem(insert(repo, at, ch), tag) : referenceProblem(repo, insert(tag, at, ch));
        expect(problem).toMatch(inRepo ? /repository|lowercase/ : /not a valid tag/);
      }),
      { numRuns: 1000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);

  it('property: refuses an uppercase letter in a path component after the first', () => {
    fc.assert(
      fc.property(validRepo, fc.stringMatching(/^[A-Z][a-z0-9]{0,3}$/), validTag, (repo, upper, tag) => {
        expect(referenceProblem(`${repo}/${upper}`, tag)).toContain('lowercase');
      }),
    );
  });

  it('never lets through a name with characters outside the grammar', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (repo, tag) => {
        const problem = referenceProblem(repo, tag);
        if (problem === undefined) {
          expect(repo).toMatch(/^[a-zA-Z0-9.:_/[\]-]+$/);
          expect(tag).toMatch(/^\w[\w.-]*$/);
        } else {
          expect(problem.length).toBeGreaterThan(10);
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
