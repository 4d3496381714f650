// The container detail view, in-process on a fake engine fed with recorded answers
// (inspect, top, events, stats): its sections, its streams, kill and rename, and a
// container or a daemon going away under it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawInspect } from '../../src/docker/container-inspect.js';
import { DockerError } from '../../src/docker/errors.js';
import { parseEvent, type DockerEvent } from '../../src/docker/events.js';
import { toStatsSample, type RawStats } from '../../src/docker/stats.js';
import { bucketsOf } from '../../src/widgets/chart-grid.js';
import { FakeEngine, fakeContainer } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const INSPECT = JSON.parse(fixture('container-inspect-running.json')) as RawInspect & { Config: Record<string, unknown> };
const TOP = JSON.parse(fixture('container-top.json')) as { Titles: string[]; Processes: string[][] };
const EVENTS = fixture('container-events.jsonl').split('\n').map(parseEvent).filter((e) => e !== undefined);
const STATS = JSON.parse(fixture('stats-edited-io.json')) as RawStats;

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const web = fakeContainer({ name: 'web', created: 1_795_975_000 });
const db = fakeContainer({ name: 'db' });

async function mount(opts: { cols?: number; rows?: number; readOnly?: boolean } = {}): Promise<Driver> {
  const engine = new FakeEngine({ containers: [web, db] });
  engine.inspectRaw.set(web.id, { ...INSPECT, Config: { ...INSPECT.Config, Env: ['MODE=rec', 'PATH=/bin', 'DB_PASSWORD=hunter2'] } });
  engine.top = { titles: TOP.Titles, processes: TOP.Processes };
  const d = await mountShell({ engine, ...opts });
  open.push(d);
  await d.waitForText('web');
  return d;
}

/** A labelled line of a section, inside the view's border. */
const field = (label: string, value: string) => new RegExp(`│ ${label} +${value} *│`);

/** Filters the list down to the container, opens its detail and waits for its inspect. */
async function openDetail(d: Driver, name = 'web'): Promise<string> {
  await d.press('/', 'escape', '/');
  await d.type(name);
  await d.press('enter');
  // The selection follows the filter at the next frame.
  await d.waitForText(`containers (running) /${name}`);
  await d.text();
  await d.press('enter');
  return d.waitForText(field('name', name));
}

/** One recorded stats sample for web, `secs` seconds later and with `rx` more bytes received. */
function sample(secs: number, rx = 0) {
  const read = new Date(Date.parse(STATS.read!) + secs * 1000).toISOString();
  return toStatsSample({ ...STATS, read, networks: { eth0: { rx_bytes: 12_400_000 + rx, tx_bytes: 999_700 } } })!;
}

const event = (action: string, attributes: Record<string, string> = {}, timeMs = Date.now()): DockerEvent => ({ type: 'container', action, id: web.id, attributes, timeMs });

describe('the container detail view', () => {
  it('opens on enter with the overview of docker inspect, and esc goes back with the selection kept', async () => {
    const d = await mount();
    // The second row (sorted by state, then name): esc comes back to it.
    await d.press('j', 'enter');
    const t = await d.waitForText(field('name', 'web'));
    expect(t).toMatch(field('id', web.id));
    expect(t).toMatch(field('image', 'berth-rec:1'));
    expect(t).toMatch(field('restart', 'unless-stopped · restarted 0 times'));
    expect(t).toMatch(field('ports', '8080/tcp \\(exposed, not published\\)'));
    expect(t).toContain('web · Overview');
    expect(t).not.toContain('containers (running)');
    // The events stream back-fills from the container's creation, for this container only.
    expect([...d.engine.eventSubs].map((s) => s.opts)).toEqual([{ sinceSec: web.created, filters: { container: [web.id], event: expect.arrayContaining(['start', 'die', 'oom', 'kill', 'restart', 'health_status', 'destroy']) } }]);
    await d.press('escape');
    await d.waitForText('containers (running)');
    await d.press('y');
    await d.waitForText(`web: ${web.id}`);
    expect(d.engine.eventSubs.size).toBe(0);
    expect(d.engine.statsSubs.size).toBe(0);
  });

  it('moves between the sections by key, each built from the recorded answers', async () => {
    const d = await mount();
    await openDetail(d);
    await d.press('l');
    let t = await d.waitForText('web · Env');
    expect(t).toContain('MODE=rec');
    await d.press('l');
    t = await d.waitForText('web · Mounts');
    expect(t).toMatch(/\/host-tmp {2}bind, read-only/);
    expect(t).toMatch(/\/data {2}volume, read-write/);
    await d.press('l');
    for (const ev of EVENTS) d.engine.emitEvent({ ...ev, id: web.id });
    t = await d.waitForText('die (exit code 137)');
    expect(t).toContain('web · Health');
    expect(t).toMatch(field('status', 'healthy · failing streak 0'));
    expect(t).toContain('2026-11-28T09:19:59.393135552Z  exit 0  87ms');
    expect(t).toContain('kill (signal 10 SIGUSR1)');
    await d.press('l');
    t = await d.waitForText('3 processes');
    expect(t).toMatch(/root +30046 +29984 .* sleep 1000/);
    await d.press('l', 'l');
    t = await d.waitForText('web · Raw');
    expect(t).toContain(`"Id": "${web.id}"`);
    // h goes back, and past the first section to the last.
    await d.press('h');
    await d.waitForText('Waiting for the first stats sample');
  });

  it('masks secret-looking values until v reveals them, and masks them again', async () => {
    const d = await mount();
    await openDetail(d);
    await d.press('l');
    let t = await d.waitForText('DB_PASSWORD=••••••••');
    expect(t).not.toContain('hunter2');
    expect(t).toContain('1 secret-looking value masked (v: reveal)');
    await d.press('v');
    t = await d.waitForText('DB_PASSWORD=hunter2');
    expect(t).toContain('secret-looking values shown (v: mask them)');
    await d.press('v');
    await d.waitForText('DB_PASSWORD=••••••••');
  });

  it('keeps one stats stream for the container while the overview or graphs show, and the numbers beside the graphs', async () => {
    const d = await mount({ cols: 80, rows: 24 });
    await openDetail(d);
    expect([...d.engine.statsSubs].map((s) => s.id)).toEqual([web.id]);
    d.engine.emitStats(web.id, sample(0));
    await d.waitForText(/│ live +CPU \d+\.\d\d% · memory/);
    await d.press('l');
    await d.waitForText('web · Env');
    expect(d.engine.statsSubs.size).toBe(0);
    await d.press('h', 'h');
    await d.waitForText('web · Raw');
    await d.press('h');
    expect(d.engine.statsSubs.size).toBe(1);
    for (let i = 1; i <= 5; i++) d.engine.emitStats(web.id, sample(i, i * 10_000));
    const t = await d.waitForText('net rx 10kB/s');
    expect(t).toContain('last 5s (6 samples)');
    expect(t).toMatch(/CPU \d+\.\d\d% · peak \d+\.\d\d%/);
    expect(t).toMatch(/mem \S+ · no limit/);
  });

  it('draws the graphs inside their boxes at 80x24, status bar and footer untouched', async () => {
    const d = await mount({ cols: 80, rows: 24 });
    await openDetail(d);
    await d.press('h', 'h');
    for (let i = 0; i <= 30; i++) d.engine.emitStats(web.id, sample(i, i * i * 1000));
    const t = await d.waitForText(/[\u2801-\u28ff]/u, 4000);
    const rows = t.split('\n');
    expect(rows[0]).toContain('connected');
    expect(rows[23]).toContain('samples kept');
    // Every braille dot lies inside one of the four chart boxes, inside the view's frame.
    const boxes = rows.flatMap((r, y) => [...r.matchAll(/┌/g)].map((m) => ({ x: m.index, y })));
    expect(boxes).toHaveLength(5);
    const rect = (b: { x: number; y: number }) => {
      const w = rows[b.y]!.slice(b.x).indexOf('┐') + 1;
      const h = rows.slice(b.y).findIndex((r) => r[b.x] === '└') + 1;
      return { ...b, w, h };
    };
    const [frame, ...rects] = boxes.map(rect);
    expect(frame).toEqual({ x: 0, y: 2, w: 80, h: 21 });
    for (const r of rects) {
      expect(r.x).toBeGreaterThan(0);
      expect(r.y).toBeGreaterThan(2);
      expect(r.x + r.w).toBeLessThan(80);
      expect(r.y + r.h).toBeLessThan(23);
      expect(r.h).toBeGreaterThanOrEqual(7);
    }
    rows.forEach((row, y) =>
      [...row].forEach((ch, x) => {
        if (!/[\u2801-\u28ff]/u.test(ch)) return;
        expect(rects.some((r) => x > r.x && x < r.x + r.w - 1 && y > r.y && y < r.y + r.h - 1), `dot at ${x},${y}`).toBe(true);
      }),
    );
  });

  it('refreshes the processes every 2 s only while they show', { timeout: 15_000 }, async () => {
    const d = await mount();
    await openDetail(d);
    await d.press('l', 'l', 'l', 'l');
    await d.waitForText('3 processes');
    const tops = () => d.engine.calls.filter((c) => c.name === 'topContainer').length;
    const until = Date.now() + 6000;
    while (tops() < 2 && Date.now() < until) await d.text();
    expect(tops()).toBeGreaterThanOrEqual(2);
    await d.press('l');
    await d.waitForText('web · Graphs');
    const seen = tops();
    await new Promise((r) => setTimeout(r, 2500));
    expect(tops()).toBe(seen);
  });

  it('closes itself with "container removed" when the container goes, however it learns it', async () => {
    const d = await mount();
    await openDetail(d);
    d.engine.containers = d.engine.containers.filter((c) => c.id !== web.id);
    d.engine.emitEvent(event('destroy'));
    await d.waitForText('web: container removed');
    await d.waitForText('containers (running)');
    expect(d.engine.eventSubs.size).toBe(0);
    // Learnt from an inspect answering 404 after another of its events.
    await openDetail(d, 'db');
    d.engine.containers = [];
    d.engine.emitEvent({ ...event('die', { exitCode: '0' }), id: db.id });
    await d.waitForText('db: container removed');
  });

  it('says so when the daemon goes away, and recovers when it answers again', async () => {
    const d = await mount();
    await openDetail(d);
    d.engine.down = true;
    d.engine.endEvents(new DockerError('unreachable', 'The connection to the Docker daemon was lost.'));
    await d.waitForText('The Docker daemon is not answering (The connection to the Docker daemon was lost): retrying.');
    await d.waitForText('daemon not answering: retrying');
    expect(d.engine.statsSubs.size).toBe(0);
    d.engine.down = false;
    await d.waitForText('the daemon answers again: web is live again', 5000);
    expect(d.engine.eventSubs.size).toBe(1);
    expect(d.engine.statsSubs.size).toBe(1);
    expect(await d.text()).not.toContain('not answering');
  });

  it('stops its streams and timers while covered, and starts them again when uncovered', async () => {
    const d = await mount();
    await openDetail(d);
    expect([d.engine.eventSubs.size, d.engine.statsSubs.size]).toEqual([1, 1]);
    const cover = { scope: 'view' as const, box: d.screen.children[0] as never, handlers: {}, draw: () => undefined, close: () => undefined };
    d.shell.shell.push(cover);
    expect([d.engine.eventSubs.size, d.engine.statsSubs.size]).toEqual([0, 0]);
    d.shell.shell.closeView(cover);
    expect(d.engine.eventSubs.size).toBe(1);
    await d.waitForText(field('name', 'web'));
    expect(d.engine.statsSubs.size).toBe(1);
  });
});

describe('kill and rename', () => {
  it('refuses an unknown signal in the dialog before any call, then sends the one chosen', async () => {
    const d = await mount();
    await openDetail(d);
    await d.press('K');
    await d.waitForText('send a signal to web');
    await d.press('tab');
    await d.type('NOPE');
    await d.press('enter');
    await d.waitForText('"NOPE" is not a signal');
    expect(d.engine.callNames().filter((n) => n === 'killContainer')).toEqual([]);
    await d.press('C-u', 'S-tab', 'right', 'right', 'right', 'right', 'enter');
    await d.waitForText('sent SIGUSR1 to web');
    expect(d.engine.calls.filter((c) => c.name === 'killContainer').map((c) => c.args)).toEqual([[web.id, 'SIGUSR1']]);
  });

  it('refuses both in read-only mode, with the reason', async () => {
    const d = await mount({ readOnly: true });
    await openDetail(d);
    await d.press('K');
    await d.waitForText('Read-only mode: "Send a signal to the container');
    await d.press('R');
    await d.waitForText('Read-only mode: "Rename the container"');
    expect(d.engine.callNames().filter((n) => /kill|rename/.test(n))).toEqual([]);
  });

  it('sends a typed signal from the containers pane, and refuses a stopped container with the reason', async () => {
    const d = await mount();
    await d.press('K', 'tab');
    await d.type('rtmin+2');
    await d.press('enter');
    await d.waitForText(/sent SIGRTMIN\+2 to (web|db)/);
    d.engine.containers = d.engine.containers.map((c) => ({ ...c, state: 'exited' }));
    await d.refresh();
    await d.press('a', 'K');
    await d.waitForText('Only a running container can be sent a signal (it is exited).');
  });

  it('refuses an empty, invalid or taken name, then renames, and the new name shows in the detail and the list', async () => {
    const d = await mount();
    await openDetail(d);
    await d.press('R');
    await d.waitForText('rename web');
    await d.press('C-u', 'enter');
    await d.waitForText('A container needs a name.');
    await d.type('a');
    await d.press('enter');
    await d.waitForText('"a" is not a valid container name');
    await d.press('C-u');
    await d.type('bad name');
    await d.press('enter');
    await d.waitForText('"bad name" is not a valid container name');
    await d.press('C-u');
    await d.type('db');
    await d.press('enter');
    await d.waitForText('The name db is already used by another container.');
    expect(d.engine.callNames().filter((n) => n === 'renameContainer')).toEqual([]);
    await d.press('C-u');
    await d.type('shop-web');
    await d.press('enter');
    await d.waitForText('renamed web to shop-web');
    await d.waitForText('shop-web · Overview');
    await d.press('escape');
    const t = await d.waitForText('containers (running)');
    expect(t).toMatch(/ shop-web /);
  });
});

describe('chart points', () => {
  it('cuts a series into at most one bucket a column, covering every point once, in order', () => {
    expect(bucketsOf(10, 4)).toEqual([
      [0, 1],
      [2, 4],
      [5, 6],
      [7, 9],
    ]);
    expect(bucketsOf(3, 80)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    for (const [n, most] of [[300, 37], [299, 76], [1, 2]] as const) {
      const b = bucketsOf(n, most);
      expect(b.length).toBe(Math.min(n, most));
      expect(b.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i))).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});
