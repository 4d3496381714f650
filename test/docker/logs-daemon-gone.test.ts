// The daemon killed mid-stream: the stream must end with an error, not hang. This kills an
// engine of its own, so the shared one of the other tests is left alone.
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import type { DockerError } from '../../src/docker/errors.js';
import { followLogs, type LogChunk } from '../../src/docker/logs.js';
import { watchStats, type StatsSample } from '../../src/docker/stats.js';
import { startEngine, stopEngine, type EngineHandle } from '../support/engine.js';
import { buildFixtureImage, runFixture } from '../support/fixtures.js';

let engine: EngineHandle;

beforeAll(async () => {
  engine = await startEngine('logs-kill');
  await buildFixtureImage(new Docker({ socketPath: engine.socket }));
}, 60_000);

/** Pids in the cgroups under the engine's own cgroup parent: the containers it can no longer stop. */
function enginePids(id: string): number[] {
  const pids: number[] = [];
  const walk = (dir: string) => {
    const procs = join(dir, 'cgroup.procs');
    if (existsSync(procs)) pids.push(...readFileSync(procs, 'utf8').split('\n').filter(Boolean).map(Number));
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
  };
  for (const root of ['/sys/fs/cgroup', ...readdirSync('/sys/fs/cgroup').map((c) => join('/sys/fs/cgroup', c))]) {
    if (existsSync(join(root, id))) walk(join(root, id));
  }
  return [...new Set(pids)];
}

/** The engine's cgroup directories, deepest first (stopEngine removes only the top one). */
function engineCgroups(id: string): string[] {
  const dirs: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
    dirs.push(dir);
  };
  for (const c of readdirSync('/sys/fs/cgroup')) if (existsSync(join('/sys/fs/cgroup', c, id))) walk(join('/sys/fs/cgroup', c, id));
  return dirs;
}

afterAll(async () => {
  if (!engine) return;
  // A killed dockerd leaves its containers running and its mounts in place; clear both
  // first, or removing the engine's directory fails.
  for (const pid of enginePids(engine.id)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(engine.dir + '/'))
    .sort()
    .reverse();
  for (const m of mounts) execFileSync('umount', ['-l', m]);
  for (let i = 0; i < 50 && enginePids(engine.id).length; i++) await new Promise((r) => setTimeout(r, 50));
  for (const d of engineCgroups(engine.id)) {
    try {
      execFileSync('rmdir', [d], { stdio: 'ignore' });
    } catch {
      /* stopEngine tries again */
    }
  }
  await stopEngine(engine);
}, 60_000);

describe('a stream whose daemon is killed', () => {
  it('ends the logs and stats streams with an unreachable error within seconds', async () => {
    const raw = new Docker({ socketPath: engine.socket });
    // Bounded, so it ends by itself even if the cleanup below missed it.
    await runFixture(raw, 'ticker', ['sh', '-c', 'for i in $(seq 1 300); do echo tick; sleep 0.05; done']);
    const docker = createClient(parseHostUrl(engine.dockerHost, 'DOCKER_HOST'));
    const chunks: LogChunk[] = [];
    const ended = new Promise<DockerError | undefined>((resolve) => followLogs(docker, 'ticker', {}, { onChunk: (c) => chunks.push(c), onEnd: resolve }));
    const samples: StatsSample[] = [];
    const statsEnded = new Promise<DockerError | undefined>((resolve) => watchStats(docker, 'ticker', (s) => samples.push(s), resolve));
    const until = Date.now() + 5000;
    while ((chunks.length < 3 || samples.length < 1) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(samples.length).toBeGreaterThanOrEqual(1);

    const killedAt = Date.now();
    process.kill(Number(readFileSync(join(engine.dir, 'dockerd.pid'), 'utf8')), 'SIGKILL');
    const err = await Promise.race([ended, new Promise<'hang'>((r) => setTimeout(() => r('hang'), 10_000))]);
    expect(err).not.toBe('hang');
    expect((err as DockerError).kind).toBe('unreachable');
    expect((err as DockerError).message).toMatch(/Docker daemon/);
    const statsErr = await Promise.race([statsEnded, new Promise<'hang'>((r) => setTimeout(() => r('hang'), 10_000))]);
    expect(statsErr).not.toBe('hang');
    expect((statsErr as DockerError).kind).toBe('unreachable');
    expect(Date.now() - killedAt).toBeLessThan(5000);
  });
});
