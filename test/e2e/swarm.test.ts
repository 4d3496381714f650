// berth on a swarm manager, in a terminal, against a single-node swarm in a private engine of
// its own: scale from berth and the engine runs that many, update the image and roll back,
// the logs of both replicas, drain the node and its tasks shut down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { e2eApp } from '../support/e2e-app.js';
import { FIXTURE_IMAGE } from '../support/fixtures.js';
import { KEYS } from '../support/pty.js';
import { createService, startSwarm, waitRunning, type SwarmEngine } from '../support/swarm.js';

const e2e = e2eApp();
let swarm: SwarmEngine;

beforeAll(async () => {
  swarm = await startSwarm('e2e-swarm');
  await swarm.docker.getImage(FIXTURE_IMAGE).tag({ repo: 'berth-fixture', tag: 'v2' });
}, 60_000);

afterAll(async () => {
  await swarm?.stop();
});

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen in ${ms / 1000} s`);
}

const inspect = (id: string) => swarm.docker.getService(id).inspect() as Promise<{ Spec: { TaskTemplate: { ContainerSpec: { Image: string } } }; UpdateStatus?: { State?: string } }>;

describe('berth on a swarm manager', () => {
  it('scales a service from 2 to 3, shows the logs of its replicas, updates its image and rolls it back', async () => {
    const name = uniqueName('web');
    const id = await createService(swarm.docker, name, 2);
    await waitRunning(swarm.docker, id, 2);
    const app = e2e.launch({ env: { DOCKER_HOST: swarm.engine.dockerHost } });
    await app.waitForStart();
    await app.press('6');
    await app.waitForText(new RegExp(`${name}\\s+replicated\\s+2/2`), 10_000);

    await app.press('s');
    await app.waitForText(`scale ${name}`);
    await app.press('\x15', '3', KEYS.enter);
    await waitRunning(swarm.docker, id, 3);
    await app.waitForText(new RegExp(`${name}\\s+replicated\\s+3/3`), 15_000);

    await app.press('L');
    await app.waitForText(`logs · service ${name} (every task)`);
    await app.waitForText(new RegExp(`${name}\\.1@\\S+ │ tick \\d+`), 15_000);
    await app.waitForText(new RegExp(`${name}\\.2@\\S+ │ tick \\d+`), 15_000);
    await app.press(KEYS.escape);

    await app.press('u');
    await app.waitForText(`update the image of ${name}`);
    await app.press('\x15', 'berth-fixture:v2', KEYS.enter);
    await until('the update', async () => (await inspect(id)).UpdateStatus?.State === 'completed');
    expect((await inspect(id)).Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^berth-fixture:v2/);
    await app.waitForText(new RegExp(`${name}\\s+replicated\\s+3/3\\s+berth-fixture:v2\\s+completed`), 15_000);

    await app.press('b');
    await app.waitForText(`Roll ${name} back`);
    await app.press('y');
    await until('the roll back', async () => (await inspect(id)).UpdateStatus?.State === 'rollback_completed');
    expect((await inspect(id)).Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^berth-fixture:latest/);
    await app.waitForText(/rollback completed/, 15_000);
  }, 120_000);

  it('drains the node from the nodes pane (the tasks shut down) and activates it again', async () => {
    const name = uniqueName('drain');
    const id = await createService(swarm.docker, name, 2);
    await waitRunning(swarm.docker, id, 2);
    const app = e2e.launch({ env: { DOCKER_HOST: swarm.engine.dockerHost } });
    await app.waitForStart();
    await app.press('7');
    await app.waitForText(/manager\s+active\s+ready\s+Leader/, 10_000);
    await app.press('D');
    await app.waitForText('No other node is active');
    await app.press('y');
    await app.waitForText(/manager\s+drain\s+ready/, 10_000);
    const running = async () => ((await swarm.docker.listTasks({ filters: JSON.stringify({ service: [id] }) })) as { Status: { State: string } }[]).filter((t) => t.Status.State === 'running').length;
    await until('the tasks to shut down', async () => (await running()) === 0);
    await app.press('a');
    await app.waitForText(/manager\s+active\s+ready/, 10_000);
    await waitRunning(swarm.docker, id, 2);
  }, 90_000);

  it('refuses a bad count and an image reference that does not parse, says so when the service of the tasks view is removed, and drains nothing unasked', async () => {
    const name = uniqueName('bad');
    const id = await createService(swarm.docker, name, 2);
    await waitRunning(swarm.docker, id, 2);
    const spec = async () => (await swarm.docker.getService(id).inspect()) as { Spec: { Mode: { Replicated: { Replicas: number } }; TaskTemplate: { ContainerSpec: { Image: string } } } };
    const before = (await spec()).Spec;
    const app = e2e.launch({ env: { DOCKER_HOST: swarm.engine.dockerHost } });
    await app.waitForStart();
    await app.press('6', '/', name, KEYS.enter);
    await app.waitForText(new RegExp(`${name}\\s+replicated\\s+2/2`), 10_000);

    await app.press('s');
    await app.waitForText(`scale ${name}`);
    await app.press('\x15', '-1', KEYS.enter);
    await app.waitForText('"-1" is not a number of replicas');
    await app.press('\x15', 'three', KEYS.enter);
    await app.waitForText('"three" is not a number of replicas');
    await app.press(KEYS.escape, 'u');
    await app.waitForText(`update the image of ${name}`);
    await app.press('\x15', 'Not/An:Image:Ref', KEYS.enter);
    await app.waitForText('is not an image reference');
    await app.press(KEYS.escape);
    // Nothing reached the engine.
    expect((await spec()).Spec).toEqual(before);

    await app.press(KEYS.enter);
    await app.waitForText(`tasks · ${name} · 2/2 running`, 10_000);
    await swarm.docker.getService(id).remove();
    await app.waitForText(`The service ${name} was removed.`, 15_000);
    await app.press(KEYS.escape, '7');
    await app.waitForText(/manager\s+active\s+ready\s+Leader/, 10_000);
    await app.press('D');
    await app.waitForText('No other node is active');
    await app.press(KEYS.escape);
    await app.waitForText('left as it is');
    const nodes = (await swarm.docker.listNodes()) as { Spec: { Availability: string } }[];
    expect(nodes.map((n) => n.Spec.Availability)).toEqual(['active']);
  }, 90_000);
});
