import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { containersUsing, imageHistory, inspectImage, listImages, pruneImages, removeImage, tagImage } from '../../src/docker/images.js';
import { buildImage, FIXTURE_IMAGE, runFixture } from '../support/fixtures.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const run = uniqueName('img');
// Every image this file builds carries this label, so prune can be narrowed to them (other files share the engine).
const LABEL = `berth.test=${run}`;
const keep = `${run}-keep:1`;
const dangle = `${run}-dangle:1`;
const containers: string[] = [];
let danglingId = '';

/** A layer's chain id, as the engine names layers: the first is its diff id, then sha256("<parent chain> <diff>"). */
function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const diff of diffIds) out.push(out.length ? `sha256:${createHash('sha256').update(`${out.at(-1)} ${diff}`).digest('hex')}` : diff);
  return out;
}

function dockerfile(extra: string): string {
  return `FROM ${FIXTURE_IMAGE}\nLABEL berth.test=${run}\nLABEL ${extra}\nCMD ["sh"]\n`;
}


beforeAll(async () => {
  await buildImage(raw, keep, dockerfile('role=keep'));
  // The first version has a layer of its own (a file), so pruning it reclaims real bytes.
  await buildImage(raw, dangle, `${dockerfile('version=1')}RUN echo ${run} only in version 1 > /only-in-v1\n`);
  danglingId = (await raw.getImage(dangle).inspect()).Id;
  // Building the same tag again leaves the first image without a tag: dangling.
  await buildImage(raw, dangle, dockerfile('version=2'));
});

afterAll(async () => {
  await Promise.all(containers.map((n) => raw.getContainer(n).remove({ force: true }).catch(() => undefined)));
  for (const ref of [keep, dangle, danglingId, `${run}-inuse:1`, `${run}-rm:1`]) await raw.getImage(ref).remove({ force: true }).catch(() => undefined);
});

describe('image reads', () => {
  it('lists images split into repository and tag, with the in-use count the engine leaves at -1', async () => {
    const user = uniqueName('img-user');
    containers.push(user);
    await runFixture(raw, user, undefined, { Image: keep });
    await raw.getContainer(user).stop({ t: 0 });
    const list = await listImages(docker);
    const mine = list.find((i) => i.repoTags.includes(keep))!;
    expect(mine).toMatchObject({ repository: `${run}-keep`, tag: '1', dangling: false, containers: 1 });
    expect(mine.shortId).toBe(mine.id.slice(7, 19));
    expect(mine.size).toBeGreaterThan(1_000_000);
    expect(mine.labels['berth.test']).toBe(run);
    expect(mine.created).toBeGreaterThan(Date.now() / 1000 - 600);
    const fresh = list.find((i) => i.repoTags.includes(dangle))!;
    expect(fresh.containers).toBe(0);
  });

  it('marks an untagged image as dangling, shown as <none>', async () => {
    const d = (await listImages(docker)).find((i) => i.id === danglingId);
    expect(d).toMatchObject({ dangling: true, repository: '<none>', tag: '<none>', repoTags: [] });
  });

  it('inspects an image', async () => {
    const i = await inspectImage(docker, keep);
    expect(i.repoTags).toEqual([keep]);
    expect(i.labels).toMatchObject({ role: 'keep', 'berth.test': run });
    expect(i.cmd).toEqual(['sh']);
    expect(i.env).toContain('PATH=/bin');
    expect(i.os).toBe('linux');
    expect(i.layers).toBeGreaterThanOrEqual(2);
    expect(Date.parse(i.created)).toBeGreaterThan(0);
  });

  it('gives the history newest layer first', async () => {
    const layers = await imageHistory(docker, keep);
    expect(layers[0]!.createdBy).toContain('CMD ["sh"]');
    expect(layers[0]!.tags).toEqual([keep]);
    expect(layers.some((l) => l.createdBy.includes('busybox --install'))).toBe(true);
    expect(layers.reduce((n, l) => n + l.size, 0)).toBeGreaterThan(1_000_000);
  });

  it('says a missing image is not found, naming it', async () => {
    for (const op of [inspectImage, imageHistory, removeImage]) {
      const err = await failure(op(docker, 'nope/missing:9'));
      expect(err.kind).toBe('notFound');
      expect(err.message).toContain('nope/missing:9');
    }
  });
});

describe('image actions', () => {
  it('tags an image; an invalid reference is refused before any call', async () => {
    const ref = await tagImage(docker, keep, `localhost:5000/${run}/copy`, 'v1.0');
    expect(ref).toBe(`localhost:5000/${run}/copy:v1.0`);
    expect((await inspectImage(docker, keep)).repoTags).toContain(ref);
    await removeImage(docker, ref);
    for (const [repo, tag] of [
      ['Has-Upper', 'x'],
      ['two  spaces', 'x'],
      ['a//b', 'x'],
      ['ok', '-leading-dash'],
      ['ok', 'x'.repeat(129)],
      ['', 'x'],
    ] as const) {
      const err = await failure(tagImage(docker, keep, repo, tag));
      expect(err.kind).toBe('badRequest');
      expect(err.statusCode).toBeUndefined();
    }
    const missing = await failure(tagImage(docker, 'nope/missing:9', 'fine', 'x'));
    expect(missing.kind).toBe('notFound');
  });

  it('removes one tag of an image with two, untagging only', async () => {
    const second = await tagImage(docker, keep, `${run}-second`, 'x');
    const res = await removeImage(docker, second);
    expect(res).toEqual({ untagged: [second], deleted: [] });
    expect((await inspectImage(docker, keep)).repoTags).toEqual([keep]);
  });

  it('removes an unused image: untagged and deleted', async () => {
    const ref = `${run}-rm:1`;
    await tagImage(docker, keep, `${run}-rm`, '1');
    await buildImage(raw, ref, dockerfile('role=rm'));
    const id = (await inspectImage(docker, ref)).id;
    const res = await removeImage(docker, ref);
    expect(res.untagged).toEqual([ref]);
    expect(res.deleted).toContain(id);
    expect((await failure(inspectImage(docker, id))).kind).toBe('notFound');
  });

  it('explains an image in use: which containers, and whether force can help', async () => {
    const ref = `${run}-inuse:1`;
    await buildImage(raw, ref, dockerfile('role=inuse'));
    const id = (await inspectImage(docker, ref)).id;
    const user = uniqueName('inuse-user');
    containers.push(user);
    await runFixture(raw, user, undefined, { Image: ref });
    expect((await containersUsing(docker, id)).map((c) => c.name)).toEqual([user]);

    const byTag = await failure(removeImage(docker, ref));
    expect(byTag.kind).toBe('conflict');
    expect(byTag.statusCode).toBe(409);
    expect(byTag.message).toBe(`Image ${ref} is used by container ${user} (running); remove it with force to delete it anyway.`);

    const forced = await failure(removeImage(docker, id, { force: true }));
    expect(forced.kind).toBe('conflict');
    expect(forced.engineMessage).toMatch(/cannot be forced/);
    expect(forced.message).toContain(`used by container ${user} (running)`);
    expect(forced.message).toContain('even force cannot remove it');
    expect((await inspectImage(docker, ref)).id).toBe(id);
  });

  it('prunes exactly the dangling images (and the intermediate layers only they held)', async () => {
    const topBefore = new Set((await listImages(docker)).map((i) => i.id));
    expect(topBefore.has(danglingId)).toBe(true);
    const ancestors = new Set((await imageHistory(docker, danglingId)).map((l) => l.id));
    // The bytes only the dangling image holds: its size beyond the fixture image it is built on,
    // in its top layer (the RUN's file), which the engine names by its chain id when it goes.
    const [info, base] = [await raw.getImage(danglingId).inspect(), await raw.getImage(FIXTURE_IMAGE).inspect()];
    const ownBytes = info.Size - base.Size;
    expect(ownBytes).toBeGreaterThan(0);
    const chain = chainIds(info.RootFS.Layers ?? []);
    expect(chain.length).toBe((base.RootFS.Layers ?? []).length + 1);
    const ownLayer = chain.at(-1)!;
    const res = await pruneImages(docker, { labels: [LABEL] });
    expect(res.deleted[0]).toBe(danglingId);
    // The classic builder leaves one intermediate image per step; those of the dangling image
    // go with it, and so does the layer only it held. Nothing else.
    expect(res.deleted).toContain(ownLayer);
    expect(res.deleted.filter((id) => !ancestors.has(id))).toEqual([ownLayer]);
    expect(res.spaceReclaimed).toBe(ownBytes);
    const topAfter = new Set((await listImages(docker)).map((i) => i.id));
    expect([...topBefore].filter((id) => !topAfter.has(id))).toEqual([danglingId]);
    expect((await inspectImage(docker, keep)).repoTags).toEqual([keep]);
    expect((await inspectImage(docker, dangle)).repoTags).toEqual([dangle]);
    expect((await pruneImages(docker, { labels: [LABEL] })).deleted).toEqual([]);
  });
});
