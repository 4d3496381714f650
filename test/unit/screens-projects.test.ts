// The compose projects view, in-process: grouped from labels, project actions that list what
// they touch first, and down that keeps volumes unless asked.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, fakeContainer, fakeNetwork, fakeVolume } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const compose = (project: string, service: string, n = 1) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': String(n),
});

async function mount(): Promise<Driver> {
  const engine = new FakeEngine({
    containers: [
      fakeContainer({ name: 'shop-web-1', labels: compose('shop', 'web', 1) }),
      fakeContainer({ name: 'shop-web-2', labels: compose('shop', 'web', 2) }),
      fakeContainer({ name: 'shop-db-1', state: 'exited', status: 'Exited (0) 1 minute ago', labels: compose('shop', 'db') }),
      fakeContainer({ name: 'blog-app-1', labels: compose('blog', 'app') }),
      fakeContainer({ name: 'loner' }),
    ],
    networks: [fakeNetwork({ name: 'shop_default', labels: { 'com.docker.compose.project': 'shop' } }), fakeNetwork({ name: 'other' })],
    volumes: [fakeVolume({ name: 'shop_data', labels: { 'com.docker.compose.project': 'shop' } }), fakeVolume({ name: 'keepme' })],
  });
  const d = await mountShell({ engine, cols: 130, rows: 40 });
  open.push(d);
  return d;
}

describe('the compose projects view', () => {
  it('groups containers by project with their state and services, and shows service#n in the list', async () => {
    const d = await mount();
    let t = await d.waitForText('shop · web#2');
    await d.press('C');
    t = await d.waitForText('compose projects (2)');
    expect(t).toMatch(/blog\s+1\/1 running\s+app/);
    expect(t).toMatch(/shop\s+2\/3 running\s+db, web/);
    expect(t).not.toContain('loner');
  });

  it('stops a whole project after listing what it stops', async () => {
    const d = await mount();
    await d.press('C');
    await d.waitForText('compose projects (2)');
    await d.press('j', 's');
    const t = await d.waitForText('Stop 2 containers of shop?');
    expect(t).toContain('shop-web-1');
    expect(t).toContain('shop-web-2');
    await d.press('y');
    await d.waitForText('shop-web-1: stopped; shop-web-2: stopped');
    expect(d.engine.containers.filter((c) => c.name.startsWith('shop') && c.state === 'running')).toEqual([]);
    // Only the running ones were asked to stop.
    expect(d.engine.calls.filter((c) => c.name === 'stopContainer')).toHaveLength(2);
  });

  it('acts on what it listed when the project changes while the question is open, and reports what changed', async () => {
    const d = await mount();
    await d.press('C');
    await d.waitForText('compose projects (2)');
    await d.press('j', 's');
    await d.waitForText('Stop 2 containers of shop?');
    // Meanwhile: shop-web-2 is removed, and a third replica joins the project.
    d.engine.containers = d.engine.containers.filter((c) => c.name !== 'shop-web-2');
    d.engine.containers.push(fakeContainer({ name: 'shop-web-3', labels: compose('shop', 'web', 3) }));
    await d.press('y');
    const t = await d.waitForText('shop-web-3: joined shop after the list, not stopped');
    expect(t).toContain('shop-web-1: stopped; shop-web-2: gone since the list; shop-web-3');
    // Only what was listed was asked to stop; the newcomer runs on.
    expect(d.engine.calls.filter((c) => c.name === 'stopContainer')).toHaveLength(2);
    expect(d.engine.containers.find((c) => c.name === 'shop-web-3')!.state).toBe('running');
  });

  it('takes a project down: containers and its networks go, its volumes stay unless asked', async () => {
    const d = await mount();
    await d.press('C');
    await d.waitForText('compose projects (2)');
    await d.press('j', 'D');
    const t = await d.waitForText('down shop');
    expect(t).toContain('and its networks: shop_default');
    expect(t).toContain('Its volumes (shop_data) are kept unless you choose v.');
    await d.press('y');
    await d.waitForText('network shop_default: removed');
    expect(d.engine.containers.map((c) => c.name).sort()).toEqual(['blog-app-1', 'loner']);
    expect(d.engine.networks.map((n) => n.name)).toEqual(['other']);
    expect(d.engine.volumes.map((v) => v.name).sort()).toEqual(['keepme', 'shop_data']);
  });
});
