// The logs pane against real containers: streams apart, search, save, hostile output,
// a huge line, and a restart.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFixture } from '../support/fixtures.js';
import { until } from '../support/engine-state.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { KEYS, launch, type AppSession } from '../support/pty.js';

const docker = testDocker();
const names: string[] = [];
let app: AppSession | undefined;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-logs-'));
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await Promise.all(names.map((n) => docker.getContainer(n).remove({ force: true }).catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

async function container(prefix: string, script: string, labels: Record<string, string> = {}): Promise<string> {
  const name = uniqueName(prefix);
  names.push(name);
  await runFixture(docker, name, ['sh', '-c', script], { Labels: labels });
  return name;
}

/** How much berth had written when it was up, before any container output was shown. */
let rawAtStart = 0;

/** Starts berth, selects the container by filtering, and focuses the logs pane. */
async function openLogs(name: string, opts: { cols?: number; rows?: number } = {}): Promise<AppSession> {
  app = launch({ env: { DOCKER_HOST: testDockerHost() }, cols: opts.cols ?? 120, rows: opts.rows ?? 40 });
  await app.waitForStart();
  rawAtStart = app.rawOutput().length;
  await app.press('/', name, KEYS.enter);
  await app.waitForText(`logs · ${name}`);
  await app.press('3');
  await app.waitForText(`▶ logs · ${name}`);
  return app;
}

describe('the logs pane', () => {
  it('shows stdout and stderr apart, and s shows one stream only', async () => {
    const name = await container('streams', 'echo out-one; echo err-one >&2; echo out-two; sleep 1000');
    const a = await openLogs(name);
    const screen = await a.waitForText('out-two');
    expect(screen).toMatch(/▌ err-one/);
    expect(screen).toMatch(/^│\s+out-one/m);
    await a.press('s');
    await a.waitForText('stdout only');
    await a.waitForNoText('err-one');
    await a.press('s');
    const errOnly = await a.waitForText('stderr only');
    expect(errOnly).toContain('err-one');
    expect(errOnly).not.toContain('out-one');
  });

  it('search counts matches and n moves to the next one', async () => {
    const name = await container('search', 'for i in 1 2 3 4 5 6; do echo "row $i"; done; echo needle-a; echo hay; echo needle-b; sleep 1000');
    const a = await openLogs(name);
    await a.waitForText('needle-b');
    await a.press('/');
    await a.waitForText('search logs');
    await a.press('needle', KEYS.enter);
    await a.waitForText('2 matching lines for "needle"');
    const first = await a.waitForText(/match \d of 2/);
    const at = /match (\d) of 2/.exec(first)![1];
    await a.press('n');
    await a.waitForText(new RegExp(`match ${at === '1' ? '2' : '1'} of 2`));
  });

  it('saves exactly the lines shown, and asks before overwriting', async () => {
    // The engine copies stdout and stderr separately: lines written at once may be stored in either order.
    const name = await container('save', 'echo alpha; sleep 0.2; echo beta >&2; sleep 0.2; echo gamma; sleep 1000');
    const a = await openLogs(name);
    await a.waitForText('gamma');
    const file = join(dir, `${name}.log`);
    await a.press('S');
    await a.waitForText('save logs');
    await a.press('\x15', file, KEYS.enter);
    await a.waitForText('saved');
    expect(readFileSync(file, 'utf8')).toBe('alpha\nbeta\ngamma\n');
    await a.press('S');
    await a.waitForText('save logs');
    await a.press(KEYS.enter);
    await a.waitForText('overwrite?');
    await a.press(KEYS.escape);
    await a.waitForText('left as it was');
  });

  it('never lets container output change the terminal: title, clipboard, screen clear, alternate screen', async () => {
    const name = await container(
      'hostile',
      `printf 'before\\n\\033]0;PWNED-TITLE\\007\\033]52;c;ZXZpbA==\\007\\033[2J\\033[?1049h\\033[H\\033]8;;http://x\\033\\\\link\\033]8;;\\033\\\\ after\\n'; sleep 1000`,
    );
    const a = await openLogs(name);
    const screen = await a.waitForText('link after');
    expect(screen).toContain('before');
    expect(a.title()).not.toContain('PWNED');
    const raw = a.rawOutput();
    expect(raw).not.toContain('PWNED-TITLE');
    expect(raw).not.toContain(']52;');
    expect(raw).not.toContain('http://x');
    // berth itself entered the alternate screen once, at start; after that, while the log was
    // shown, nothing cleared the screen or switched screens.
    expect(raw.split('\x1b[?1049h')).toHaveLength(2);
    const since = raw.slice(rawAtStart);
    expect(since).not.toContain('\x1b[2J');
    expect(since).not.toContain('\x1b[?1049');
    // The panes are still drawn around it, and the status bar above.
    expect(screen).toContain('containers (running)');
    expect(screen).toContain('● connected');
  });

  it('keeps answering keys with a 1 MB line in the log', async () => {
    const name = await container('huge', 'head -c 1048576 /dev/zero | tr "\\0" "x"; echo; echo after-the-huge-line; sleep 1000');
    const a = await openLogs(name);
    await a.waitForText('after-the-huge-line', 15_000);
    // Keys still reach the app and it still draws: help opens and closes again. The deadline
    // is generous for a loaded machine; how quickly keys answer is measured by the benchmark.
    await a.press('?');
    await a.waitForText('Containers pane', 15_000);
    await a.press(KEYS.escape);
    const back = await a.waitForNoText('Containers pane', 15_000);
    expect(back).toContain('after-the-huge-line');
    expect(back).toContain(`▶ logs · ${name}`);
  });

  it('continues after a restart, marked, without repeating lines', async () => {
    const name = await container('restart', 'echo "boot at $(cat /proc/uptime)"; sleep 1000');
    const a = await openLogs(name);
    await a.waitForText('boot at');
    await docker.getContainer(name).restart({ t: 0 });
    await a.waitForText(/boot at[\s\S]*container restarted[\s\S]*boot at/, 10_000);
    const boots = (await a.screenText()).match(/boot at/g) ?? [];
    expect(boots).toHaveLength(2);
  });

  it('L follows a whole compose project, interleaved, each line named', async () => {
    const project = uniqueName('shop');
    const labels = { 'com.docker.compose.project': project };
    // The two take turns through a shared volume once the test says go, so the order in
    // which lines come is certain: api-1, db-1, api-2, db-2, all while the view follows.
    const shared = uniqueName('turns');
    const wait = (f: string) => `while [ ! -e /turns/${f} ]; do sleep 0.05; done`;
    const vol = { Labels: labels, HostConfig: { NetworkMode: 'none', Binds: [`${shared}:/turns`] } };
    const api = uniqueName('api');
    const db = uniqueName('db');
    names.push(api, db);
    await runFixture(docker, api, ['sh', '-c', `echo api-says-hello; ${wait('go')}; echo api-1; touch /turns/a1; ${wait('d1')}; echo api-2; touch /turns/a2; sleep 1000`], vol);
    await runFixture(docker, db, ['sh', '-c', `echo db-says-hello; ${wait('a1')}; echo db-1; touch /turns/d1; ${wait('a2')}; echo db-2; sleep 1000`], vol);
    await container('outsider', 'echo outsider-line; sleep 1000');
    try {
      const a = await openLogs(api);
      await a.waitForText('api-says-hello');
      await a.press('1', 'L');
      await a.waitForText(`logs · project ${project} (2 containers)`);
      await a.waitForText(new RegExp(`${db}\\s*│ db-says-hello`));
      await a.waitForText(new RegExp(`${api}\\s*│ api-says-hello`));
      // The volume is a directory of the engine's data root, on this machine.
      const mountpoint = (await docker.getVolume(shared).inspect()).Mountpoint;
      writeFileSync(join(mountpoint, 'go'), '');
      const screen = await a.waitForText(new RegExp(`${db}\\s*│ db-2`), 15_000);
      expect(screen).not.toContain('outsider-line');
      const lines = screen.split('\n');
      const at = (who: string, text: string) => lines.findIndex((l) => new RegExp(`${who}\\s*│ ${text}\\s*(│|$)`).test(l));
      const order = [at(api, 'api-1'), at(db, 'db-1'), at(api, 'api-2'), at(db, 'db-2')];
      for (const i of order) expect(i, JSON.stringify(order)).toBeGreaterThanOrEqual(0);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    } finally {
      await Promise.all([api, db].map((n) => docker.getContainer(n).remove({ force: true }).catch(() => undefined)));
      await docker.getVolume(shared).remove().catch(() => undefined);
    }
  });

  it('L says why when the container is not in a compose project', async () => {
    const name = await container('loner', 'echo alone; sleep 1000');
    const a = await openLogs(name);
    await a.press('1', 'L');
    await a.waitForText('not part of a compose project');
  });
});

describe('the log window', () => {
  it('a since-window shows only the lines written after it', async () => {
    const name = await container('window', 'echo old-line-1; echo old-line-2; sleep 4; echo new-line-1; echo new-line-2; sleep 1000');
    // The engine's own timestamp of the first new line: the window starts a second or two before it.
    let newAt = 0;
    await until('the new lines are written', async () => {
      const raw = (await docker.getContainer(name).logs({ stdout: true, timestamps: true })).toString('latin1');
      const m = /(\d{4}-\d\d-\d\dT[\d:.]+Z) new-line-1/.exec(raw);
      if (m) newAt = Date.parse(m[1]!);
      return newAt > 0;
    });
    const since = new Date(Math.floor((newAt - 2000) / 1000) * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${since.getFullYear()}-${pad(since.getMonth() + 1)}-${pad(since.getDate())} ${pad(since.getHours())}:${pad(since.getMinutes())}:${pad(since.getSeconds())}`;
    const a = await openLogs(name);
    await a.waitForText('old-line-2');
    await a.waitForText('new-line-2');
    await a.press('T');
    await a.waitForText('log window');
    // last lines: emptied (all of them); since: the time; until: left empty (follow).
    await a.press('\x15', KEYS.tab, local, KEYS.enter);
    await a.waitForText(`logs · ${name} · since`);
    const screen = await a.waitForText('new-line-2');
    expect(screen).toContain('new-line-1');
    expect(screen).not.toContain('old-line');
  });
});
