// The main screen's actions, checked against the engine's real state.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX_DOCKERFILE, buildImage, runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';
import { copyPayloadIn, EVERY_BYTE, writePayload } from '../support/copy-payload.js';
import { containerEvents, engineNow } from '../support/engine-state.js';
import { e2eApp } from '../support/e2e-app.js';
import { KEYS, type AppSession } from '../support/pty.js';

const t = e2eApp();
const docker = t.docker;
let app: AppSession | undefined;
let hostDir: string;

beforeAll(() => {
  hostDir = mkdtempSync(join(tmpdir(), 'berth-e2e-'));
});

afterAll(async () => {
  rmSync(hostDir, { recursive: true, force: true });
});

async function container(prefix: string, cmd?: string[]): Promise<string> {
  const name = uniqueName(prefix);
  await runFixture(docker, name, cmd);
  t.cleanup(() => docker.getContainer(name).remove({ force: true }));
  return name;
}

async function start(): Promise<AppSession> {
  app = t.launch({ cols: 120, rows: 35 });
  await app.waitForStart();
  return app;
}

/** Narrows the focused list to one name with the / filter. */
async function filterTo(a: AppSession, text: string): Promise<void> {
  await a.press('/');
  await a.press(text);
  await a.press(KEYS.enter);
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('container actions', () => {
  it('filter narrows the list, and s stops the selected container for real', async () => {
    const keep = await container('keep');
    const target = await container('target');
    const a = await start();
    await a.waitForText(target);
    await a.waitForText(keep);
    await filterTo(a, target);
    await a.waitForNoText(keep);
    await a.press('s');
    await waitFor(async () => !(await docker.getContainer(target).inspect()).State.Running);
    await a.waitForText(`stopped ${target}`);
    expect((await docker.getContainer(keep).inspect()).State.Running).toBe(true);
  });

  it('says why a key cannot apply instead of doing nothing', async () => {
    const name = await container('idle');
    await docker.getContainer(name).stop({ t: 1 });
    const a = await start();
    await a.press('a');
    await filterTo(a, name);
    await a.waitForText(new RegExp(`${name}\\s+\\S+\\s+exited`));
    await a.press('s');
    await a.waitForText('The container is not running (it is exited).');
  });

  it('d asks before removing, and removes on yes', async () => {
    const name = await container('doomed');
    await docker.getContainer(name).stop({ t: 1 });
    const a = await start();
    await a.press('a');
    await filterTo(a, name);
    await a.waitForText(new RegExp(`${name}\\s+\\S+\\s+exited`));
    await a.press('d');
    await a.waitForText(`Remove ${name}`);
    await a.press('y');
    await waitFor(async () => (await docker.listContainers({ all: true, filters: { name: [name] } })).length === 0);
  });
});

describe('rmi', () => {
  it('removes an unused image after confirmation', async () => {
    const tag = `berth-e2e-unused-${process.pid}:v1`;
    await buildImage(docker, tag, `${BUSYBOX_DOCKERFILE}LABEL unique="${tag}"\n`);
    t.cleanup(() => docker.getImage(tag).remove({ force: true }));
    const a = await start();
    await a.press('2');
    await a.waitForText(`berth-e2e-unused-${process.pid}`);
    await filterTo(a, `unused-${process.pid}`);
    await a.press('d');
    await a.waitForText('remove image');
    await a.press('y');
    await waitFor(async () => (await docker.listImages({ filters: { reference: [tag] } })).length === 0);
    await a.waitForText(/removed berth-e2e-unused-\d+:v1/);
  });

  it('refuses to remove an image a running container uses, naming it, and keeps the image', async () => {
    const tag = `berth-e2e-inuse-${process.pid}:v1`;
    await buildImage(docker, tag, `${BUSYBOX_DOCKERFILE}LABEL unique="${tag}"\n`);
    t.cleanup(() => docker.getImage(tag).remove({ force: true }));
    const user = uniqueName('user');
    await runFixture(docker, user, undefined, { Image: tag });
    t.cleanup(() => docker.getContainer(user).remove({ force: true }));
    const a = await start();
    await a.press('2');
    await filterTo(a, `inuse-${process.pid}`);
    await a.waitForText(`berth-e2e-inuse-${process.pid}`);
    await a.press('d');
    await a.waitForText(`in use by running container ${user}`);
    expect(await docker.listImages({ filters: { reference: [tag] } })).toHaveLength(1);
  });
});

describe('docker cp', () => {
  it('copies a file out, asks before overwriting, and copies a directory in', async () => {
    const name = await container('files', ['sh', '-c', 'mkdir -p /data /tmp && echo "hello from the container" > /data/greeting.txt && while true; do sleep 1; done']);
    const a = await start();
    await filterTo(a, name);
    await a.waitForText(name);
    await new Promise((r) => setTimeout(r, 300));

    // Out: /data/greeting.txt -> hostDir (an existing directory: the file lands inside).
    await a.press('c');
    await a.waitForText('container path');
    await a.press(KEYS.tab, '\x15', '/data/greeting.txt', KEYS.tab, '\x15', hostDir, KEYS.enter);
    await a.waitForText(/copied 1 file, \d+B to/);
    expect(readFileSync(join(hostDir, 'greeting.txt'), 'utf8')).toBe('hello from the container\n');

    // Again: it must ask, and "n" leaves the host file alone.
    writeFileSync(join(hostDir, 'greeting.txt'), 'mine');
    await a.press('c');
    await a.waitForText('container path');
    await a.press(KEYS.enter);
    await a.waitForText('overwrite?');
    await a.press('n');
    await a.waitForText('nothing was overwritten');
    expect(readFileSync(join(hostDir, 'greeting.txt'), 'utf8')).toBe('mine');

    // In: a host directory into /tmp of the container, every byte checked.
    const payload = writePayload(hostDir);
    await copyPayloadIn(a, docker, name, payload);
    // A copy, not a move: the host side is as it was.
    expect(readFileSync(join(payload.src, 'a.bin')).equals(EVERY_BYTE)).toBe(true);
  });
});

describe('read-only mode', () => {
  it('turns destructive keys off and says so; no stop, restart or pause reaches the engine', async () => {
    const since = engineNow() - 1;
    const name = await container('ro');
    app = t.launch({ args: ['--read-only'] });
    await app.waitForStart('READ-ONLY');
    await filterTo(app, name);
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+running`));
    await app.press('s', 'r', 'p');
    await app.waitForText('Read-only mode');
    // The fixture traps TERM only between its 1 s sleeps, so a stop that got through could
    // still read "running" for a while; the engine's event log records it at once (kill).
    // Wait past the trap's window anyway, for a request that would leave late.
    await new Promise((r) => setTimeout(r, 1500));
    const actions = (await containerEvents(docker, name, since)).map((e) => e.Action);
    // create and start are the test's own: they prove the query sees this container's events.
    expect(actions).toEqual(['create', 'start']);
    const state = (await docker.getContainer(name).inspect()).State;
    expect(state).toMatchObject({ Running: true, Paused: false, Restarting: false });
  });
});
