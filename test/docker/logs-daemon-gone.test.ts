// The daemon killed mid-stream: the stream must end with an error, not hang. This kills an
// engine of its own, so the shared one of the other tests is left alone.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import type { DockerError } from '../../src/docker/errors.js';
import { followLogs, type LogChunk } from '../../src/docker/logs.js';
import { watchStats, type StatsSample } from '../../src/docker/stats.js';
import { startEngine, type EngineHandle } from '../support/engine.js';
import { buildFixtureImage, runFixture } from '../support/fixtures.js';
import { killDaemon, removeKilledEngine } from '../support/killed-engine.js';

let engine: EngineHandle;

beforeAll(async () => {
  engine = await startEngine('logs-kill');
  await buildFixtureImage(new Docker({ socketPath: engine.socket }));
}, 60_000);

afterAll(async () => {
  if (engine) await removeKilledEngine(engine);
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
    killDaemon(engine);
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
