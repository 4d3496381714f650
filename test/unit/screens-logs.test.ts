// Key flows of the logs pane, in-process on a fake engine whose containers have logs.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, fakeContainer, fakeVolume } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function mount(): Promise<Driver> {
  const web = fakeContainer({ name: 'web' });
  const db = fakeContainer({ name: 'db' });
  const engine = new FakeEngine({ containers: [web, db], volumes: [fakeVolume({ name: 'v' })] });
  engine.logs.set(web.id, [
    ['stdout', 'GET /index 200'],
    ['stderr', 'warning: slow query'],
    ['stdout', 'GET /health 200'],
    ['stdout', 'POST /login 401'],
  ]);
  engine.logs.set(db.id, [['stdout', 'database system is ready']]);
  const d = await mountShell({ engine, cols: 160, rows: 45 });
  open.push(d);
  return d;
}

describe('the logs pane', () => {
  it('follows the selected container and switches when the selection moves', async () => {
    const d = await mount();
    // Sorted by name: db first.
    await d.waitForText('database system is ready');
    await d.press('j');
    const t = await d.waitForText('POST /login 401');
    expect(t).toContain('logs · web');
    expect(t).not.toContain('database system is ready');
  });

  it('searches with a count, filters to matching lines, and clears both', async () => {
    const d = await mount();
    await d.press('j');
    await d.waitForText('POST /login 401');
    await d.press('3', '/');
    await d.type('GET');
    await d.press('enter');
    await d.waitForText('2 matching lines for "GET"');
    await d.press('&');
    await d.type('200');
    await d.press('enter');
    let t = await d.waitForText('showing only lines with "200"');
    expect(t).not.toContain('POST /login');
    expect(t).toContain('GET /health 200');
    await d.press('escape');
    t = await d.waitForText('search and filter cleared');
    expect(t).toContain('POST /login 401');
  });

  it('shows one stream at a time with s', async () => {
    const d = await mount();
    await d.press('j');
    await d.waitForText('warning: slow query');
    await d.press('3', 's');
    let t = await d.waitForText('showing stdout');
    expect(t).not.toContain('warning: slow query');
    await d.press('s');
    t = await d.waitForText('showing stderr');
    expect(t).toContain('warning: slow query');
    expect(t).not.toContain('GET /health');
  });

  it('says how to scroll sideways when wrap is on, naming the keys as bound', async () => {
    const d = await mount();
    await d.press('3', 'l');
    await d.waitForText('Wrap is on: turn it off with w to scroll sideways.');
  });

  it('stops following while a view covers the panes, and continues after', async () => {
    const d = await mount();
    await d.waitForText('database system is ready');
    const follows = () => d.engine.calls.filter((c) => c.name === 'followLogs').length;
    const before = follows();
    await d.press('4', 'enter');
    await d.waitForText('esc back');
    await d.press('escape');
    await d.waitForText('back from another view');
    expect(follows()).toBe(before + 1);
  });
});

describe('the log window', () => {
  it('loads what the window says, refuses until before since, and goes back to the default', async () => {
    const d = await mount();
    await d.waitForText('database system is ready');
    await d.press('3', 'T');
    await d.waitForText('log window');
    // last lines: 500; since: clear it and type 1h; until: 10m
    await d.press('C-u');
    await d.type('200');
    await d.press('tab');
    await d.type('10m');
    await d.press('tab');
    await d.type('1h');
    await d.press('enter');
    await d.waitForText('Cannot load that: until is before since');
    await d.press('S-tab');
    await d.press('backspace', 'backspace', 'backspace');
    await d.type('2h');
    await d.press('enter');
    await d.waitForText('loading since');
    const last = d.engine.calls.filter((c) => c.name === 'followLogs').at(-1)!;
    const opts = last.args[1] as { tail: number; since: number; until: number };
    expect(opts.tail).toBe(200);
    expect(Date.now() / 1000 - opts.since).toBeGreaterThan(2 * 3600 - 60);
    expect(Date.now() / 1000 - opts.until).toBeGreaterThan(3600 - 60);
    expect(await d.text()).toMatch(/logs · db · since .*, until /);
  });

  it('refuses a duration that does not parse, with the forms it takes, and loads nothing', async () => {
    const d = await mount();
    await d.waitForText('database system is ready');
    const follows = () => d.engine.calls.filter((c) => c.name === 'followLogs').length;
    const before = follows();
    await d.press('3', 'T');
    await d.waitForText('log window');
    await d.press('tab');
    await d.type('10x');
    await d.press('enter');
    await d.waitForText('Cannot load that: since: "10x" is not a time: write a duration like 10m');
    await d.press('escape');
    expect(await d.text()).not.toContain('log window');
    expect(follows()).toBe(before);
  });
});
