// berth against Podman's Docker-compatible service (one service for the file, in the test
// engine's network namespace): the core flows a user has, checked against Podman's real state.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { copyPayloadIn, writePayload } from '../support/copy-payload.js';
import { e2eApp } from '../support/e2e-app.js';
import { BUSYBOX_DOCKERFILE, FIXTURE_IMAGE, buildImage, runFixture } from '../support/fixtures.js';
import { run, startAll } from '../support/peers/netns.js';
import { startPodman, type PodmanService } from '../support/peers/podman.js';
import { KEYS, type AppSession } from '../support/pty.js';
import { startRegistry, type RegistryHandle } from '../support/registry.js';

const e2e = e2eApp();
let netns = inject('engineNetns');
const ownNetns = !netns;
const engineDir = inject('engineDir');
// Under the engine's directory, so the engine's reaper also ends the service if this run dies.
const dir = engineDir ? join(engineDir, `podman-${process.pid}`) : mkdtempSync(join(tmpdir(), 'berth-podman-'));
let podman: PodmanService;
// Two registries in the namespace: Podman's registries.conf lists `trusted` as insecure (plain
// HTTP allowed) and not `plain`, which Podman asks for HTTPS like any registry.
let trusted: RegistryHandle;
let plain: RegistryHandle;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  if (ownNetns) {
    netns = `berth-podman-${process.pid}`;
    run('ip', ['netns', 'add', netns]);
    run('nsenter', [`--net=/var/run/netns/${netns}`, 'ip', 'link', 'set', 'lo', 'up']);
  }
  [trusted, plain] = await startAll<[RegistryHandle, RegistryHandle]>([startRegistry({ netns, parentDir: dir }), startRegistry({ netns, parentDir: dir })]);
  podman = await startPodman(netns, join(dir, 'service'), { insecureRegistries: [trusted.host] });
}, 120_000);

afterAll(async () => {
  await podman?.stop();
  await Promise.all([trusted?.stop(), plain?.stop()]);
  rmSync(dir, { recursive: true, force: true });
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

async function launch(env: Record<string, string> = {}, rows = 40): Promise<AppSession> {
  const app = e2e.launch({ env: { DOCKER_HOST: podman.dockerHost, ...env }, cols: 130, rows });
  await app.waitForStart();
  return app;
}

/** A scratch directory on the host, removed after the file. */
function hostDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `berth-pod-${prefix}-`));
  e2e.cleanup(async () => rmSync(d, { recursive: true, force: true }));
  return d;
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

  it("keeps every log line across a covered pane, though Podman stamps whole seconds", async () => {
    const name = uniqueName('pod-tick');
    await runFixture(podman.docker, name, ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']);
    e2e.cleanup(() => podman.docker.getContainer(name).remove({ force: true }));
    // Tall, so the lines that arrive at once on return leave berth's marker in sight.
    const app = await launch({}, 60);
    await app.press('/', name, KEYS.enter);
    await app.waitForText(/tick \d+/, 10_000);
    // The detail view covers the panes: the logs stream closes, and reopens from the last second shown.
    await app.press(KEYS.enter);
    await app.waitForText(`${name} · Overview`);
    await new Promise((r) => setTimeout(r, 1000));
    await app.press(KEYS.escape);
    await app.waitForText('back from another view', 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    // Saved as shown (berth's markers left out): five lines a second share each stamp, and
    // none is lost or repeated at the seam.
    const file = join(hostDir('logs'), 'ticks.log');
    await app.press('3', 'S');
    await app.waitForText('save logs');
    await app.press('\x15', file, KEYS.enter);
    await app.waitForText(/saved \d+ bytes to/);
    const ticks = readFileSync(file, 'utf8').trim().split('\n').map((l) => Number(/^tick (\d+)$/.exec(l)?.[1]));
    expect(ticks.length).toBeGreaterThan(15);
    expect(ticks).toEqual(ticks.map((_, i) => ticks[0]! + i));
  }, 60_000);

  it('attaches to a container without stdin and detaches with ctrl-p ctrl-q, leaving it running', async () => {
    const name = uniqueName('pod-attach');
    await runFixture(podman.docker, name, ['sh', '-c', 'while true; do echo "attached tick"; sleep 0.5; done']);
    e2e.cleanup(() => podman.docker.getContainer(name).remove({ force: true }));
    const app = await launch();
    await app.press('/', name, KEYS.enter);
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+running`));
    await app.press('A');
    await app.waitForText(`attached to ${name}`, 10_000);
    await app.waitForText('attached tick', 10_000);
    await app.press('\x10\x11');
    await app.waitForText(`detached from ${name} (it runs on)`, 10_000);
    expect(await running(name)).toBe(true);
  }, 60_000);

  it("says in Docker's words what Podman refuses for a container's state: removing a running one among marked ones", async () => {
    const base = uniqueName('pod-mk');
    const [up, down] = [`${base}-up`, `${base}-down`];
    await runFixture(podman.docker, up);
    await (await runFixture(podman.docker, down, ['true'])).wait();
    e2e.cleanup(() => podman.docker.getContainer(up).remove({ force: true }));
    const app = await launch();
    await app.press('a', '/', base, KEYS.enter);
    await app.waitForText(down);
    await app.press('*');
    await app.waitForText('2 marked');
    await app.press('d');
    await app.waitForText('Remove 2 marked containers?');
    await app.press('y');
    // Podman answers 500 "cannot remove container <id> as it is running ...: container state improper".
    await app.waitForText(new RegExp(`${up}: Container [0-9a-f]{12} is running: stop it before removing it, or remove it with force\\.`), 30_000);
    await waitUntil(async () => !(await exists(down)));
    expect(await running(up)).toBe(true);
  }, 60_000);

  it('fills in CPU and memory for a running container, and copies files in and out, byte for byte', async () => {
    const name = uniqueName('pod-files');
    await runFixture(podman.docker, name, ['sh', '-c', 'mkdir -p /data /tmp && printf "from podman\\n" > /data/note.txt && while true; do sleep 1; done']);
    e2e.cleanup(() => podman.docker.getContainer(name).remove({ force: true }));
    const app = await launch();
    await app.press('/', name, KEYS.enter);
    // CPU % and MEM come from Podman's stats stream: a number and a size in the row.
    await app.waitForText(new RegExp(`${name}\\s+\\S+\\s+running\\s+Up [^│]*?\\s\\d+\\.\\d\\s+\\d+(\\.\\d+)?[KMG]iB`), 20_000);

    const out = hostDir('out');
    await app.press('c');
    await app.waitForText('container path');
    await app.press(KEYS.tab, '\x15', '/data/note.txt', KEYS.tab, '\x15', out, KEYS.enter);
    await app.waitForText(/copied 1 file, \d+B to/, 15_000);
    expect(readFileSync(join(out, 'note.txt'), 'utf8')).toBe('from podman\n');

    await copyPayloadIn(app, podman.docker, name, writePayload(hostDir('in')));
  }, 90_000);

  it('builds an image from a context directory: FROM scratch plus busybox, in Podman', async () => {
    const repo = uniqueName('berth-pod-built');
    const ctx = hostDir('build');
    copyFileSync('/bin/busybox', join(ctx, 'busybox'));
    writeFileSync(join(ctx, 'Dockerfile'), `${BUSYBOX_DOCKERFILE}LABEL berth.e2e="${repo}"\nRUN echo built-by-berth > /made.txt\n`);
    const app = await launch();
    await app.press('2', 'b');
    await app.waitForText('build an image');
    await app.press('\x15', ctx, KEYS.tab, KEYS.tab, '\x15', `${repo}:1`, KEYS.enter);
    await app.waitForText(new RegExp(`built ${repo}:1 \\(sha256:[0-9a-f]{12}…\\)`), 60_000);
    const info = await podman.docker.getImage(`${repo}:1`).inspect();
    expect(info.Config.Labels?.['berth.e2e']).toBe(repo);
    const c = await runFixture(podman.docker, uniqueName('pod-built'), ['cat', '/made.txt'], { Image: `${repo}:1` });
    e2e.cleanup(() => c.remove({ force: true }));
    await c.wait();
    expect((await c.logs({ stdout: true, follow: false })).toString('utf8')).toContain('built-by-berth');

    // A failing step: Podman's "STEP n/m:" is read as the step, its exit status said as for Docker.
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${repo}:1\nRUN echo about to fail && exit 7\n`);
    await app.press(KEYS.escape, 'b');
    await app.waitForText('build an image');
    await app.press(KEYS.tab, KEYS.tab, '\x15', `${repo}:broken`, KEYS.enter);
    await app.waitForText(/failed at step 2\/2 \(RUN echo about to fail && exit 7\): the command returned a non-z/, 60_000);
  }, 120_000);

  it('pushes to and pulls from a registry listed as insecure, and says how to allow one that is not', async () => {
    // Pushed from berth (the registry is insecure for Podman), removed, then pulled back.
    const repo = `${trusted.host}/${uniqueName('berth-pod')}`;
    const ref = `${repo}:1`;
    await podman.docker.getImage(FIXTURE_IMAGE).tag({ repo, tag: '1' });
    const app = await launch({ DOCKER_CONFIG: hostDir('config') });
    await app.press('2', '/', repo, KEYS.enter);
    await app.waitForText(new RegExp(`│ ${repo.replace(/\./g, '\\.')}`));
    await app.press('P');
    await app.waitForText(`Push ${ref} to ${trusted.host}`);
    await app.press('y');
    await app.waitForText(`pushed ${ref}`, 30_000);
    await podman.docker.getImage(ref).remove();
    await app.press(KEYS.escape, 'p');
    await app.waitForText('pull an image');
    await app.press(ref, KEYS.enter);
    await app.waitForText(`pulled ${ref} (`, 30_000);
    expect((await podman.docker.getImage(ref).inspect()).Id).toBe((await podman.docker.getImage(FIXTURE_IMAGE).inspect()).Id);

    await app.press(KEYS.escape, 'p');
    await app.waitForText('pull an image');
    await app.press('\x15', `${plain.host}/berth-pod-nothing:1`, KEYS.enter);
    await app.waitForText(`the registry ${plain.host} speaks plain HTTP`, 30_000);
  }, 90_000);
});
