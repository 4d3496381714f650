// Marking rows and acting on all of them at once, in-process on a fake engine.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, fakeContainer, fakeVolume } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function mount(): Promise<Driver> {
  const engine = new FakeEngine({
    containers: [
      fakeContainer({ name: 'alpha', state: 'exited', status: 'Exited (0) 1 minute ago' }),
      fakeContainer({ name: 'bravo', state: 'running' }),
      fakeContainer({ name: 'charlie', state: 'exited', status: 'Exited (1) 1 minute ago' }),
      fakeContainer({ name: 'delta', state: 'running' }),
    ],
    volumes: [fakeVolume({ name: 'v1' }), fakeVolume({ name: 'v2' }), fakeVolume({ name: 'v3' })],
  });
  const d = await mountShell({ engine, cols: 160, rows: 40 });
  open.push(d);
  return d;
}

describe('marked rows', () => {
  it('removes every marked container it can, asking once, and reports each one', async () => {
    const d = await mount();
    await d.press('a', 'o', 'o', 'o', 'o', 'o', 'o');
    // Sorted by name: alpha, bravo, charlie, delta.
    await d.waitForText('sorted by name');
    await d.press('g', 'space', 'space', 'space');
    await d.waitForText('3 marked');
    await d.press('d');
    const t = await d.waitForText('Remove 3 marked containers?');
    for (const n of ['alpha', 'bravo', 'charlie']) expect(t).toContain(`  ${n}`);
    expect(d.engine.callNames()).toEqual([]);
    await d.press('y');
    const report = await d.waitForText('charlie: removed');
    expect(report).toMatch(/alpha: removed; bravo: You cannot remove a running container/);
    expect(d.engine.containers.map((c) => c.name).sort()).toEqual(['bravo', 'delta']);
    // What failed stays marked, to try again.
    await d.refresh();
    await d.waitForText('1 marked');
  });

  it('marks every row a filter shows, and clears the marks with esc', async () => {
    const d = await mount();
    await d.press('4');
    await d.waitForText('▶ volumes');
    await d.press('/');
    await d.type('v');
    await d.press('enter', '*');
    await d.waitForText('3 marked');
    await d.press('escape');
    const t = await d.text();
    expect(t).not.toContain('marked');
  });

  it('an empty mark set: marking under a filter that shows nothing says so, and an action then has nothing to act on', async () => {
    const d = await mount();
    await d.press('a', '/');
    await d.type('zzz');
    await d.press('enter');
    await d.waitForText('Nothing matches the filter');
    await d.press('*');
    await d.waitForText('Nothing is shown to mark (is a filter hiding every row?).');
    await d.press('space');
    await d.waitForText('Nothing is shown to mark.');
    await d.press('d');
    await d.waitForText('No container is selected.');
    expect(await d.text()).not.toContain('marked');
    expect(d.engine.callNames()).toEqual([]);
  });

  it('stops marked containers even when the selected row is not running', async () => {
    const d = await mount();
    await d.press('a', 'o', 'o', 'o', 'o', 'o', 'o');
    await d.waitForText('sorted by name');
    await d.press('g', 'j', 'space', 'j', 'space');
    await d.waitForText('2 marked');
    // Marking moves down: the selection rests on delta, the last row; charlie is exited.
    await d.press('k', 's', 'y');
    await d.waitForText('bravo: stopped; delta: stopped');
    expect(d.engine.containers.filter((c) => c.state === 'running')).toEqual([]);
  });
});
