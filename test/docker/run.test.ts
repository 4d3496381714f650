// runContainer against the private engine: created and started with what the spec says,
// and a bad spec refused before any call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { DockerError } from '../../src/docker/errors.js';
import { runContainer } from '../../src/docker/run.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { execIn, until } from '../support/engine-state.js';
import { FIXTURE_IMAGE } from '../support/fixtures.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const names: string[] = [];

afterAll(async () => {
  for (const n of names) await raw.getContainer(n).remove({ force: true }).catch(() => undefined);
});

describe('runContainer', () => {
  it('creates and starts a container with the command, env, mounts, labels and restart policy asked for', async () => {
    const name = uniqueName('run');
    names.push(name);
    const hostDir = mkdtempSync(join(tmpdir(), 'berth-run-bind-'));
    writeFileSync(join(hostDir, 'in.txt'), `from the host for ${name}\n`);
    const cmd = ['sh', '-c', 'echo "$GREETING" > /scratch/out; cat /host/in.txt > /scratch/copied; sleep 30'];
    try {
      const r = await runContainer(docker, {
        image: FIXTURE_IMAGE,
        name,
        cmd,
        env: ['GREETING=hello, world'],
        volumes: ['/scratch', `${name}-vol:/data:ro`, `${hostDir}:/host:ro`],
        restart: 'on-failure:2',
        network: 'none',
        labels: { 'berth.test': name },
      });
      names.push(r.id);
      expect(r.name).toBe(name);
      const info = await raw.getContainer(name).inspect();
      expect(r.id).toBe(info.Id);
      expect(info.State.Running).toBe(true);
      expect(info.Config.Cmd).toEqual(cmd);
      expect(info.Config.Labels).toMatchObject({ 'berth.test': name });
      expect(info.Config.Env).toContain('GREETING=hello, world');
      expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
      expect(info.HostConfig.NetworkMode).toBe('none');
      expect(info.Mounts.map((m) => [m.Destination, m.RW]).sort()).toEqual([
        ['/data', false],
        ['/host', false],
        ['/scratch', true],
      ]);
      expect(info.Mounts.find((m) => m.Destination === '/host')).toMatchObject({ Type: 'bind', Source: hostDir });
      // The command ran with that environment, and the bind shows the host's file inside.
      await until('the command wrote its files', async () => (await execIn(raw, name, ['cat', '/scratch/copied'])).exitCode === 0);
      expect((await execIn(raw, name, ['cat', '/scratch/out'])).stdout.toString('utf8')).toBe('hello, world\n');
      expect((await execIn(raw, name, ['cat', '/scratch/copied'])).stdout.toString('utf8')).toBe(`from the host for ${name}\n`);
      // Read-only as asked: writing into the bind fails inside, and the host file is unchanged.
      expect((await execIn(raw, name, ['sh', '-c', 'echo x > /host/in.txt'])).exitCode).not.toBe(0);
      expect(readFileSync(join(hostDir, 'in.txt'), 'utf8')).toBe(`from the host for ${name}\n`);
    } finally {
      await raw.getContainer(name).remove({ force: true, v: true }).catch(() => undefined);
      await raw.getVolume(`${name}-vol`).remove().catch(() => undefined);
      rmSync(hostDir, { recursive: true, force: true });
    }
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
