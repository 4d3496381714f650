// berth against Podman's Docker-compatible service (one service for the file, in the test
// engine's network namespace): the core flows a user has, checked against Podman's real state.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { e2eApp } from '../support/e2e-app.js';
import { BUSYBOX_DOCKERFILE, buildImage, runFixture } from '../support/fixtures.js';
import { run } from '../support/peers/netns.js';
import { startPodman, type PodmanService } from '../support/peers/podman.js';
import { KEYS, type AppSession } from '../support/pty.js';

const e2e = e2eApp();
let netns = inject('engineNetns');
const ownNetns = !netns;
const engineDir = inject('engineDir');
// Under the engine's directory, so the engine's reaper also ends the service if this run dies.
const dir = engineDir ? join(engineDir, `podman-${process.pid}`) : mkdtempSync(join(tmpdir(), 'berth-podman-'));
let podman: PodmanService;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  if (ownNetns) {
    netns = `berth-podman-${process.pid}`;
    run('ip', ['netns', 'add', netns]);
  }
  podman = await startPodman(netns, dir);
}, 90_000);

afterAll(async () => {
  await podman?.stop();
  if (ownNetns) run('ip', ['netns', 'del', netns]);
});

async function waitUntil(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

/** The container's row in a list (its name also shows in the filter and the logs pane's titles). */
const row = (name: string) => new RegExp(`│ ${name}\\s`);
const running = async (name: string) => (await podman.docker.getContainer(name).inspect()).State.Running as boolean;
const exists = async (name: string) => (await podman.docker.listContainers({ all: true, filters: { name: [name] } })).length > 0;

async function launch(): Promise<AppSession> {
  const app = e2e.launch({ env: { DOCKER_HOST: podman.dockerHost } });
  await app.waitForStart();
  return app;
}

describe('berth against Podman', () => {
  it('names the engine, lists what Podman runs, follows live adds and removes, and shows logs', async () => {
    const quiet = uniqueName('pod-quiet');
    await runFixture(podman.docker, quiet);
    const app = await launch();
    const screen = await app.waitForText(quiet);
    expect(screen.split('\n')[0]).toMatch(/podman \d+\.\d+/);
    // Added while berth watches: Podman's events bring it in, with its log.
    const talker = uniqueName('pod-talk');
    await runFixture(podman.docker, talker, ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "podman line $i"; sleep 1; done']);
    await app.waitForText(talker);
    await app.press('/', talker, KEYS.enter);
    await app.waitForText(/podman line \d+/, 10_000);
    // Removed outside berth (Podman's events differ from Docker's: die, cleanup, remove).
    await podman.docker.getContainer(talker).remove({ force: true });
    await app.waitForNoText(row(talker), 10_000);
    await app.press('/', KEYS.escape);
    await podman.docker.getContainer(quiet).remove({ force: true });
    await app.waitForNoText(row(quiet), 10_000);
  }, 60_000);

  it('stops, starts, opens a shell in, and removes a container, and removes an image', async () => {
    const name = uniqueName('pod-box');
    await runFixture(podman.docker, name);
    const tag = `berth-pod-unused-${process.pid}:v1`;
    await buildImage(podman.docker, tag, `${BUSYBOX_DOCKERFILE}LABEL unique="${tag}"\n`);
    const app = await launch();
    await app.press('a', '/', name, KEYS.enter);
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+running`));

    await app.press('e');
    await app.waitForText(`in ${name} (exit to come back)`, 10_000);
    await app.press('echo $((6*7))\r');
    await app.waitForText(/^42$/m);
    await app.press('exit\r');
    await app.waitForText(`the shell in ${name} ended (exit 0)`, 10_000);

    await app.press('s');
    await waitUntil(async () => !(await running(name)));
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+exited`), 10_000);
    await app.press('t');
    await waitUntil(() => running(name));
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+running`), 10_000);
    await app.press('s');
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+exited`), 15_000);
    await app.press('d');
    await app.waitForText(`Remove ${name}`);
    await app.press('y');
    await waitUntil(async () => !(await exists(name)));
    await app.waitForNoText(row(name), 10_000);

    await app.press('2', '/', `unused-${process.pid}`, KEYS.enter);
    await app.waitForText(`berth-pod-unused-${process.pid}`);
    await app.press('d');
    await app.waitForText('remove image');
    await app.press('y');
    await waitUntil(async () => (await podman.docker.listImages({ filters: { reference: [tag] } })).length === 0);
    await app.waitForText(/removed \S*berth-pod-unused-\d+:v1/, 10_000);
  }, 90_000);
});
