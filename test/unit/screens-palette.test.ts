// The `:` command palette, in-process: it finds actions and panes by typing, and runs the
// choice through the same gate as the key.
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzyScore } from '../../src/render/fuzzy.js';
import { paletteTargets, rankTargets } from '../../src/screens/shell/palette.js';
import { ACTIONS, PANES, VIEWS } from '../../src/screens/registry.js';
import { FakeEngine, fakeContainer, fakeVolume } from '../support/fake-engine.js';
import { mountShell, type Driver, type MountOptions } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function mount(opts: MountOptions = {}): Promise<Driver> {
  const engine = new FakeEngine({ containers: [fakeContainer({ name: 'web' })], volumes: [fakeVolume({ name: 'cache' })] });
  const d = await mountShell({ engine, ...opts });
  open.push(d);
  return d;
}

describe('fuzzy matching', () => {
  it('matches characters in order, preferring substrings and word starts', () => {
    expect(fuzzyScore('stp', 'Stop the selected container')).toBeDefined();
    expect(fuzzyScore('pts', 'Stop')).toBeUndefined();
    expect(fuzzyScore('stop', 'Stop the selected container')!).toBeGreaterThan(fuzzyScore('stop', 'Show the top of a stopped list')!);
    expect(fuzzyScore('rsc', 'Restart the selected container')!).toBeGreaterThan(fuzzyScore('rsc', 'Words or scattered characters')!);
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('ranks stop first for "stop" in the containers pane', () => {
    const viewOpeners = VIEWS.flatMap((v) => Object.keys(v.open));
    const targets = paletteTargets({ actions: ACTIONS, panes: PANES, viewOpeners, active: ['containers', 'global'], runAction: () => undefined, focusPane: () => undefined });
    expect(rankTargets(targets, 'stop')[0]?.id).toBe('containers.stop');
    expect(rankTargets(targets, ':vol')[0]?.id).toBe(':volumes');
    expect(rankTargets(targets, ':events')[0]?.id).toBe(':events');
    expect(rankTargets(targets, ':img')[0]?.id).toBe(':images');
    // Modal keys and view keys (no view is open) are not offered.
    expect(targets.some((t) => t.id.startsWith('dialog.') || t.id.startsWith('view.') || t.id === 'palette.open')).toBe(false);
  });
});

describe('the command palette', () => {
  it('finds "stop" and runs it on the selected container', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press(':');
    await d.waitForText('go to the containers pane');
    await d.type('stop');
    const screen = await d.waitForText('Stop the selected container');
    expect(screen).toMatch(/: stop/);
    await d.press('enter');
    await d.waitForText('stopped web');
    expect(d.engine.callNames()).toEqual(['stopContainer']);
  });

  it('opens a view by name', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press(':');
    await d.type(':events');
    await d.press('enter');
    await d.waitForText('events');
    await d.waitForText(/esc back|back/);
  });

  it('goes to a pane by name', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press(':');
    await d.type(':volumes');
    await d.press('enter');
    await d.waitForText('▶ volumes');
  });

  it('refuses what read-only mode refuses, with the reason', async () => {
    const d = await mount({ readOnly: true });
    await d.waitForText('web');
    await d.press(':');
    await d.type('stop');
    await d.press('enter');
    await d.waitForText('Read-only mode');
    expect(d.engine.callNames()).toEqual([]);
  });

  it('runs another pane\'s action on that pane, and esc closes it without running anything', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press(':');
    await d.type('xyzzy');
    await d.waitForText('Nothing matches.');
    await d.press('escape');
    expect(await d.text()).not.toContain('Nothing matches.');
    await d.press(':');
    await d.type('inspect volume');
    await d.press('enter');
    // The volumes pane was focused, and its selected volume inspected.
    await d.waitForText('"mountpoint": "/var/lib/docker/volumes/cache/_data"');
    await d.press('escape');
    await d.waitForText('▶ volumes');
  });
});
