// Podman as a second engine: finding its socket when Docker has none, and telling it apart by
// its /version answer (recorded from Podman 4.3 and dockerd 20.10 on this machine's kind).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildStepIn, failedBuildSentence, type BuildStep } from '../../src/docker/build-step.js';
import { toEngineVersion } from '../../src/docker/client.js';
import { toTop } from '../../src/docker/containers.js';
import { imageNames, namesTagsAlone, toDiskUsageDetail } from '../../src/docker/disk-usage.js';
import { toDiskUsage } from '../../src/docker/system.js';
import { DEFAULT_SOCKET, resolveEndpoint } from '../../src/docker/endpoint.js';
import { DockerError, toDockerError } from '../../src/docker/errors.js';
import { explainTransferError } from '../../src/docker/pull.js';
import { parseReference } from '../../src/docker/reference.js';
import { parseProgressLine } from '../../src/docker/progress.js';
import { processLines } from '../../src/render/detail/processes.js';
import { statusCells } from '../../src/render/status.js';
import { newJob, reduceJob } from '../../src/state/jobs.js';

const recorded = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/version-${name}.json`, import.meta.url), 'utf8')) as Parameters<typeof toEngineVersion>[0];
const only = (...present: string[]) => (path: string) => present.includes(path);
const noConfig = { DOCKER_CONFIG: '/nonexistent/berth-test-config' };

describe('which engine answers', () => {
  it("says Podman from its components, and Docker otherwise", () => {
    expect(toEngineVersion(recorded('podman'))).toMatchObject({ engine: 'podman', version: '4.3.1', label: 'podman 4.3.1', apiVersion: '1.41' });
    const docker = toEngineVersion(recorded('docker'));
    expect(docker.engine).toBe('docker');
    // Docker is the default: its label is the version alone, shown as before ("engine 20.10.24").
    expect(docker.label).toBe(docker.version);
  });

  it('names Podman in the status bar before the endpoint URL, so a long URL never hides it; Docker as before', () => {
    const base = { endpointUrl: 'unix:///run/podman/podman.sock', endpointSource: 'default', connection: 'connected', running: 1, total: 2, images: 3 } as const;
    const texts = statusCells({ ...base, engineVersion: 'podman 4.3.1' }).map((c) => c.text);
    expect(texts.indexOf('podman 4.3.1')).toBeGreaterThan(-1);
    expect(texts.indexOf('podman 4.3.1')).toBeLessThan(texts.indexOf('unix:///run/podman/podman.sock'));
    expect(texts.at(-1)).toBe('(default)');
    expect(statusCells({ ...base, engineVersion: '20.10.24' }).map((c) => c.text).slice(-2)).toEqual(['unix:///run/podman/podman.sock', '(default, engine 20.10.24)']);
  });
});

describe("Podman's socket when nothing names an endpoint", () => {
  it("takes Docker's socket when there is one, even with Podman's there too", () => {
    const ep = resolveEndpoint({ env: noConfig, isSocket: only(DEFAULT_SOCKET, '/run/podman/podman.sock') });
    expect(ep).toMatchObject({ source: 'default', socketPath: DEFAULT_SOCKET });
  });

  it("takes Podman's system socket, then the user's rootless one, when Docker has none", () => {
    expect(resolveEndpoint({ env: { ...noConfig, XDG_RUNTIME_DIR: '/run/user/1000' }, isSocket: only('/run/podman/podman.sock', '/run/user/1000/podman/podman.sock') })).toMatchObject({
      source: 'default',
      socketPath: '/run/podman/podman.sock',
      url: 'unix:///run/podman/podman.sock',
    });
    expect(resolveEndpoint({ env: { ...noConfig, XDG_RUNTIME_DIR: '/run/user/1000' }, isSocket: only('/run/user/1000/podman/podman.sock') })).toMatchObject({
      socketPath: '/run/user/1000/podman/podman.sock',
    });
    // The default context means the same place.
    expect(resolveEndpoint({ context: 'default', env: noConfig, isSocket: only('/run/podman/podman.sock') })).toMatchObject({ context: 'default', socketPath: '/run/podman/podman.sock' });
  });

  it("names Docker's socket when neither is there, so the error says the usual place", () => {
    expect(resolveEndpoint({ env: { ...noConfig, XDG_RUNTIME_DIR: '/run/user/1000' }, isSocket: only() })).toMatchObject({ socketPath: DEFAULT_SOCKET });
  });

  it('never looks for Podman when something names the endpoint', () => {
    expect(resolveEndpoint({ env: { ...noConfig, DOCKER_HOST: 'unix:///elsewhere.sock' }, isSocket: only('/run/podman/podman.sock') })).toMatchObject({ socketPath: '/elsewhere.sock' });
  });
});

describe("a registry Podman will not speak plain HTTP to", () => {
  it('says the registry is plain HTTP and how to allow it', () => {
    // Recorded from Podman 4.3 pulling from a plain-HTTP server on 127.0.0.1.
    const engine = 'initializing source docker://127.0.0.1:5999/app:1: pinging container registry 127.0.0.1:5999: Get "https://127.0.0.1:5999/v2/": tls: first record does not look like a TLS handshake';
    const err = new DockerError('server', engine, { statusCode: 500, engineMessage: engine });
    const e = explainTransferError(err, 'pull', parseReference('127.0.0.1:5999/app:1'), '127.0.0.1:5999/app:1');
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain('Cannot pull 127.0.0.1:5999/app:1: the registry 127.0.0.1:5999 speaks plain HTTP');
    expect(e.message).toContain('location = "127.0.0.1:5999" and insecure = true in registries.conf');
  });
});

describe("Podman's disk usage answer", () => {
  const df = JSON.parse(readFileSync(new URL('./fixtures/system-df-podman.json', import.meta.url), 'utf8')) as Parameters<typeof toDiskUsageDetail>[0];
  const list = JSON.parse(readFileSync(new URL('./fixtures/images-list-podman.json', import.meta.url), 'utf8')) as Parameters<typeof imageNames>[0];

  it('names images by tag alone, so berth takes their full names from the image list', () => {
    expect(namesTagsAlone(df)).toBe(true);
    const detail = toDiskUsageDetail(df, imageNames(list));
    const fixture = detail.images.find((i) => i.containers > 0)!;
    expect(fixture.tags).toEqual(['docker.io/library/berth-fixture:latest']);
    // Untagged ones stay without a name, never "<none>".
    expect(detail.images.filter((i) => i.tags.length === 0).length).toBeGreaterThan(0);
    expect(detail.images.flatMap((i) => i.tags)).not.toContain('<none>');
  });

  it('answers 0 for the layers, so the images add up their own sizes instead', () => {
    expect(df.LayersSize).toBe(0);
    expect(toDiskUsage(df).images.size).toBe((df.Images ?? []).reduce((n, i) => n + i.Size, 0));
  });
});

describe("Podman's build output", () => {
  // Recorded from Podman 4.3 building FROM the fixture, RUN echo step-two, RUN ... exit 3.
  const parsed = readFileSync(new URL('./fixtures/build-failed-podman.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .map(parseProgressLine);
  const events = parsed.flatMap((p) => (p && 'event' in p ? [p.event] : []));
  const failure = parsed.flatMap((p) => (p && 'failure' in p ? [p.failure] : []))[0]!;

  it('reads its "STEP n/m:" headings as steps, like Docker\'s "Step n/m :"', () => {
    expect(buildStepIn('STEP 3/4: RUN echo about to fail && exit 3\n')).toEqual({ index: 3, count: 4, instruction: 'RUN echo about to fail && exit 3' });
    expect(buildStepIn('Step 3/4 : RUN make')).toEqual({ index: 3, count: 4, instruction: 'RUN make' });
    expect(buildStepIn('--> b4bcbe1f69b\n')).toBeUndefined();
    let job = newJob(1, 'build', 'build app:1', 0);
    for (const e of events) if (e.stream !== undefined) job = reduceJob(job, { type: 'output', text: e.stream });
    expect(job.step).toBe('STEP 3/4: RUN echo about to fail && exit 3');
  });

  it('names the failed step once, in the words berth uses for Docker', () => {
    let step: BuildStep | undefined;
    for (const e of events) if (e.stream !== undefined) step = buildStepIn(e.stream) ?? step;
    expect(failedBuildSentence('Build of app:1', step, failure.message)).toBe('Build of app:1 failed at step 3/4 (RUN echo about to fail && exit 3): the command returned a non-zero code: 3.');
    // Without a step seen, the engine's sentence stays whole.
    expect(failedBuildSentence('The build', undefined, failure.message)).toBe('The build failed: building at STEP "RUN echo about to fail && exit 3": while running runtime: exit status 3.');
  });
});

describe("Podman's docker top answer", () => {
  it('splits the lines of ps it sends whole into columns, the command keeping its spaces', () => {
    const raw = JSON.parse(readFileSync(new URL('./fixtures/container-top-podman.json', import.meta.url), 'utf8')) as Parameters<typeof toTop>[0];
    const top = toTop(raw);
    expect(top.titles).toEqual(['PID', 'USER', 'COMMAND']);
    expect(top.processes).toEqual([
      ['1', '0', 'sh -c while true; do sleep 1; done'],
      ['6', '0', 'sleep 1'],
    ]);
    expect(processLines(top).slice(2)).toEqual(['PID  USER  COMMAND', '1    0     sh -c while true; do sleep 1; done', '6    0     sleep 1']);
    // Docker's answer, already in columns, is left alone.
    const docker = { Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '1', 'sh -c  x']] };
    expect(toTop(docker)).toEqual({ titles: docker.Titles, processes: docker.Processes });
  });
});

describe("Podman's refusals for a container's state", () => {
  // Recorded from Podman 4.3: HTTP 500 with "...: container state improper" (Docker: 409, or 304).
  const recorded = JSON.parse(readFileSync(new URL('./fixtures/podman-errors.json', import.meta.url), 'utf8')) as { op: string; statusCode: number; reason: string; json: { message: string } }[];
  const thrown = (op: string) => {
    const r = recorded.find((x) => x.op === op)!;
    return Object.assign(new Error(`(HTTP code ${r.statusCode}) ${r.reason} - ${r.json.message} `), { statusCode: r.statusCode, reason: r.reason, json: r.json });
  };

  it.each([
    ['pause exited container', 'Container web is not running.'],
    ['pause paused container', 'Container web is already paused.'],
    ['unpause running container', 'Container web is not paused.'],
    ['kill exited container', 'Container web is not running.'],
    ['remove running container', 'Container web is running: stop it before removing it, or remove it with force.'],
    ['exec in exited container', 'Container web is not running.'],
  ])('%s: a conflict, said as Docker says it', (op, sentence) => {
    const e = toDockerError(thrown(op), 'Container web');
    expect([e.kind, e.message]).toEqual(['conflict', sentence]);
    // The engine's own words stay for the log.
    expect(e.engineMessage).toMatch(/container state improper$/);
  });

  it('keeps the words of another state rule, without the full ids', () => {
    const engine = `"${'ab'.repeat(32)}" is in a bad mood: container state improper`;
    const e = toDockerError({ statusCode: 500, json: { message: engine } }, 'Container web');
    expect([e.kind, e.message]).toEqual(['conflict', 'Container web: It is in a bad mood (not in this state).']);
    // Docker's 500s are left alone.
    expect(toDockerError({ statusCode: 500, json: { message: 'driver failed' } }, 'Container web').kind).toBe('server');
  });
});
