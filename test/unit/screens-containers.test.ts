// Key flows of the containers pane and the shell, in-process on a fake engine.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, fakeContainer, fakeImage } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function mount(opts: Parameters<typeof mountShell>[0] = {}): Promise<Driver> {
  const engine =
    opts.engine ??
    new FakeEngine({
      containers: [fakeContainer({ name: 'web' }), fakeContainer({ name: 'db', state: 'exited', status: 'Exited (0) 1 hour ago' })],
      images: [fakeImage({ repository: 'app', tag: '1' })],
    });
  const d = await mountShell({ ...opts, engine });
  open.push(d);
  return d;
}

describe('the containers pane', () => {
  it('lists running containers, and all of them after a', async () => {
    const d = await mount();
    let t = await d.waitForText('web');
    expect(t).not.toMatch(/\bdb\b/);
    expect(t).toContain('containers (running)');
    await d.press('a');
    t = await d.waitForText('containers (all)');
    expect(t).toMatch(/\bdb\b/);
  });

  it('stops the selected container through the engine and says so', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press('s');
    await d.waitForText('stopped web');
    expect(d.engine.callNames()).toEqual(['stopContainer']);
    expect(d.engine.containers.find((c) => c.name === 'web')?.state).toBe('exited');
  });

  it('says why a key cannot apply, and calls nothing', async () => {
    const d = await mount();
    await d.press('a');
    await d.waitForText('containers (all)');
    // Rows sort running first: db (exited) is the second row.
    await d.press('j', 't');
    await d.waitForText('started db');
    await d.press('k');
    await d.press('t');
    await d.waitForText('The container is already running.');
    expect(d.engine.callNames()).toEqual(['startContainer']);
  });

  it('turns every change off in read-only mode, with the reason', async () => {
    const d = await mount({ readOnly: true });
    await d.waitForText('READ-ONLY');
    await d.press('s');
    await d.waitForText('Read-only mode');
    await d.press('d');
    await d.waitForText('Read-only mode');
    expect(d.engine.callNames()).toEqual([]);
  });

  it('asks before removing a running container, and forces only when told', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press('d');
    await d.waitForText('force remove');
    await d.press('escape');
    await d.waitForText('kept web');
    expect(d.engine.callNames()).toEqual([]);
    await d.press('d');
    await d.waitForText('force remove');
    await d.press('f');
    await d.waitForText('removed web');
    expect(d.engine.calls.filter((c) => c.name === 'removeContainer').map((c) => c.args[1])).toEqual([{ force: true, volumes: false }]);
  });

  it('filters as you type; the filter key then esc clears it', async () => {
    const d = await mount();
    await d.press('a');
    await d.waitForText('containers (all)');
    await d.press('/');
    await d.type('we');
    let t = await d.waitForText('filter containers: we');
    expect(t).not.toMatch(/\bdb\b/);
    await d.press('enter');
    t = await d.waitForText('/we');
    expect(t).toContain('web');
    await d.press('/', 'escape');
    t = await d.waitForText(/\bdb\b/);
    expect(t).not.toContain('/we');
  });
});

describe('the shell', () => {
  it('moves focus with tab and the digits, and shows each pane its own hints', async () => {
    const d = await mount();
    await d.waitForText('▶ containers');
    await d.press('tab');
    let t = await d.waitForText('▶ images');
    expect(t).toContain('u dangling');
    await d.press('1');
    t = await d.waitForText('▶ containers');
    expect(t).toContain('a all');
  });

  it('shows one pane at a time at 80x24 and the status bar stays whole', async () => {
    const d = await mount({ cols: 80, rows: 24 });
    let t = await d.waitForText('▶ containers');
    expect(t).not.toContain('─ images');
    expect(t).not.toContain('─ logs');
    expect(t.split('\n')[0]).toContain('1/2 running  1 images');
    await d.press('2');
    t = await d.waitForText('▶ images');
    expect(t).not.toContain('containers (running)');
  });

  it('opens the help with every pane and closes it with its own keys', async () => {
    const d = await mount({ cols: 200, rows: 60 });
    await d.press('?');
    const t = await d.waitForText('Containers pane');
    expect(t).toContain('Images pane');
    await d.press('escape');
    await d.waitForText('▶ containers');
    expect(await d.text()).not.toContain('Images pane');
  });

  it('quits with q', async () => {
    const d = await mount();
    await d.press('q');
    expect(d.quitCalls()).toBe(1);
  });
});
