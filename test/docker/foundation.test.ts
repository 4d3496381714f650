import { afterAll, describe, expect, it } from 'vitest';
import { createClient, engineVersion, ping } from '../../src/docker/client.js';
import { listContainers } from '../../src/docker/containers.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { DockerError } from '../../src/docker/errors.js';
import { watchEvents, type DockerEvent } from '../../src/docker/events.js';
import { runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((n) => raw.getContainer(n).remove({ force: true }).catch(() => undefined)));
});

describe('the docker layer against the private engine', () => {
  it('pings and reads the engine version', async () => {
    await ping(docker);
    const v = await engineVersion(docker);
    expect(v.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('lists containers as summaries, stopped ones included', async () => {
    const name = uniqueName('list');
    created.push(name);
    const c = await runFixture(raw, name, undefined, { Labels: { 'com.docker.compose.project': 'shop' } });
    await c.stop({ t: 1 });
    const found = (await listContainers(docker)).find((s) => s.name === name);
    expect(found).toMatchObject({ name, state: 'exited', image: 'berth-fixture:latest' });
    expect(found?.labels['com.docker.compose.project']).toBe('shop');
    expect(found?.status).toMatch(/^Exited \(\d+\)/);
  });

  it('streams events for a start and a stop, and stops streaming when asked', async () => {
    const name = uniqueName('events');
    created.push(name);
    const seen: DockerEvent[] = [];
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const sub = watchEvents(docker, { onEvent: (e) => seen.push(e), onOpen: () => opened(), onEnd: () => undefined });
    await open;
    const c = await runFixture(raw, name);
    await c.stop({ t: 1 });
    const until = Date.now() + 5000;
    while (!seen.some((e) => e.action === 'die' && e.attributes.name === name) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    sub.stop();
    const actions = seen.filter((e) => e.attributes.name === name).map((e) => e.action);
    expect(actions).toContain('start');
    expect(actions).toContain('die');
    const count = seen.length;
    await raw.getContainer(name).start();
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBe(count);
  });

  it("replays one container's history from a time, then follows it live, only the events asked for", async () => {
    const name = uniqueName('history');
    created.push(name);
    const other = uniqueName('other');
    created.push(other);
    const c = await runFixture(raw, name);
    await runFixture(raw, other);
    const id = (await c.inspect()).Id;
    const createdSec = Math.floor(Date.parse((await c.inspect()).Created) / 1000);
    await c.kill({ signal: 'SIGUSR1' });
    const seen: DockerEvent[] = [];
    const sub = watchEvents(docker, { onEvent: (e) => seen.push(e), onEnd: () => undefined }, { sinceSec: createdSec, filters: { container: [id], event: ['start', 'kill', 'die'] } });
    const wait = async (ok: () => boolean) => {
      const until = Date.now() + 5000;
      while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    };
    // The start and the kill happened before the stream opened: they come from the history.
    await wait(() => seen.some((e) => e.action === 'kill'));
    expect(seen.map((e) => [e.action, e.attributes.signal])).toEqual([
      ['start', undefined],
      ['kill', '10'],
    ]);
    await c.stop({ t: 1 });
    await wait(() => seen.some((e) => e.action === 'die'));
    sub.stop();
    // Live now; the stop's own "stop" event was not asked for, and nothing of the other container came.
    expect(seen.map((e) => e.action)).toEqual(['start', 'kill', 'kill', 'die']);
    expect(seen.every((e) => e.id === id)).toBe(true);
  });

  it('reports a missing socket as unreachable, in words', async () => {
    const dead = createClient(parseHostUrl('unix:///nonexistent/docker.sock', 'flag'));
    const err = await ping(dead).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).kind).toBe('unreachable');
    expect((err as DockerError).message).toContain('socket does not exist');
  });

  it('ends the events stream with an error when the daemon is unreachable', async () => {
    const dead = createClient(parseHostUrl('unix:///nonexistent/docker.sock', 'flag'));
    const err = await new Promise<DockerError | undefined>((resolve) => watchEvents(dead, { onEvent: () => undefined, onEnd: resolve }));
    expect(err?.kind).toBe('unreachable');
  });
});
