// Swarm services, tasks and nodes against a real single-node swarm in a private engine of its
// own (test/support/swarm.ts); the shared test engine, never in swarm mode, answers as a
// plain engine does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type DockerClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { listNodes, setNodeAvailability } from '../../src/docker/nodes.js';
import { followServiceLogs, listServices, listTasks, removeService, replicasProblem, rollbackService, scaleService, serviceLogDetails, updateServiceImage } from '../../src/docker/services.js';
import { engineInfo } from '../../src/docker/system.js';
import { failure, testDockerHost, uniqueName } from '../support/docker.js';
import { FIXTURE_IMAGE } from '../support/fixtures.js';
import { createService, startSwarm, waitRunning, type SwarmEngine } from '../support/swarm.js';

let swarm: SwarmEngine;
let docker: DockerClient;

beforeAll(async () => {
  swarm = await startSwarm();
  docker = createClient(parseHostUrl(swarm.engine.dockerHost, 'flag'));
  await swarm.docker.getImage(FIXTURE_IMAGE).tag({ repo: 'berth-fixture', tag: 'v2' });
}, 60_000);

afterAll(async () => {
  await swarm?.stop();
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen in ${ms / 1000} s: ${JSON.stringify(last)}`);
}

const service = async (id: string) => (await listServices(docker)).find((s) => s.id === id);

describe('swarm state', () => {
  it('says this engine is a swarm manager, and the shared test engine is not in a swarm', async () => {
    expect(await engineInfo(docker)).toMatchObject({ swarm: 'active', swarmRole: 'manager', swarmNodeId: swarm.nodeId });
    const plain = await engineInfo(createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST')));
    expect(plain.swarm).toBe('inactive');
    expect(plain.swarmRole).toBeUndefined();
  });

  it("says what the engine says when asked for services outside a swarm", async () => {
    const e = await failure(listServices(createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'))));
    expect(e.message).toMatch(/not a swarm manager/i);
  });
});

describe('services', () => {
  it('lists a service with its mode, replicas running and desired, and image; scales it to 3, and the engine runs 3', async () => {
    const id = await createService(swarm.docker, uniqueName('web'), 2);
    await waitRunning(swarm.docker, id, 2);
    const s = await until('2 running', () => service(id), (x) => x?.running === 2);
    expect(s).toMatchObject({ mode: 'replicated', desired: 2, running: 2, image: FIXTURE_IMAGE, canRollBack: false });
    await scaleService(docker, id, 3);
    await waitRunning(swarm.docker, id, 3);
    expect(await until('3 running', () => service(id), (x) => x?.running === 3)).toMatchObject({ desired: 3, running: 3 });
    const tasks = (await listTasks(docker, id)).filter((t) => t.desiredState === 'running');
    expect(tasks.map((t) => t.slot).sort()).toEqual([1, 2, 3]);
    expect(new Set(tasks.map((t) => t.nodeId))).toEqual(new Set([swarm.nodeId]));
    expect(tasks.every((t) => t.state === 'running' && t.since)).toBe(true);
  });

  it('refuses a negative or non-numeric count in words, and changes nothing', async () => {
    expect(replicasProblem('-1')).toContain('"-1" is not a number of replicas');
    expect(replicasProblem('three')).toContain('"three" is not a number of replicas');
    expect(replicasProblem('2.5')).toContain('is not a number of replicas');
    expect(replicasProblem('4')).toBeUndefined();
    const id = await createService(swarm.docker, uniqueName('steady'), 1);
    const e = await failure(scaleService(docker, id, -1));
    expect(e.message).toContain('-1 is not a number of replicas');
    expect((await service(id))!.desired).toBe(1);
  });

  it('refuses to scale a global service, saying why', async () => {
    const s = (await swarm.docker.createService({ Name: uniqueName('everywhere'), TaskTemplate: { ContainerSpec: { Image: FIXTURE_IMAGE, Args: ['sleep', '3600'] } }, Mode: { Global: {} } } as never)) as { id?: string; ID?: string };
    const id = (s.ID ?? s.id)!;
    const e = await failure(scaleService(docker, id, 2));
    expect(e.message).toContain('global mode');
    expect((await service(id))!.mode).toBe('global');
  });

  it('updates the image as a rolling update, and rolls it back', async () => {
    const id = await createService(swarm.docker, uniqueName('roll'), 2);
    await waitRunning(swarm.docker, id, 2);
    expect(await updateServiceImage(docker, id, 'berth-fixture:v2')).toBe('berth-fixture:v2');
    const updated = await until('the update to complete', () => service(id), (x) => x?.updateState === 'completed');
    expect(updated).toMatchObject({ image: 'berth-fixture:v2', canRollBack: true });
    await rollbackService(docker, id);
    const back = await until('the roll back to complete', () => service(id), (x) => x?.updateState === 'rollback_completed');
    expect(back!.image).toBe(FIXTURE_IMAGE);
    await waitRunning(swarm.docker, id, 2);
  });

  it('refuses an image reference that does not parse, and a roll back with nowhere to go, changing nothing', async () => {
    const id = await createService(swarm.docker, uniqueName('fixed'), 1);
    const bad = await failure(updateServiceImage(docker, id, 'Not A/Reference!'));
    expect(bad.kind).toBe('badRequest');
    const nowhere = await failure(rollbackService(docker, id));
    expect(nowhere.message).toContain('has no previous version to roll back to');
    expect(await service(id)).toMatchObject({ image: FIXTURE_IMAGE, canRollBack: false });
  });

  it('follows the logs of every task, each line naming its task and node', async () => {
    const id = await createService(swarm.docker, uniqueName('talk'), 2);
    await waitRunning(swarm.docker, id, 2);
    const tasks = new Set((await listTasks(docker, id)).map((t) => t.id));
    const seen = new Set<string>();
    let text = '';
    await new Promise<void>((resolve, reject) => {
      const stream = followServiceLogs(docker, id, { tail: 20 }, {
        onChunk: (c) => {
          text += c.data.toString('utf8');
          for (const line of text.split('\n').slice(0, -1)) {
            const d = serviceLogDetails(line.slice(line.indexOf(' ') + 1));
            if (d.taskId && tasks.has(d.taskId) && d.nodeId === swarm.nodeId && /^tick \d+/.test(d.text)) seen.add(d.taskId);
          }
          if (seen.size === 2) {
            stream.stop();
            resolve();
          }
        },
        onEnd: (err) => reject(err ?? new Error('the service logs ended')),
      });
    });
    expect(seen.size).toBe(2);
  });

  it('removes a service (its tasks go with it), and says so for one already gone', async () => {
    const id = await createService(swarm.docker, uniqueName('gone'), 1);
    await removeService(docker, id);
    expect(await service(id)).toBeUndefined();
    // A tasks view open on it learns it from this answer.
    expect((await failure(listTasks(docker, id))).kind).toBe('notFound');
    expect((await failure(removeService(docker, id))).kind).toBe('notFound');
  });
});

describe('nodes', () => {
  it('lists the node as the leading manager, drains it (the tasks shut down) and activates it again', { timeout: 90_000 }, async () => {
    const [node] = await listNodes(docker);
    expect(node).toMatchObject({ id: swarm.nodeId, role: 'manager', availability: 'active', status: 'ready', managerStatus: 'Leader' });
    expect(node!.engineVersion).toMatch(/^\d+\.\d+/);
    const id = await createService(swarm.docker, uniqueName('drained'), 2);
    await waitRunning(swarm.docker, id, 2);
    const before = (await listTasks(docker, id)).filter((t) => t.state === 'running').map((t) => t.id);
    await setNodeAvailability(docker, swarm.nodeId, 'drain');
    try {
      expect((await listNodes(docker))[0]!.availability).toBe('drain');
      // The running tasks shut down; their replacements wait (pending) for a node to take them.
      const tasks = await until('the tasks to shut down', () => listTasks(docker, id), (ts) => before.every((b) => ts.find((t) => t.id === b)?.state === 'shutdown'));
      expect(tasks.filter((t) => before.includes(t.id)).every((t) => t.desiredState === 'shutdown')).toBe(true);
      expect(tasks.filter((t) => t.state === 'running')).toEqual([]);
      expect((await service(id))!.running).toBe(0);
    } finally {
      await setNodeAvailability(docker, swarm.nodeId, 'active');
    }
    await waitRunning(swarm.docker, id, 2);
    expect((await listNodes(docker))[0]!.availability).toBe('active');
  });

  it('refuses an availability that is not one', async () => {
    const e = await failure(setNodeAvailability(docker, swarm.nodeId, 'sleep' as never));
    expect(e.message).toContain('"sleep" is not an availability');
  });
});
