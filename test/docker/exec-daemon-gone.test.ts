// The daemon killed while a shell runs in a container: the session must end with an
// unreachable error within seconds, not hang, and let go of stdin. Kills an engine of its own.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { execInteractive } from '../../src/docker/exec.js';
import { startEngine, type EngineHandle } from '../support/engine.js';
import { failure } from '../support/docker.js';
import { buildFixtureImage, runFixture } from '../support/fixtures.js';
import { killDaemon, removeKilledEngine } from '../support/killed-engine.js';
import { sessionIo, waitForOutput } from '../support/session-io.js';

let engine: EngineHandle;

beforeAll(async () => {
  engine = await startEngine('exec-kill');
  await buildFixtureImage(new Docker({ socketPath: engine.socket }));
}, 60_000);

afterAll(async () => {
  if (engine) await removeKilledEngine(engine);
}, 60_000);

describe('an exec session whose daemon is killed', () => {
  it('ends with an unreachable error and lets go of stdin', async () => {
    await runFixture(new Docker({ socketPath: engine.socket }), 'shell-box');
    const docker = createClient(parseHostUrl(engine.dockerHost, 'DOCKER_HOST'));
    const io = sessionIo();
    const s = await execInteractive(docker, 'shell-box', { cmd: ['sh'], tty: true, columns: 80, rows: 24 }, io);
    io.type('echo $((6*7))\n');
    await waitForOutput(io, /\r\n42\r\n/);

    killDaemon(engine);
    const err = await failure(Promise.race([s.done, new Promise((_, reject) => setTimeout(() => reject(new Error('the session hangs')), 10_000))]));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/Docker daemon/);
    expect(io.stdin.listenerCount('data')).toBe(0);
  });
});
