// Push and pull against real registries (Debian's docker-registry) running inside the
// private engine's network namespace: one open, one with basic auth.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import type { ProgressEvent } from '../../src/docker/progress.js';
import { pullImage } from '../../src/docker/pull.js';
import { pushImage } from '../../src/docker/push.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { FIXTURE_IMAGE, buildImage as buildTestImage } from '../support/fixtures.js';
import { startRegistry, type RegistryHandle } from '../support/registry.js';
import { startAll } from '../support/peers/netns.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const USER = 'berth';
const PASS = 's3cret:with/colon+plus';

let open: RegistryHandle;
let secured: RegistryHandle;
const configDirs: string[] = [];
const tagsToRemove: string[] = [];

function configWith(auths: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
  configDirs.push(dir);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }));
  return dir;
}
const basic = (user: string, pass: string) => ({ auth: Buffer.from(`${user}:${pass}`).toString('base64') });


/** An image with a layer of its own, so removing it locally really removes data. */
async function uniqueImage(): Promise<{ tag: string; id: string }> {
  const tag = `${uniqueName('berth-push')}:src`;
  await buildTestImage(raw, tag, `FROM ${FIXTURE_IMAGE}\nCOPY unique.txt /unique.txt\n`, { 'unique.txt': `${tag} ${Date.now()}\n` });
  tagsToRemove.push(tag);
  return { tag, id: (await raw.getImage(tag).inspect()).Id };
}

async function tagAs(source: string, repo: string, tag: string): Promise<string> {
  await raw.getImage(source).tag({ repo, tag });
  tagsToRemove.push(`${repo}:${tag}`);
  return `${repo}:${tag}`;
}

beforeAll(async () => {
  const netns = inject('engineNetns');
  const parentDir = inject('engineDir') || undefined;
  [open, secured] = await startAll<[RegistryHandle, RegistryHandle]>([
    startRegistry({ netns, ...(parentDir ? { parentDir } : {}) }),
    startRegistry({ netns, auth: { username: USER, password: PASS }, ...(parentDir ? { parentDir } : {}) }),
  ]);
});

afterAll(async () => {
  await Promise.all(tagsToRemove.map((t) => raw.getImage(t).remove({ force: true }).catch(() => undefined)));
  await Promise.all([open?.stop(), secured?.stop()]);
  for (const d of configDirs) rmSync(d, { recursive: true, force: true });
});

describe('push and pull against a real registry', () => {
  it('pushes, removes locally, pulls back the same image id with progress', async () => {
    const img = await uniqueImage();
    const ref = await tagAs(img.tag, `${open.host}/app`, '1');
    const pushEvents: ProgressEvent[] = [];
    const pushed = await pushImage(docker, ref, { onProgress: (e) => pushEvents.push(e), configDir: configWith({}) });
    expect(pushed.ref).toBe(ref);
    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pushed.size).toBeGreaterThan(0);
    expect(pushEvents.some((e) => e.status === 'Pushed')).toBe(true);

    await raw.getImage(ref).remove();
    await raw.getImage(img.tag).remove();
    await expect(raw.getImage(img.id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const pullEvents: ProgressEvent[] = [];
    const pulled = await pullImage(docker, ref, { onProgress: (e) => pullEvents.push(e), configDir: configWith({}) });
    expect(pulled).toEqual({ ref, id: img.id, digest: pushed.digest });
    // The image's own layer travelled again; the busybox layer was still there.
    expect(pullEvents.some((e) => e.status === 'Pull complete')).toBe(true);
    expect(pullEvents.some((e) => e.status === 'Already exists')).toBe(true);

    const byDigest = await pullImage(docker, `${open.host}/app@${pushed.digest}`, {});
    expect(byDigest).toEqual({ ref: `${open.host}/app@${pushed.digest}`, id: img.id, digest: pushed.digest });
  });

  it('pulls "latest" when no tag is given, never every tag', async () => {
    const img = await uniqueImage();
    const repo = `${open.host}/${uniqueName('latest')}`;
    // Both tags are in the registry, so a pull of every tag would bring :other back.
    await tagAs(img.tag, repo, 'latest');
    await tagAs(img.tag, repo, 'other');
    // No tag pushes latest only (an empty tag would push every tag).
    expect((await pushImage(docker, repo, {})).ref).toBe(`${repo}:latest`);
    expect((await pushImage(docker, `${repo}:other`, {})).ref).toBe(`${repo}:other`);
    await raw.getImage(`${repo}:latest`).remove();
    await raw.getImage(`${repo}:other`).remove();
    const pulled = await pullImage(docker, repo, {});
    expect(pulled.ref).toBe(`${repo}:latest`);
    const tags = (await raw.getImage(img.id).inspect()).RepoTags;
    expect(tags).toContain(`${repo}:latest`);
    expect(tags).not.toContain(`${repo}:other`);
    // And :other really was there to be pulled: asked for by name, it comes.
    expect((await pullImage(docker, `${repo}:other`, {})).id).toBe(img.id);
    expect((await raw.getImage(img.id).inspect()).RepoTags).toContain(`${repo}:other`);
  });

  it('pushes to the auth registry with the credentials of config.json', async () => {
    const img = await uniqueImage();
    const ref = await tagAs(img.tag, `${secured.host}/app`, 'ok');
    const pushed = await pushImage(docker, ref, { configDir: configWith({ [secured.host]: basic(USER, PASS) }) });
    expect(pushed.digest).toMatch(/^sha256:/);
    await raw.getImage(ref).remove();
    const pulled = await pullImage(docker, ref, { configDir: configWith({ [`http://${secured.host}/v2/`]: { username: USER, password: PASS } }) });
    expect(pulled.id).toBe(img.id);
  });

  it('says "unauthorized" for a push with wrong credentials (the engine answers 200 and hides it in the stream)', async () => {
    const ref = await tagAs(FIXTURE_IMAGE, `${secured.host}/app`, 'wrong');
    const err = await failure(pushImage(docker, ref, { configDir: configWith({ [secured.host]: basic(USER, 'nope') }) }));
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toMatch(/unauthorized/);
    expect(err.message).toContain(ref);
    const none = await failure(pushImage(docker, ref, { configDir: configWith({}) }));
    expect(none.kind).toBe('unauthorized');
  });

  it('says "unauthorized" for a pull with wrong credentials (the engine answers 500)', async () => {
    const err = await failure(pullImage(docker, `${secured.host}/app:ok`, { configDir: configWith({ [secured.host]: basic(USER, 'nope') }) }));
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toMatch(/unauthorized/);
  });

  it('reports a missing tag or repository as notFound', async () => {
    const tag = await failure(pullImage(docker, `${open.host}/app:no-such-tag`, {}));
    expect(tag.kind).toBe('notFound');
    expect(tag.message).toMatch(new RegExp(`Cannot pull ${open.host}/app:no-such-tag: not found`));
    const repo = await failure(pullImage(docker, `${open.host}/no-such-repo:1`, {}));
    expect(repo.kind).toBe('notFound');
  });

  it('reports a push of an image that does not exist locally as notFound', async () => {
    const err = await failure(pushImage(docker, `${open.host}/${uniqueName('ghost')}:1`, {}));
    expect(err.kind).toBe('notFound');
    expect(err.message).toMatch(/no local image with that tag/);
  });

  it('reports a registry nobody listens on as unreachable, for pull and push', async () => {
    const pull = await failure(pullImage(docker, '127.0.0.1:1/app:1', {}));
    expect(pull.kind).toBe('unreachable');
    expect(pull.message).toMatch(/registry 127\.0\.0\.1:1 cannot be reached/);
    const ref = await tagAs(FIXTURE_IMAGE, '127.0.0.1:1/app', '1');
    const push = await failure(pushImage(docker, ref, {}));
    expect(push.kind).toBe('unreachable');
  });

  it('refuses invalid references before any call', async () => {
    // A client whose daemon does not exist: any call would fail as unreachable instead.
    const nowhere = createClient(parseHostUrl('unix:///nonexistent/docker.sock', 'flag'));
    for (const bad of ['UPPER/app', 'app:', 'app:bad tag', `${open.host}/app@sha256:short`, '']) {
      const pull = await failure(pullImage(nowhere, bad, {}));
      expect(pull.kind).toBe('badRequest');
      expect(pull.message).toMatch(/^Invalid image reference/);
      const push = await failure(pushImage(nowhere, bad, {}));
      expect(push.kind).toBe('badRequest');
    }
    const digest = await failure(pushImage(nowhere, `app@sha256:${'a'.repeat(64)}`, {}));
    expect(digest.message).toMatch(/push a tag, not a digest/);
  });

  it('cancels a pull when the signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await failure(pullImage(docker, `${open.host}/app:1`, { signal: ac.signal }));
    expect(err.message).toMatch(/cancelled/);
  });

  it('cancels a pull that is under way: the image never arrives', async () => {
    // A layer of 40 MB of random bytes (gzip cannot shrink it): the pull takes a while, and
    // the abort comes on its first progress event, long before the layer is in.
    const tag = `${uniqueName('berth-big')}:src`;
    await buildTestImage(raw, tag, `FROM ${FIXTURE_IMAGE}\nRUN head -c 40000000 /dev/urandom > /big\n`);
    tagsToRemove.push(tag);
    const id = (await raw.getImage(tag).inspect()).Id;
    const ref = await tagAs(tag, `${open.host}/${uniqueName('big')}`, '1');
    await pushImage(docker, ref, {});
    await raw.getImage(ref).remove();
    await raw.getImage(tag).remove();
    await expect(raw.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const ac = new AbortController();
    const events: ProgressEvent[] = [];
    const err = await failure(
      pullImage(docker, ref, {
        signal: ac.signal,
        onProgress: (e) => {
          events.push(e);
          ac.abort();
        },
      }),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(err.kind).toBe('cancelled');
    expect(err.message).toMatch(/cancelled/);
    // The engine gave up with the client: some seconds later the image is still not there.
    await new Promise((r) => setTimeout(r, 4000));
    await expect(raw.getImage(ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(raw.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  }, 60_000);
});
