// runContainer against the private engine: created and started with what the spec says,
// and a bad spec refused before any call.
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { DockerError } from '../../src/docker/errors.js';
import { runContainer } from '../../src/docker/run.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { FIXTURE_IMAGE } from '../support/fixtures.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const names: string[] = [];

afterAll(async () => {
  for (const n of names) await raw.getContainer(n).remove({ force: true }).catch(() => undefined);
});

describe('runContainer', () => {
  it('creates and starts a container with the command, env, mounts and restart policy asked for', async () => {
    const name = uniqueName('run');
    names.push(name);
    const r = await runContainer(docker, {
      image: FIXTURE_IMAGE,
      name,
      cmd: ['sh', '-c', 'echo "$GREETING" > /scratch/out; sleep 30'],
      env: ['GREETING=hello, world'],
      volumes: ['/scratch', `${name}-vol:/data:ro`],
      restart: 'on-failure:2',
      network: 'none',
      labels: { 'berth.test': name },
    });
    names.push(r.id);
    expect(r.name).toBe(name);
    const info = await raw.getContainer(name).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Config.Env).toContain('GREETING=hello, world');
    expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
    expect(info.Mounts.map((m) => [m.Destination, m.RW]).sort()).toEqual([
      ['/data', false],
      ['/scratch', true],
    ]);
    await raw.getContainer(name).remove({ force: true, v: true });
    await raw.getVolume(`${name}-vol`).remove().catch(() => undefined);
  });

  it('refuses a bad port before any call: nothing is created', async () => {
    const name = uniqueName('run-bad');
    const err = await runContainer(docker, { image: FIXTURE_IMAGE, name, ports: ['80:99999'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(/container port must be a number from 1 to 65535/);
    expect(await raw.listContainers({ all: true, filters: { name: [name] } })).toHaveLength(0);
  });

  it('says when the image does not exist', async () => {
    const err = await runContainer(docker, { image: 'berth-no-such-image:1', name: uniqueName('run-missing'), network: 'none' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).kind).toBe('notFound');
  });

  it('a container that cannot start stays created, and the error says so', async () => {
    const name = uniqueName('run-nostart');
    names.push(name);
    const err = await runContainer(docker, { image: FIXTURE_IMAGE, name, cmd: ['/no/such/binary'], network: 'none' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(new RegExp(`^Created ${name} but it did not start: .*no such file`, 'i'));
    expect((await raw.getContainer(name).inspect()).State.Status).toBe('created');
  });

  it('runs with the engine default network when none is given', async () => {
    const name = uniqueName('run-default');
    names.push(name);
    const r = await runContainer(docker, { image: FIXTURE_IMAGE, name, cmd: ['sleep', '30'] });
    expect((await raw.getContainer(r.id).inspect()).State.Running).toBe(true);
  });
});
