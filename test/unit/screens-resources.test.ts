// Key flows of the images, volumes and networks panes and the view stack, in-process on a
// fake engine.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, fakeContainer, fakeImage, fakeNetwork, fakeVolume } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

function engine(): FakeEngine {
  const app = fakeImage({ repository: 'app', tag: '1' });
  return new FakeEngine({
    containers: [
      fakeContainer({ name: 'web', imageId: app.id, mounts: [{ type: 'volume', name: 'data', source: '', destination: '/data' }], networks: ['appnet'] }),
      fakeContainer({ name: 'old', state: 'exited', imageId: app.id, mounts: [{ type: 'volume', name: 'cache', source: '', destination: '/cache' }] }),
    ],
    images: [app, fakeImage({ repository: 'unused', tag: 'x' })],
    volumes: [fakeVolume({ name: 'data' }), fakeVolume({ name: 'cache' }), fakeVolume({ name: 'orphan' }), fakeVolume({ name: 'precious', labels: { 'berth.keep': 'true' } })],
    networks: [fakeNetwork({ name: 'bridge' }), fakeNetwork({ name: 'appnet', subnets: ['198.18.0.0/24'] }), fakeNetwork({ name: 'spare' })],
  });
}

async function mount(opts: Parameters<typeof mountShell>[0] = {}): Promise<Driver> {
  const d = await mountShell({ engine: engine(), ...opts });
  open.push(d);
  return d;
}

describe('the images pane', () => {
  it('removes an unused image after asking, and refuses one a running container uses', async () => {
    const d = await mount();
    await d.press('2');
    await d.waitForText('▶ images');
    // Newest first by created, same times: ordered by id; find the rows by name.
    const rows = (await d.text()).split('\n');
    const unusedFirst = rows.findIndex((l) => l.includes('unused')) < rows.findIndex((l) => l.includes('app '));
    if (!unusedFirst) await d.press('j');
    await d.press('d');
    await d.waitForText('Remove unused:x');
    await d.press('y');
    await d.waitForText('removed unused:x');
    expect(d.engine.images.map((i) => i.repository)).toEqual(['app']);
    await d.refresh();
    await d.press('g', 'd');
    await d.waitForText('in use by running container web');
    expect(d.engine.callNames()).toEqual(['removeImage']);
  });
});

describe('keys in one burst', () => {
  // Regression: typing a filter, enter and an action key faster than a frame acted on the
  // row selected before the filter (a pty e2e test ran the wrong image).
  it('act on the row the filter left selected, not the one selected before it', async () => {
    const d = await mount();
    await d.press('2');
    await d.waitForText('▶ images');
    const [first] = (await d.text()).split('\n').filter((l) => /│ (app|unused) /.test(l));
    const other = first!.includes('app') ? 'unused' : 'app';
    await d.burst('/', ...other, 'enter', 'd');
    await d.waitForText(`Remove ${other}:`);
  });
});

describe('the volumes pane', () => {
  it('shows who uses each volume, and removes one only after asking', async () => {
    const d = await mount();
    await d.press('4');
    const t = await d.waitForText('▶ volumes');
    expect(t).toMatch(/data\s.*web/);
    expect(t).toMatch(/cache\s.*old \(exited\)/);
    expect(t).toMatch(/orphan\s.*unused/);
    // Sorted by name: cache, data, orphan, precious.
    await d.press('j', 'j', 'd');
    await d.waitForText('Remove volume orphan?');
    await d.press('y');
    await d.waitForText('removed volume orphan');
    expect(d.engine.volumes.map((v) => v.name)).toEqual(['data', 'cache', 'precious']);
  });

  it('names the containers that use a volume when the engine refuses to remove it', async () => {
    const d = await mount();
    await d.press('4');
    await d.waitForText('▶ volumes');
    await d.press('j', 'd');
    const t = await d.waitForText('Remove volume data?');
    expect(t).toContain('Used by web (running)');
    await d.press('y');
    await d.waitForText('Volume data is in use by web');
    expect(d.engine.volumes.some((v) => v.name === 'data')).toBe(true);
  });

  it('lists exactly what a prune removes, with what berth.keep keeps, before removing it', async () => {
    const d = await mount();
    await d.press('4');
    await d.waitForText('▶ volumes');
    await d.press('x');
    const t = await d.waitForText('prune volumes');
    expect(t).toContain('Remove 1 unused volume (1kB in all)');
    expect(t).toContain('orphan');
    expect(t).toContain('Kept by the label berth.keep=true: precious.');
    expect(d.engine.callNames()).toEqual(['unusedVolumes']);
    await d.press('y');
    await d.waitForText('removed 1 volume, reclaimed 1kB');
    expect(d.engine.calls.filter((c) => c.name === 'removeVolumes').map((c) => c.args[0])).toEqual([['orphan']]);
  });

  it('opens an inspect view on the stack; esc goes back to the pane', async () => {
    const d = await mount();
    await d.press('4');
    await d.waitForText('▶ volumes');
    await d.press('enter');
    let t = await d.waitForText('volume cache');
    expect(t).toContain('"usedBy"');
    expect(t).toContain('esc back');
    await d.press('/');
    await d.type('old');
    await d.press('enter');
    await d.waitForText('match 1/1 for "old"');
    await d.press('escape');
    t = await d.waitForText('▶ volumes');
    expect(t).not.toContain('"usedBy"');
  });
});

describe('the networks pane', () => {
  it('refuses to remove the engine\'s bridge before any call, with the reason', async () => {
    const d = await mount();
    await d.press('5');
    await d.waitForText('▶ networks');
    await d.press('g', 'd');
    await d.waitForText("bridge is one of the engine's predefined networks");
    expect(d.engine.callNames()).toEqual([]);
  });

  it('removes a user network after asking, saying which containers are attached', async () => {
    const d = await mount();
    await d.press('5');
    await d.waitForText('▶ networks');
    // bridge first, then appnet, spare.
    await d.press('j', 'd');
    const t = await d.waitForText('Remove network appnet');
    expect(t).toContain('Attached: web');
    await d.press('escape');
    await d.waitForText('kept appnet');
    await d.press('j', 'd');
    await d.waitForText('Remove network spare');
    await d.press('y');
    await d.waitForText('removed network spare');
    expect(d.engine.networks.map((n) => n.name)).toEqual(['bridge', 'appnet']);
  });
});

describe('read-only mode', () => {
  it('turns off every change in every pane and says why', async () => {
    const d = await mount({ readOnly: true });
    for (const [pane, keys] of [
      ['2', ['d', 'b', 'x']],
      ['4', ['n', 'd', 'x']],
      ['5', ['n', 'j', 'd', 'c', 'x']],
    ] as const) {
      await d.press(pane);
      for (const k of keys) {
        await d.press(k);
        if (k !== 'j') await d.waitForText('Read-only mode');
      }
    }
    expect(d.engine.callNames()).toEqual([]);
  });
});
