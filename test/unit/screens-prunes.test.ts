// The prunes of stopped containers, images and the build cache, in-process on a fake engine:
// the preview lists exactly what goes, berth.keep=true stays, nothing is removed before the
// answer, and the report says what changed while the question was open.
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildCacheRow } from '../../src/docker/build-cache.js';
import { FakeEngine, fakeContainer, fakeImage } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const exited = { state: 'exited' as const, status: 'Exited (0) 2 minutes ago' };
const record = (id: string, p: Partial<BuildCacheRow> = {}): BuildCacheRow => ({ id: id.padEnd(25, '0'), type: 'regular', size: 1_000_000, inUse: false, shared: false, description: `step ${id}`, ...p });

async function mount(engine: FakeEngine): Promise<Driver> {
  const d = await mountShell({ engine, cols: 140, rows: 40 });
  open.push(d);
  return d;
}

describe('the stopped containers prune', () => {
  it('lists each stopped container with its writable layer, keeps berth.keep=true, and reports one started meanwhile', async () => {
    const engine = new FakeEngine({
      containers: [
        fakeContainer({ name: 'web' }),
        fakeContainer({ name: 'alpha', ...exited }),
        fakeContainer({ name: 'bravo', ...exited }),
        fakeContainer({ name: 'keeper', ...exited, labels: { 'berth.keep': 'true' } }),
      ],
    });
    engine.sizes.set('alpha', 52_000).set('bravo', 3_000);
    const d = await mount(engine);
    await d.waitForText('web');
    await d.press('x');
    const t = await d.waitForText('prune containers');
    expect(t).toContain('Remove 2 stopped containers (55kB in all)? This cannot be undone.');
    expect(t).toMatch(/alpha {2}52kB {2}Exited \(0\) 2 minutes ago/);
    expect(t).toMatch(/bravo {2}3kB/);
    expect(t).toContain('Kept by the label berth.keep=true: keeper.');
    expect(engine.calls.map((c) => c.name)).not.toContain('removeStoppedContainers');
    // bravo is started while the question is open: it is not removed, and the report says so.
    const bravo = engine.containers.find((c) => c.name === 'bravo')!;
    engine.containers = engine.containers.map((c) => (c === bravo ? { ...c, state: 'running' } : c));
    await d.press('y');
    await d.waitForText('removed 1 container, reclaimed 52kB; bravo: started since the preview: not removed');
    expect(engine.containers.map((c) => c.name).sort()).toEqual(['bravo', 'keeper', 'web']);
  });

  it('says there is nothing to prune, and what the label kept', async () => {
    const engine = new FakeEngine({ containers: [fakeContainer({ name: 'web' }), fakeContainer({ name: 'keeper', ...exited, labels: { 'berth.keep': 'true' } })] });
    const d = await mount(engine);
    await d.waitForText('web');
    await d.press('x');
    await d.waitForText('No stopped containers to remove. Kept by the label berth.keep=true: keeper.');
    expect(engine.containers).toHaveLength(2);
  });
});

describe('the image prune', () => {
  function images(): FakeEngine {
    const used = fakeImage({ repository: 'app', tag: '1', size: 9_000_000 });
    return new FakeEngine({
      containers: [fakeContainer({ name: 'web', imageId: used.id })],
      images: [
        used,
        fakeImage({ repository: 'old', tag: '2', size: 4_000_000 }),
        fakeImage({ repository: '<none>', tag: '<none>', repoTags: [], dangling: true, size: 2_000_000 }),
        fakeImage({ repository: 'precious', tag: '1', labels: { 'berth.keep': 'true' } }),
      ],
    });
  }

  it('asks which set, then lists only the dangling ones when those are chosen', async () => {
    const engine = images();
    const dangling = engine.images.find((i) => i.dangling)!;
    const d = await mount(engine);
    await d.press('2', 'x');
    const choice = await d.waitForText('Which do you want to prune?');
    expect(choice).toContain('d: dangling (untagged) only: 1 image, 1MB');
    expect(choice).toContain('a: every unused image, tagged ones too: 2 images, 3MB');
    await d.press('d');
    const t = await d.waitForText('Remove 1 dangling image (1MB in all)?');
    expect(t).toContain(dangling.shortId);
    expect(t).toContain('Kept by the label berth.keep=true: precious:1.');
    expect(t).not.toContain('Tagged images go too');
    await d.press('y');
    await d.waitForText('removed 1 image, reclaimed 1MB');
    expect(engine.images.map((i) => i.repoTags[0] ?? 'dangling').sort()).toEqual(['app:1', 'old:2', 'precious:1']);
  });

  it('removes every unused image when asked, tagged ones too, and never the one in use or the kept one', async () => {
    const engine = images();
    const d = await mount(engine);
    await d.press('2', 'x');
    await d.waitForText('Which do you want to prune?');
    await d.press('a');
    const t = await d.waitForText('Remove 2 unused images (3MB in all)?');
    expect(t).toMatch(/old:2 {2}2MB of 4MB \(the rest is shared\)/);
    expect(t).toContain('Tagged images go too');
    await d.press('y');
    await d.waitForText('removed 2 images, reclaimed 3MB');
    expect(engine.images.map((i) => i.repoTags[0]).sort()).toEqual(['app:1', 'precious:1']);
  });

  it('esc at the choice removes nothing', async () => {
    const engine = images();
    const d = await mount(engine);
    await d.press('2', 'x');
    await d.waitForText('Which do you want to prune?');
    await d.press('escape');
    await d.waitForText('nothing removed');
    expect(engine.images).toHaveLength(4);
  });
});

describe('the build cache prune', () => {
  it("lists the records the engine's build prune takes, and reports what it removed against that list", async () => {
    const engine = new FakeEngine();
    engine.buildCache = [record('a'), record('b', { size: 500_000, shared: true }), record('c', { inUse: true }), record('d', { type: 'internal', size: 2_000 })];
    const d = await mount(engine);
    await d.press('2', 'X');
    const choice = await d.waitForText('Which do you want to prune?');
    expect(choice).toContain('d: unused and not shared (docker builder prune): 1 build cache record, 1MB');
    expect(choice).toContain('a: every unused record (docker builder prune -a): 3 build cache records, 1.5MB');
    await d.press('a');
    const t = await d.waitForText('Remove 3 unused build cache records (1.5MB in all)?');
    expect(t).toContain('a00000000000 regular  1MB');
    expect(t).toContain('1 record in use stays.');
    expect(t).toContain('berth.keep=true cannot keep one');
    // A build ends while the question is open: its record is unused too when the engine prunes.
    engine.buildCache = engine.buildCache.map((r) => (r.id.startsWith('c') ? { ...r, inUse: false } : r));
    await d.press('y');
    await d.waitForText('removed 4 build cache records, reclaimed 2.5MB; 1 record not listed went too (unused by then)');
    expect(engine.calls.filter((c) => c.name === 'pruneBuildCache').map((c) => c.args[0])).toEqual([{ all: true }]);
    expect(engine.buildCache).toEqual([]);
  });

  it('the disk usage view says where each kind of space is freed, naming the keys as bound', async () => {
    const engine = new FakeEngine();
    engine.buildCache = [record('a')];
    const d = await mount(engine);
    await d.press('U');
    const t = await d.waitForText('To free space:');
    expect(t).toContain('Build cache (1)');
    expect(t).toContain('x in the containers pane prunes stopped containers, x in the images pane unused images');
    expect(t).toContain('and X there the build cache, x in the volumes pane unused volumes.');
  });

  it('says so when every record is in use', async () => {
    const engine = new FakeEngine();
    engine.buildCache = [record('c', { inUse: true })];
    const d = await mount(engine);
    await d.press('2', 'X');
    await d.waitForText('No unused build cache records to remove.');
    expect(engine.calls.map((c) => c.name)).not.toContain('pruneBuildCache');
  });
});
