// The container and image prunes of src/docker/prune.ts against the real engine: the preview
// reads, and removal of exactly the previewed items with what changed since said in words.
// Other files share the engine: only this file's objects are removed, and only they are checked.
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { removeStoppedContainers, removeUnusedImages, stoppedContainers, unusedImages } from '../../src/docker/prune.js';
import { BUSYBOX_DOCKERFILE, FIXTURE_IMAGE, buildImage, runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const OWNER = uniqueName('prune-test');
const LABELS = { 'berth-test': OWNER };
const images: string[] = [];

afterAll(async () => {
  const containers = await raw.listContainers({ all: true, filters: { label: [`berth-test=${OWNER}`] } });
  await Promise.all(containers.map((c) => raw.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  for (const ref of images.reverse()) await raw.getImage(ref).remove({ force: true }).catch(() => undefined);
});

async function exited(name: string, cmd = 'true', labels: Record<string, string> = {}): Promise<string> {
  const c = await raw.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', cmd], Labels: { ...LABELS, ...labels }, HostConfig: { NetworkMode: 'none' } });
  await c.start();
  await c.wait();
  return c.id;
}

async function image(tag: string, tail = ''): Promise<string> {
  await buildImage(raw, tag, `${BUSYBOX_DOCKERFILE}LABEL berth-test="${OWNER}"\n${tail}RUN echo ${tag} > /tag\n`);
  const id = (await raw.getImage(tag).inspect()).Id;
  images.push(id);
  return id;
}

describe('stopped containers', () => {
  it('lists exited and created containers with their writable layers, keeps berth.keep=true, leaves running and paused ones out', async () => {
    const big = await exited(uniqueName('big'), 'head -c 50000 /dev/zero > /blob');
    const created = await raw.createContainer({ name: uniqueName('created'), Image: FIXTURE_IMAGE, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: 'none' } });
    const kept = await exited(uniqueName('kept'), 'true', { 'berth.keep': 'true' });
    const running = await runFixture(raw, uniqueName('running'), undefined, { Labels: LABELS });
    const paused = await runFixture(raw, uniqueName('paused'), undefined, { Labels: LABELS });
    await paused.pause();
    const { stopped, kept: keptOnes } = await stoppedContainers(docker);
    const ids = stopped.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([big, created.id]));
    expect(ids).not.toContain(kept);
    expect(ids).not.toContain(running.id);
    expect(ids).not.toContain(paused.id);
    expect(keptOnes.map((c) => c.id)).toContain(kept);
    expect(stopped.find((c) => c.id === big)!.sizeRw).toBeGreaterThanOrEqual(50_000);
    expect(stopped.find((c) => c.id === created.id)).toMatchObject({ state: 'created' });
    await paused.unpause();
  });

  it('removes exactly the listed ones; one started or removed since the preview is reported, not forced', async () => {
    const a = await exited(uniqueName('a'));
    const started = (await raw.createContainer({ name: uniqueName('started'), Image: FIXTURE_IMAGE, Cmd: ['sleep', '1000'], Labels: LABELS, HostConfig: { NetworkMode: 'none' } })).id;
    const gone = await exited(uniqueName('gone'));
    await raw.getContainer(started).start();
    await raw.getContainer(gone).remove();
    const r = await removeStoppedContainers(docker, [a, started, gone]);
    expect(r.removed).toEqual([a]);
    expect(r.failed).toEqual([
      { name: started, reason: 'started since the preview: not removed' },
      { name: gone, reason: 'already gone (removed since the preview)' },
    ]);
    expect((await raw.getContainer(started).inspect()).State.Running).toBe(true);
  });
});

describe('unused images', () => {
  it('lists unused images with the bytes they alone hold, keeps berth.keep=true, and leaves out those a stopped container uses', async () => {
    const free = await image(`${uniqueName('berth-prune-free')}:1`);
    const used = await image(`${uniqueName('berth-prune-used')}:1`);
    const keep = await image(`${uniqueName('berth-prune-keep')}:1`, 'LABEL berth.keep=true\n');
    await raw.createContainer({ name: uniqueName('user'), Image: used, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: 'none' } });
    const { unused, kept } = await unusedImages(docker);
    const mine = unused.find((i) => i.id === free)!;
    expect(mine).toMatchObject({ dangling: false });
    expect(mine.name).toMatch(/^berth-prune-free/);
    // It shares the busybox layers with the fixture image: what it alone holds is less than its size.
    expect(mine.unique).toBeGreaterThan(0);
    expect(mine.unique).toBeLessThan(mine.size);
    expect(unused.map((i) => i.id)).not.toContain(used);
    expect(unused.map((i) => i.id)).not.toContain(keep);
    expect(kept.map((i) => i.id)).toContain(keep);
  });

  it('removes each listed image by its tags; one used, tagged again or gone since the preview is reported', async () => {
    const twoTags = `${uniqueName('berth-prune-two')}:1`;
    const two = await image(twoTags);
    await raw.getImage(two).tag({ repo: twoTags.replace(/:1$/, ''), tag: '2' });
    const nowUsed = await image(`${uniqueName('berth-prune-nowused')}:1`);
    const retagged = await image(`${uniqueName('berth-prune-retag')}:1`);
    const gone = await image(`${uniqueName('berth-prune-gone')}:1`);
    const preview = (await unusedImages(docker)).unused.filter((i) => [two, nowUsed, retagged, gone].includes(i.id));
    expect(preview).toHaveLength(4);
    expect(preview.find((i) => i.id === two)!.tags).toHaveLength(2);
    // Since the preview: a container uses one, another gets a new tag, one is removed.
    await raw.createContainer({ name: uniqueName('newuser'), Image: nowUsed, Cmd: ['true'], Labels: LABELS, HostConfig: { NetworkMode: 'none' } });
    await raw.getImage(retagged).tag({ repo: uniqueName('berth-prune-newtag'), tag: '1' });
    await raw.getImage(gone).remove({ force: true });
    const r = await removeUnusedImages(docker, preview);
    expect(r.removed).toEqual([two]);
    const reasons = new Map(r.failed.map((f) => [f.name, f.reason]));
    expect(reasons.get(nowUsed)).toMatch(/^in use since the preview: /);
    expect(reasons.get(retagged)).toBe('untagged but kept: it has another tag now, or another image is built on it');
    expect(reasons.get(gone)).toBe('already gone (removed since the preview)');
    await expect(raw.getImage(two).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await raw.getImage(nowUsed).inspect()).Id).toBe(nowUsed);
  });
});
