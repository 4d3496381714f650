// Build from the images pane: the image lands in the engine and runs from the UI; a
// failing step shows as a failed job with the engine's message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { execIn, until } from '../support/engine-state.js';
import { FIXTURE_IMAGE } from '../support/fixtures.js';
import { e2eApp } from '../support/e2e-app.js';
import { KEYS, type AppSession } from '../support/pty.js';

const t = e2eApp();
const docker = t.docker;
let app: AppSession | undefined;

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  t.cleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The names in a directory of a running container. */
async function listing(name: string, path: string): Promise<string[]> {
  const { stdout } = await execIn(docker, name, ['ls', '-a', path]);
  return stdout
    .toString('utf8')
    .split(/\s+/)
    .filter((w) => w && w !== '.' && w !== '..')
    .sort();
}

/** Containers (running or not) whose command mentions the marker: a build step's. */
async function stepContainers(marker: string): Promise<string[]> {
  return (await docker.listContainers({ all: true })).filter((c) => c.Command.includes(marker)).map((c) => c.Id);
}

async function start(): Promise<AppSession> {
  app = t.launch({ cols: 130, rows: 40 });
  await app.waitForStart();
  await app.press('2');
  return app;
}

/** Opens the build form and fills context and tags (Dockerfile left at its default). */
async function build(a: AppSession, dir: string, tag: string): Promise<void> {
  await a.press('b');
  await a.waitForText('build an image');
  await a.press('\x15', dir, KEYS.tab, KEYS.tab, '\x15', tag, KEYS.enter);
}

describe('build', () => {
  it('builds from a context directory, the image is in the engine, and r runs it', async () => {
    const repo = uniqueName('berth-e2e-built');
    const tag = `${repo}:1`;
    t.cleanup(() => docker.getImage(tag).remove({ force: true }));
    const dir = context({
      Dockerfile: `FROM ${FIXTURE_IMAGE}\nLABEL berth.e2e="${repo}"\nCOPY . /ctx/\nCMD ["sh", "-c", "cat /ctx/greeting.txt; sleep 60"]\n`,
      'greeting.txt': 'hello from the build\n',
      '.dockerignore': 'secret.txt\n',
      'secret.txt': 'never sent',
    });
    const a = await start();
    await build(a, dir, tag);
    await a.waitForText('jobs');
    await a.waitForText(/Step 3\/4 : COPY \. \/ctx\//);
    await a.waitForText(new RegExp(`built ${repo}:1 \\(sha256:[0-9a-f]{12}…\\)`), 15_000);
    const info = await docker.getImage(tag).inspect();
    expect(info.Config.Labels?.['berth.e2e']).toBe(repo);

    // Esc leaves the jobs view; the status line keeps the result.
    await a.press(KEYS.escape);
    await a.waitForNoText('STATUS    JOB');
    await a.press('/', repo, KEYS.enter);
    await a.waitForText(new RegExp(`${repo}\\s+1\\s`));
    const name = uniqueName('berth-e2e-run');
    t.cleanup(() => docker.getContainer(name).remove({ force: true }));
    await a.press('r');
    await a.waitForText(`run ${tag}`);
    await a.press(name, KEYS.tab, KEYS.tab, 'FROM_UI=yes', KEYS.tab, KEYS.tab, KEYS.tab, 'none', KEYS.enter);
    await a.waitForText(`started ${name}`);
    const c = await docker.getContainer(name).inspect();
    expect(c.State.Running).toBe(true);
    expect(c.Image).toBe(info.Id);
    expect(c.Config.Env).toContain('FROM_UI=yes');
    expect(c.HostConfig.NetworkMode).toBe('none');
    // .dockerignore was honoured: the ignored file never reached the image.
    expect(await listing(name, '/ctx')).toEqual(['.dockerignore', 'Dockerfile', 'greeting.txt']);
  });

  it('c in the jobs view cancels a running build, and the engine removes the step container', async () => {
    const repo = uniqueName('berth-e2e-slow');
    const marker = uniqueName('step');
    const dir = context({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo ${marker} started sleeping && sleep 30\n` });
    const a = await start();
    await build(a, dir, `${repo}:1`);
    await a.waitForText('started sleeping', 15_000);
    // The step's container is really there: the check below could fail.
    expect(await stepContainers(marker)).toHaveLength(1);
    await a.press('c');
    await a.waitForText(/cancelled\s+build berth-e2e-slow/, 10_000);
    await a.waitForText(`build ${repo}:1 was cancelled`);
    // Long before the 30 s sleep could end, the engine killed and removed the step's container.
    await until('the build step container is gone', async () => (await stepContainers(marker)).length === 0, 15_000);
    expect(await docker.listImages({ filters: { reference: [`${repo}:1`] } })).toHaveLength(0);
  });

  it('a failing step shows as a failed job with the step and the engine message; J brings the view back', async () => {
    const repo = uniqueName('berth-e2e-broken');
    const dir = context({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo before the failure\nRUN echo about to fail && exit 7\nCMD ["true"]\n` });
    const a = await start();
    await build(a, dir, `${repo}:1`);
    await a.waitForText(/failed\s+build berth-e2e-broken/, 15_000);
    const screen = await a.waitForText('returned a non-zero code: 7');
    expect(screen).toMatch(/failed at step 3\/4/);
    expect(screen).toContain('about to fail');
    await a.press(KEYS.escape);
    await a.waitForNoText('STATUS    JOB');
    await a.press('J');
    await a.waitForText(/failed\s+build berth-e2e-broken/);
    expect(await docker.listImages({ filters: { reference: [`${repo}:1`] } })).toHaveLength(0);
  });

  it('refuses a context without a Dockerfile in the form, before anything starts', async () => {
    const dir = context({ 'README': 'no Dockerfile here' });
    const a = await start();
    await build(a, dir, 'berth-e2e-nothing:1');
    await a.waitForText(`There is no Dockerfile in ${dir}.`);
    await a.press(KEYS.escape);
    await a.press('J');
    await a.waitForText('No builds, pulls or pushes yet');
  });
});
