import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { inspectContainer } from '../../src/docker/container-inspect.js';
import {
  killContainer,
  listContainers,
  pauseContainer,
  removeContainer,
  renameContainer,
  restartContainer,
  startContainer,
  stopContainer,
  topContainer,
  unpauseContainer,
} from '../../src/docker/containers.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { FIXTURE_IMAGE, runFixture } from '../support/fixtures.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const created: string[] = [];
// Exits on TERM within a tenth of a second, so stops and restarts stay quick.
const QUICK = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];

afterAll(async () => {
  await Promise.all(created.map((n) => raw.getContainer(n).remove({ force: true, v: true }).catch(() => undefined)));
});

function named(prefix: string): string {
  const n = uniqueName(prefix);
  created.push(n);
  return n;
}


async function until(check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('container reads', () => {
  it('inspects a running container: config, mounts, labels, times', async () => {
    const name = named('inspect');
    await runFixture(raw, name, undefined, {
      Env: ['GREETING=hello'],
      Labels: { tier: 'web' },
      Tty: true,
      HostConfig: { NetworkMode: 'none', Binds: ['/tmp:/host-tmp:ro'] },
    });
    const d = await inspectContainer(docker, name);
    expect(d).toMatchObject({ name, image: FIXTURE_IMAGE, state: 'running', exitCode: 0, tty: true, networkMode: 'none', restartCount: 0, oomKilled: false });
    expect(d.id).toMatch(/^[0-9a-f]{64}$/);
    expect(d.imageId).toMatch(/^sha256:/);
    expect(d.env).toContain('GREETING=hello');
    expect(d.cmd[0]).toBe('sh');
    expect(d.labels.tier).toBe('web');
    expect(d.mounts).toContainEqual({ type: 'bind', source: '/tmp', destination: '/host-tmp', readOnly: true, mode: 'ro', propagation: 'rslave' });
    expect(new Date(d.startedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(d.finishedAt).toBeUndefined();
    expect(d.pid).toBeGreaterThan(0);
    expect(d.health).toBeUndefined();
  });

  it('leaves startedAt undefined for a container that never started', async () => {
    const name = named('never');
    await raw.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    const d = await inspectContainer(docker, name);
    expect(d.state).toBe('created');
    expect(d.startedAt).toBeUndefined();
    expect(d.tty).toBe(false);
  });

  it('reports health from inspect and from the list', async () => {
    const name = named('health');
    await runFixture(raw, name, undefined, {
      Healthcheck: { Test: ['CMD', 'true'], Interval: 100_000_000, Timeout: 1_000_000_000, Retries: 1 },
    });
    await until(async () => (await inspectContainer(docker, name)).health === 'healthy');
    await until(async () => (await listContainers(docker)).find((c) => c.name === name)?.health === 'healthy');
  });

  it('lists the processes of a running container, and refuses a stopped one', async () => {
    const name = named('top');
    await runFixture(raw, name);
    const top = await topContainer(docker, name);
    expect(top.titles).toContain('PID');
    const cmd = top.titles.indexOf('CMD');
    expect(top.processes.some((p) => p[cmd]!.includes('while true'))).toBe(true);
    const aux = await topContainer(docker, name, { psArgs: 'aux' });
    expect(aux.titles).toContain('%CPU');
    await stopContainer(docker, name, { timeoutSec: 0 });
    const err = await failure(topContainer(docker, name));
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/is not running/);
  });
});

describe('container actions', () => {
  it('stops, says a stopped container is already stopped, starts, and says a running one is already running', async () => {
    const name = named('stopstart');
    await runFixture(raw, name, QUICK);
    await stopContainer(docker, name, { timeoutSec: 2 });
    expect((await inspectContainer(docker, name)).state).toBe('exited');
    const again = await failure(stopContainer(docker, name, { timeoutSec: 1 }));
    expect(again.kind).toBe('notModified');
    expect(again.statusCode).toBe(304);
    expect(again.message).toBe(`Container ${name} is already stopped.`);
    await startContainer(docker, name);
    expect((await inspectContainer(docker, name)).state).toBe('running');
    const running = await failure(startContainer(docker, name));
    expect(running.kind).toBe('notModified');
    expect(running.message).toBe(`Container ${name} is already running.`);
  });

  it('restarts a running container (a new start time)', async () => {
    const name = named('restart');
    await runFixture(raw, name, QUICK);
    const before = (await inspectContainer(docker, name)).startedAt!;
    await restartContainer(docker, name, { timeoutSec: 1 });
    const after = await inspectContainer(docker, name);
    expect(after.state).toBe('running');
    expect(after.startedAt! > before).toBe(true);
  });

  it('pauses and unpauses; unpausing a running container is a conflict, not a server error', async () => {
    const name = named('pause');
    await runFixture(raw, name);
    await pauseContainer(docker, name);
    expect((await inspectContainer(docker, name)).state).toBe('paused');
    const twice = await failure(pauseContainer(docker, name));
    expect(twice.kind).toBe('conflict');
    expect(twice.message).toMatch(/already paused/);
    await unpauseContainer(docker, name);
    expect((await inspectContainer(docker, name)).state).toBe('running');
    const err = await failure(unpauseContainer(docker, name));
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/is not paused/);
  });

  it('kills with SIGKILL by default and with a chosen signal', async () => {
    const a = named('kill');
    await runFixture(raw, a);
    await killContainer(docker, a);
    await until(async () => (await inspectContainer(docker, a)).state === 'exited');
    expect((await inspectContainer(docker, a)).exitCode).toBe(137);
    const stopped = await failure(killContainer(docker, a));
    expect(stopped.kind).toBe('conflict');
    expect(stopped.message).toMatch(/is not running/);

    // A shell as PID 1 ignores signals it has no trap for: HUP exits only through the trap.
    const b = named('killhup');
    await runFixture(raw, b, ['sh', '-c', 'trap "exit 3" HUP; while true; do sleep 0.1; done']);
    await killContainer(docker, b, 'SIGHUP');
    await until(async () => (await inspectContainer(docker, b)).state === 'exited');
    expect((await inspectContainer(docker, b)).exitCode).toBe(3);
  });

  it('refuses a malformed signal before calling the engine, and passes an unknown one to the engine', async () => {
    const name = named('badsig');
    await runFixture(raw, name);
    const local = await failure(killContainer(docker, name, 'SIG KILL; rm'));
    expect(local.kind).toBe('badRequest');
    expect(local.statusCode).toBeUndefined();
    const engine = await failure(killContainer(docker, name, 'SIGNOPE'));
    expect(engine.kind).toBe('badRequest');
    expect(engine.statusCode).toBe(400);
    expect((await inspectContainer(docker, name)).state).toBe('running');
  });

  it('refuses to remove a running container without force, then removes it and its anonymous volume with force', async () => {
    const name = named('rm');
    await runFixture(raw, name, undefined, { Volumes: { '/data': {} } });
    const volume = (await inspectContainer(docker, name)).mounts.find((m) => m.destination === '/data')!.name!;
    expect(volume).toBeTruthy();
    const err = await failure(removeContainer(docker, name));
    expect(err.kind).toBe('conflict');
    expect(err.statusCode).toBe(409);
    expect(err.message).toContain(`Container ${name}`);
    expect(err.message).toMatch(/running container/);
    await removeContainer(docker, name, { force: true, volumes: true });
    const gone = await failure(inspectContainer(docker, name));
    expect(gone.kind).toBe('notFound');
    const volumes = (await raw.listVolumes()).Volumes ?? [];
    expect(volumes.map((v) => v.Name)).not.toContain(volume);
  });

  it('keeps anonymous volumes unless asked to remove them', async () => {
    const name = named('rmkeep');
    await raw.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['true'], Volumes: { '/data': {} }, HostConfig: { NetworkMode: 'none' } });
    const volume = (await inspectContainer(docker, name)).mounts.find((m) => m.destination === '/data')!.name!;
    await removeContainer(docker, name);
    const volumes = (await raw.listVolumes()).Volumes ?? [];
    expect(volumes.map((v) => v.Name)).toContain(volume);
    await raw.getVolume(volume).remove();
  });

  it('renames; a taken name is a conflict and an invalid one is refused before the call', async () => {
    const a = named('rename-a');
    const b = named('rename-b');
    const target = named('renamed');
    await runFixture(raw, a);
    await runFixture(raw, b);
    await renameContainer(docker, a, target);
    expect((await inspectContainer(docker, target)).name).toBe(target);
    const taken = await failure(renameContainer(docker, b, target));
    expect(taken.kind).toBe('conflict');
    expect(taken.message).toContain(target);
    const invalid = await failure(renameContainer(docker, b, 'bad name!'));
    expect(invalid.kind).toBe('badRequest');
    expect(invalid.statusCode).toBeUndefined();
    expect(invalid.message).toContain('"bad name!" is not a valid container name');
  });

  it('names a missing container in every action', async () => {
    const ghost = uniqueName('ghost');
    const calls: [string, () => Promise<unknown>][] = [
      ['inspect', () => inspectContainer(docker, ghost)],
      ['top', () => topContainer(docker, ghost)],
      ['start', () => startContainer(docker, ghost)],
      ['stop', () => stopContainer(docker, ghost)],
      ['restart', () => restartContainer(docker, ghost)],
      ['pause', () => pauseContainer(docker, ghost)],
      ['unpause', () => unpauseContainer(docker, ghost)],
      ['kill', () => killContainer(docker, ghost)],
      ['remove', () => removeContainer(docker, ghost, { force: true })],
      ['rename', () => renameContainer(docker, ghost, uniqueName('x'))],
    ];
    for (const [what, run] of calls) {
      const err = await failure(run());
      expect({ what, kind: err.kind }).toEqual({ what, kind: 'notFound' });
      expect(err.message).toContain(ghost);
    }
  });
});
