// Choosing and reaching the engine on this machine: a context in a temporary HOME's ~/.docker,
// the precedence of DOCKER_HOST, a daemon that never answers, a socket the user may not open.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient, ping } from '../../src/docker/client.js';
import { listContainers } from '../../src/docker/containers.js';
import { contextDirName, describeSource, listContexts, resolveEndpoint } from '../../src/docker/endpoint.js';
import { DockerError } from '../../src/docker/errors.js';
import type { ScenarioResult } from '../support/peers/scenario.js';
import { runFixture } from '../support/fixtures.js';
import { testDocker, uniqueName } from '../support/docker.js';

const execFileP = promisify(execFile);
const CLIENT = new URL('../support/peers/netns-client.ts', import.meta.url).pathname;
const engineSocket = inject('engineSocket');
const raw = testDocker();
const marker = uniqueName('ctx');
const home = mkdtempSync(join(tmpdir(), 'berth-home-'));
const dockerDir = join(home, '.docker');

function writeContext(name: string, host: string): void {
  const dir = join(dockerDir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
}

beforeAll(async () => {
  await runFixture(raw, marker);
  writeContext('private', `unix://${engineSocket}`);
  writeContext('elsewhere', 'unix:///nonexistent/elsewhere.sock');
  writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'private' }));
});

afterAll(async () => {
  await raw.getContainer(marker).remove({ force: true }).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
});

describe('contexts from ~/.docker', () => {
  it('lets currentContext in a temporary HOME choose the private engine', async () => {
    const ep = resolveEndpoint({ env: { HOME: home } });
    expect(ep).toMatchObject({ protocol: 'unix', socketPath: engineSocket, source: 'context', context: 'private' });
    expect(describeSource(ep)).toBe('context private');
    const names = (await listContainers(createClient(ep))).map((c) => c.name);
    expect(names).toContain(marker);
  });

  it('lets DOCKER_CONTEXT override currentContext, and DOCKER_HOST override both', async () => {
    const other = resolveEndpoint({ env: { HOME: home, DOCKER_CONTEXT: 'elsewhere' } });
    expect(other.context).toBe('elsewhere');
    const err = await ping(createClient(other)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toBe('Cannot reach the Docker daemon at unix:///nonexistent/elsewhere.sock: the socket does not exist (is the Docker daemon running?).');
    const host = resolveEndpoint({ env: { HOME: home, DOCKER_CONTEXT: 'elsewhere', DOCKER_HOST: `unix://${engineSocket}` } });
    expect(host.source).toBe('DOCKER_HOST');
    await ping(createClient(host));
  });

  it('lists the contexts with the current one marked', () => {
    expect(listContexts({ env: { HOME: home } })).toEqual([
      { name: 'default', host: 'unix:///var/run/docker.sock', description: 'DOCKER_HOST or the default socket', current: false },
      { name: 'elsewhere', host: 'unix:///nonexistent/elsewhere.sock', current: false },
      { name: 'private', host: `unix://${engineSocket}`, current: true },
    ]);
  });
});

describe('daemons that do not answer, sockets that may not be opened', () => {
  it('gives up on a daemon that accepts and never answers, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-silent-'));
    const sock = join(dir, 'silent.sock');
    const held: net.Socket[] = [];
    const server = net.createServer((s) => held.push(s));
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const docker = createClient(resolveEndpoint({ env: { DOCKER_HOST: `unix://${sock}` } }), { timeoutMs: 300 });
      const started = Date.now();
      const err = (await ping(docker).catch((e: unknown) => e)) as DockerError;
      expect(err).toBeInstanceOf(DockerError);
      expect(err.kind).toBe('timeout');
      expect(err.message).toBe(`The Docker daemon at unix://${sock} did not answer within 0.3 s.`);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says permission denied, with the docker group hint, to a user who may not open the socket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-perm-'));
    chmodSync(dir, 0o755);
    const sock = join(dir, 'root-only.sock');
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(sock, r));
    chmodSync(sock, 0o600);
    try {
      // berth's own code, run as nobody: root would be let in whatever the mode.
      const scenarios = [{ name: 'perm', env: { DOCKER_HOST: `unix://${sock}` } }];
      const { stdout } = await execFileP(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(scenarios)], {
        uid: 65534,
        gid: 65534,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
        timeout: 30_000,
      });
      const [r] = JSON.parse(stdout) as ScenarioResult[];
      expect(r).toMatchObject({ ok: false, kind: 'permission' });
      expect(r!.message).toContain(`Permission denied on the Docker socket at unix://${sock}`);
      expect(r!.message).toContain('"docker" group');
    } finally {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
