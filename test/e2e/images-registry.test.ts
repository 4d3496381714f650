// Push and pull from the images pane against real registries (Debian's docker-registry
// inside the private engine's namespace): push a tag, remove it locally, pull it back,
// same image id; wrong credentials say "unauthorized".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { FIXTURE_IMAGE, buildImage } from '../support/fixtures.js';
import { e2eApp } from '../support/e2e-app.js';
import { KEYS, type AppSession } from '../support/pty.js';
import { startRegistry, type RegistryHandle } from '../support/registry.js';
import { startAll } from '../support/peers/netns.js';

const t = e2eApp();
const docker = t.docker;
let app: AppSession | undefined;
let open: RegistryHandle;
let secured: RegistryHandle;

beforeAll(async () => {
  const netns = inject('engineNetns');
  const parentDir = inject('engineDir') || undefined;
  [open, secured] = await startAll<[RegistryHandle, RegistryHandle]>([
    startRegistry({ netns, ...(parentDir ? { parentDir } : {}) }),
    startRegistry({ netns, ...(parentDir ? { parentDir } : {}), auth: { username: 'berth', password: 'right' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([open?.stop(), secured?.stop()]);
});

/** A DOCKER_CONFIG directory with these auths, so the user's own config is never read. */
function dockerConfig(auths: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-docker-config-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }));
  t.cleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(configDir: string): Promise<AppSession> {
  app = t.launch({ env: { DOCKER_CONFIG: configDir }, cols: 140, rows: 40 });
  await app.waitForStart();
  await app.press('2');
  return app;
}

async function filterTo(a: AppSession, text: string): Promise<void> {
  await a.press('/', '\x15', text, KEYS.enter);
  await a.waitForText(new RegExp(`│ ${text}`));
}

/** An image with a layer of its own, so removing it locally really removes data. */
async function uniqueImage(): Promise<{ tag: string; id: string }> {
  const tag = `${uniqueName('berth-e2e-push')}:src`;
  await buildImage(docker, tag, `FROM ${FIXTURE_IMAGE}\nCOPY unique.txt /unique.txt\n`, { 'unique.txt': `${tag} ${Date.now()}\n` });
  t.cleanup(() => docker.getImage(tag).remove({ force: true }));
  return { tag, id: (await docker.getImage(tag).inspect()).Id };
}

describe('push and pull from the images pane', () => {
  it('pushes the selected tag, and pulls it back after it was removed: same image id', async () => {
    const img = await uniqueImage();
    const repo = `${open.host}/${uniqueName('berth-e2e')}`;
    const ref = `${repo}:1`;
    await docker.getImage(img.tag).tag({ repo, tag: '1' });
    t.cleanup(() => docker.getImage(ref).remove({ force: true }));
    const a = await start(dockerConfig({}));
    await filterTo(a, repo);
    await a.press('P');
    await a.waitForText(`Push ${ref} to ${open.host}`);
    await a.press('y');
    await a.waitForText(new RegExp(`pushed ${ref.replace(/\./g, '\\.')}, digest sha256:[0-9a-f]{12}`), 15_000);
    await a.waitForText(/done\s+push /);

    await docker.getImage(ref).remove();
    await docker.getImage(img.tag).remove();
    await expect(docker.getImage(img.id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    await a.press(KEYS.escape);
    await a.press('p');
    await a.waitForText('pull an image');
    await a.press(ref, KEYS.enter);
    await a.waitForText(`pulled ${ref} (${img.id.slice(7, 19)}`, 15_000);
    // Per-layer rows: the image's own layer came again, the busybox one was still there.
    const pulled = await a.waitForText(/done\s+pull /);
    expect(pulled).toMatch(/already exists/);
    expect(pulled).toMatch(/\d+\/\d+ layers done/);
    expect((await docker.getImage(ref).inspect()).Id).toBe(img.id);
  });

  it('refuses a malformed reference in the pull form', async () => {
    const a = await start(dockerConfig({}));
    await a.press('p');
    await a.waitForText('pull an image');
    await a.press('127.0.0.1:5000/App:1', KEYS.enter);
    await a.waitForText('Not an image reference: the repository name must be lowercase.');
  });

  it('a pull of a missing repository says it is not found', async () => {
    const a = await start(dockerConfig({}));
    await a.press('p');
    await a.waitForText('pull an image');
    await a.press(`${open.host}/berth-e2e-nothing-here:1`, KEYS.enter);
    await a.waitForText(/Cannot pull .*berth-e2e-nothing-here:1: not found/, 15_000);
  });

  it('a push with wrong credentials shows "unauthorized"', async () => {
    const repo = `${secured.host}/${uniqueName('berth-e2e-auth')}`;
    await docker.getImage(FIXTURE_IMAGE).tag({ repo, tag: 'wrong' });
    t.cleanup(() => docker.getImage(`${repo}:wrong`).remove({ force: true }));
    const auth = { auth: Buffer.from('berth:wrong-password').toString('base64') };
    const a = await start(dockerConfig({ [secured.host]: auth }));
    await filterTo(a, repo);
    await a.press('P');
    await a.waitForText('as berth (from the Docker config file)');
    await a.press('y');
    const screen = await a.waitForText(/failed\s+push /, 15_000);
    expect(screen).toContain(`Cannot push ${repo}:wrong: unauthorized`);
  });
});
