// Key flows of the services and nodes panes, the tasks view and the service logs, in-process
// on a fake engine: bad input is refused with a sentence and nothing reaches the engine.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../src/docker/services.js';
import { FakeEngine } from '../support/fake-engine.js';
import { fakeNode, fakeService } from '../support/fake-swarm.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const task = (serviceId: string, slot: number, p: Partial<TaskSummary> = {}): TaskSummary => ({
  id: `task-${serviceId}-${slot}`,
  serviceId,
  slot,
  nodeId: 'node-alpha',
  desiredState: 'running',
  state: 'running',
  message: 'started',
  since: '2026-11-29T10:00:00Z',
  ...p,
});

function manager(): FakeEngine {
  const e = new FakeEngine();
  e.swarm.role = 'manager';
  e.swarm.nodes = [fakeNode({ hostname: 'alpha' })];
  e.swarm.services = [
    fakeService({ name: 'web', desired: 2, running: 2, image: 'web:1', ports: [{ protocol: 'tcp', target: 80, published: 8080 }], canRollBack: false }),
    fakeService({ name: 'agent', mode: 'global', desired: 1, running: 1, image: 'agent:2' }),
  ];
  e.swarm.tasks = [task('svc-web', 1), task('svc-web', 2), task('svc-web', 2, { id: 'old-web-2', desiredState: 'shutdown', state: 'failed', error: 'task: non-zero exit (1)', since: '2026-11-29T09:00:00Z' })];
  e.swarm.logs.set('svc-web', [
    ['task-svc-web-1', 'node-alpha', 'hello from one'],
    ['task-svc-web-2', 'node-alpha', 'hello from two'],
  ]);
  return e;
}

async function mount(engine: FakeEngine): Promise<Driver> {
  const d = await mountShell({ engine, cols: 140, rows: 40 });
  open.push(d);
  return d;
}

/** The calls that change something (reads left out). */
const changes = (d: Driver) => d.engine.callNames().filter((n) => !/^(engine|list|follow)/.test(n));

describe('outside a swarm manager', () => {
  it.each([
    ['inactive', 'docker', 'This engine is not in a swarm (docker swarm init makes it a manager).'],
    ['worker', 'docker', 'This engine is a swarm worker: only a manager lists services and nodes.'],
    ['inactive', 'podman', 'Podman has no swarm'],
  ] as const)('a %s %s engine: the services and nodes panes say why they are empty', async (role, kind, sentence) => {
    const e = new FakeEngine();
    e.swarm.role = role;
    e.swarm.engine = kind;
    const d = await mount(e);
    await d.press('6');
    await d.waitForText(sentence);
    await d.press('7');
    await d.waitForText(sentence);
  });
});

describe('the swarm panes\' filter', () => {
  it('filters services and nodes as the other lists do: label note, nothing matches, esc clears', async () => {
    const e = manager();
    e.swarm.nodes.push(fakeNode({ hostname: 'bravo' }));
    const d = await mount(e);
    await d.press('6');
    await d.waitForText('agent');
    await d.press('/');
    await d.type('we');
    await d.press('enter');
    let t = await d.waitForText('services /we');
    expect(t).toMatch(/web\s+replicated/);
    expect(t).not.toMatch(/agent\s+global/);
    await d.press('/');
    await d.type('zzz');
    await d.waitForText('Nothing matches the filter.');
    await d.press('escape');
    t = await d.waitForText(/agent\s+global/);
    expect(t).not.toContain('services /');
    await d.press('7');
    await d.waitForText('bravo');
    await d.press('/');
    await d.type('alp');
    await d.press('enter');
    t = await d.waitForText('nodes /alp');
    expect(t).toContain('alpha');
    expect(t).not.toContain('bravo');
  });
});

describe('the services pane', () => {
  it('lists mode, replicas running/desired, image, ports; scales, refusing a bad count in words', async () => {
    const d = await mount(manager());
    await d.press('6');
    const t = await d.waitForText('▶ services');
    expect(t).toMatch(/web\s+replicated\s+2\/2\s+web:1\s+8080->80\/tcp/);
    expect(t).toMatch(/agent\s+global\s+1\/1\s+agent:2/);
    // Sorted by name: agent, web.
    await d.press('j', 's');
    await d.waitForText('scale web');
    await d.press('C-u');
    await d.type('-1');
    await d.press('enter');
    await d.waitForText('"-1" is not a number of replicas');
    await d.press('C-u');
    await d.type('three');
    await d.press('enter');
    await d.waitForText('"three" is not a number of replicas');
    expect(changes(d)).toEqual([]);
    await d.press('C-u');
    await d.type('3');
    await d.press('enter');
    await d.waitForText('web scaled to 3 (was 2)');
    expect(changes(d)).toEqual(['scaleService']);
    expect(d.engine.swarm.services.find((s) => s.name === 'web')!.desired).toBe(3);
  });

  it('refuses to scale a global service, an image that does not parse, and a roll back with nowhere to go', async () => {
    const d = await mount(manager());
    await d.press('6');
    await d.waitForText('▶ services');
    await d.press('s');
    await d.waitForText('agent runs in global mode (one task per node): it cannot be scaled.');
    await d.press('j', 'u');
    await d.waitForText('update the image of web');
    await d.press('C-u');
    await d.type('Not/An:Image:Ref');
    await d.press('enter');
    await d.waitForText('is not an image reference');
    await d.press('escape');
    await d.press('b');
    await d.waitForText('web has no previous version to roll back to.');
    expect(changes(d)).toEqual([]);
    await d.press('u', 'C-u');
    await d.type('web:2');
    await d.press('enter');
    await d.waitForText('web: rolling update to web:2 started');
    await d.refresh();
    await d.waitForText(/web\s+replicated\s+2\/2\s+web:2\s+\S+\s+updating/);
    await d.press('b');
    await d.waitForText('Roll web back to its previous version?');
    await d.press('y');
    await d.waitForText('web: roll back started');
    expect(changes(d)).toEqual(['updateServiceImage', 'rollbackService']);
  });

  it('removes a service only after asking', async () => {
    const d = await mount(manager());
    await d.press('6');
    await d.waitForText('▶ services');
    await d.press('j', 'd');
    await d.waitForText('Remove service web and its 2 running tasks?');
    await d.press('escape');
    await d.waitForText('kept web');
    expect(changes(d)).toEqual([]);
    await d.press('d', 'y');
    await d.waitForText('removed service web');
    expect(d.engine.swarm.services.map((s) => s.name)).toEqual(['agent']);
  });
});

describe('the tasks view and the service logs', () => {
  it("shows a service's tasks with their node and history, and says so when the service is removed meanwhile", async () => {
    const d = await mount(manager());
    await d.press('6');
    await d.waitForText('▶ services');
    await d.press('j', 'enter');
    const t = await d.waitForText('tasks · web · 2/2 running');
    expect(t).toMatch(/web\.1\s+alpha\s+running\s+running/);
    expect(t).toMatch(/web\.2\s+alpha\s+shutdown\s+failed.*non-zero exit \(1\)/);
    // Removed elsewhere while the view is open: its event arrives, the view says so.
    await d.engine.port.removeService('svc-web');
    d.events.push({ type: 'service', action: 'remove', id: 'svc-web', attributes: { name: 'web' }, timeMs: Date.now() });
    await d.refresh();
    await d.waitForText('The service web was removed.');
    await d.press('L');
    await d.waitForText('The service web was removed.');
  });

  it('follows the logs of every task, each line with its task and node', async () => {
    const d = await mount(manager());
    await d.press('6');
    await d.waitForText('▶ services');
    await d.press('j', 'L');
    const t = await d.waitForText('web.2@alpha │ hello from two');
    expect(t).toContain('web.1@alpha │ hello from one');
    expect(t).toContain('logs · service web (every task)');
    // esc goes back (it would first clear a search or a filter).
    await d.press('escape');
    await d.waitForText('▶ services');
  });
});

describe('the nodes pane', () => {
  it('drains the last active node only after a warning, then pauses and activates it', async () => {
    const d = await mount(manager());
    await d.press('7');
    const t = await d.waitForText('▶ nodes');
    expect(t).toMatch(/alpha\s+manager\s+active\s+ready\s+Leader\s+26\.1\.5/);
    await d.press('D');
    await d.waitForText('No other node is active: every task stops until one is.');
    await d.press('escape');
    await d.waitForText('alpha left as it is');
    expect(changes(d)).toEqual([]);
    await d.press('D', 'y');
    await d.waitForText('alpha is drained');
    await d.refresh();
    await d.waitForText(/alpha\s+manager\s+drain/);
    await d.press('p');
    await d.waitForText('alpha is paused');
    await d.press('a');
    await d.waitForText('alpha is active again');
    expect(d.engine.swarm.nodes[0]!.availability).toBe('active');
    expect(changes(d)).toEqual(['setNodeAvailability', 'setNodeAvailability', 'setNodeAvailability']);
  });
});

describe('the services and nodes lists', () => {
  it('list once the engine has joined a swarm since they said why not, and filter each with its own filter', async () => {
    const e = manager();
    e.swarm.role = 'inactive';
    const d = await mount(e);
    await d.press('6');
    await d.waitForText('This engine is not in a swarm');
    e.swarm.role = 'manager';
    // Focus again: the status is read again and the list asked for.
    await d.press('7');
    await d.waitForText(/alpha\s+manager/);
    await d.press('6');
    let t = await d.waitForText(/web\s+replicated/);
    expect(t).toMatch(/agent\s+global/);
    // Filtering itself is the filter test's; here, that a services filter is not the nodes pane's.
    await d.press('/');
    await d.type('zzz');
    await d.press('enter');
    await d.waitForText('Nothing matches the filter.');
    // The nodes pane keeps its own filter.
    await d.press('7');
    t = await d.waitForText(/alpha\s+manager/);
    expect(t).not.toContain('nodes /');
    await d.press('/');
    await d.type('worker');
    await d.press('enter');
    t = await d.waitForText('nodes /worker');
    expect(t).toContain('Nothing matches the filter.');
  });
});
