// Terminal sizes, help, and a daemon that goes away and comes back.
import Docker from 'dockerode';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { restartDaemon, startEngine, stopEngine, type EngineHandle } from '../support/engine.js';
import { buildFixtureImage, runFixture } from '../support/fixtures.js';
import { startCountingProxy } from '../support/counting-proxy.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { until } from '../support/engine-state.js';
import { KEYS, launch } from '../support/pty.js';
import { helpSections } from '../../src/screens/help-text.js';
import { ACTIONS, HELP_TITLES } from '../../src/screens/registry.js';

describe('layout', () => {
  it('shows one pane at a time at 80x24, says when too small, and recovers on resize', async () => {
    const app = launch({ env: { DOCKER_HOST: testDockerHost() }, cols: 80, rows: 24 });
    try {
      await app.waitForStart('containers (running)');
      // Regression: the hidden logs pane sat at the top-left corner and blanked part of the
      // status bar ("●            2/2 running") when its label changed.
      await app.waitForText(/● connected {2}\d+\/\d+ running/);
      let screen = await app.screenText();
      expect(screen).not.toContain('REPOSITORY');
      // Box characters, not VT100 line drawing.
      expect(screen).toMatch(/[┌└│]/);
      await app.press(KEYS.tab);
      screen = await app.waitForText('REPOSITORY');
      app.resize(40, 12);
      await app.waitForText('terminal too small');
      app.resize(200, 50);
      screen = await app.waitForText('REPOSITORY');
      expect(screen).toContain('containers (running)');
      expect(screen).toContain('logs');
    } finally {
      await app.close();
    }
  });

  it('shows every key in the help overlay', async () => {
    const app = launch({ env: { DOCKER_HOST: testDockerHost() }, cols: 200, rows: 60 });
    try {
      await app.waitForStart();
      await app.press('?');
      const first = await app.waitForText('Containers pane');
      // Everything the overlay shows, scrolled to its end.
      const seen = new Set(first.split('\n'));
      let last = first;
      for (let still = 0; still < 3; ) {
        await app.press('j');
        await new Promise((r) => setTimeout(r, 60));
        const now = await app.screenText();
        for (const l of now.split('\n')) seen.add(l);
        still = now === last ? still + 1 : 0;
        last = now;
      }
      const lines = [...seen];
      // The table outgrew one screen: these may be further down.
      expect(lines.join('\n')).toContain('Stop the selected container');
      expect(lines.join('\n')).toContain('Remove the selected image');
      // Every section, and every action of the key table: its keys, then its description
      // (a key list or a description wider than its column is cut with "…"; a cut key list
      // hides keys, "pagedown, pageup, ctr…" - reported to the lead).
      const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const fits = (shown: string, full: string) => shown === full || (shown.endsWith('…') && full.startsWith(shown.slice(0, -1)));
      for (const section of helpSections(ACTIONS, HELP_TITLES)) {
        expect(lines.some((l) => new RegExp(`│${esc(section.title)}( {2,}|\\s*│)`).test(l) || l.includes(`  ${section.title}  `)), section.title).toBe(true);
        for (const e of section.entries) {
          const keys = e.keys.length <= 22 ? e.keys : `${e.keys.slice(0, 21)}…`;
          const row = new RegExp(`(?:│|\\s)  ${esc(keys)} +(\\S.*?)(?= {2,}|│|$)`, 'g');
          const shown = lines.flatMap((l) => [...l.matchAll(row)].map((m) => m[1]!));
          expect(shown.some((d) => fits(d, e.description)), `${section.title}: ${e.keys}  ${e.description} (seen: ${JSON.stringify(shown)})`).toBe(true);
        }
      }
      await app.press(KEYS.escape);
      await app.waitForNoText('Containers pane');
    } finally {
      await app.close();
    }
  });

  it('--no-stats starts without CPU and memory and opens no stats stream at the engine; % brings them back, and off again closes every one', async () => {
    const docker = testDocker();
    const names = [uniqueName('nostats-a'), uniqueName('nostats-b')];
    await Promise.all(names.map((n) => runFixture(docker, n)));
    const ids = await Promise.all(names.map(async (n) => (await docker.getContainer(n).inspect()).Id));
    // Streams are counted where the engine is, through a proxy berth talks to.
    const proxy = await startCountingProxy(inject('engineSocket'));
    const stats = /\/containers\/[^/]+\/stats\?/;
    const statsOf = (id: string) => new RegExp(`/containers/(${id}|${id.slice(0, 12)})/stats\\?`);
    // The engine's stream is what this counts: a local engine's cgroups would need none.
    const app = launch({ env: { DOCKER_HOST: `unix://${proxy.socketPath}`, BERTH_STATS_SOURCE: 'api' }, args: ['--no-stats'] });
    try {
      const screen = await app.waitForStart();
      expect(screen).not.toContain('CPU %');
      await app.waitForText(names[1]!);
      // Long enough for a stream that should not open (the columns are written once a second).
      await new Promise((r) => setTimeout(r, 2500));
      expect(proxy.everCarried(stats)).toBe(0);
      await app.press('%');
      await app.waitForText('CPU %');
      await app.waitForText('live CPU and memory on');
      await until('a stats stream is open for each shown running container', () => ids.every((id) => proxy.openCarrying(statsOf(id)) === 1));
      await app.press('%');
      await app.waitForText('live CPU and memory off');
      await until('every stats stream is closed at the engine', () => proxy.openCarrying(stats) === 0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(proxy.openCarrying(stats)).toBe(0);
    } finally {
      await app.close();
      await proxy.close();
      await Promise.all(names.map((n) => docker.getContainer(n).remove({ force: true }).catch(() => undefined)));
    }
  });

  it("on a local engine reads CPU and memory from the containers' cgroups and opens no stats stream at the engine", async () => {
    const docker = testDocker();
    const name = uniqueName('cgroup-row');
    await runFixture(docker, name, ['sh', '-c', 'while :; do :; done'], { HostConfig: { NanoCpus: 300_000_000 } });
    const proxy = await startCountingProxy(inject('engineSocket'));
    const app = launch({ env: { DOCKER_HOST: `unix://${proxy.socketPath}` } });
    try {
      await app.waitForStart();
      // The busy row shows a CPU figure above zero and a memory size: values came in.
      const row = new RegExp(`${name}.*running.*\\s([1-9]\\d*\\.\\d)\\s+\\d+(\\.\\d+)?(B|KiB|MiB)`);
      await app.waitForText(row);
      expect(proxy.everCarried(/\/containers\/[^/]+\/stats\?/)).toBe(0);
    } finally {
      await app.close();
      await proxy.close();
      await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    }
  });

  it('works without colour under NO_COLOR', async () => {
    // Every colour an SGR sequence can set: 8 and 16 colours, 256 and true colour (38/48),
    // foreground and background; 39 and 49 (back to the default) are not colours.
    const colours = (raw: string) =>
      [...raw.matchAll(/\x1b\[([0-9;:]*)m/g)].filter((m) =>
        m[1]!.split(/[;:]/).some((p) => {
          const n = Number(p);
          return (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107);
        }),
      );
    const app = launch({ env: { DOCKER_HOST: testDockerHost(), NO_COLOR: '1' } });
    try {
      await app.waitForStart();
      await app.press('?');
      await app.waitForText('Containers pane');
      expect(colours(app.rawOutput()).map((m) => JSON.stringify(m[0]))).toEqual([]);
    } finally {
      await app.close();
    }
    // The same screens with colour allowed do use colour: the check can see it.
    const coloured = launch({ env: { DOCKER_HOST: testDockerHost(), NO_COLOR: undefined } });
    try {
      await coloured.waitForStart();
      await coloured.press('?');
      await coloured.waitForText('Containers pane');
      expect(colours(coloured.rawOutput()).length).toBeGreaterThan(0);
    } finally {
      await coloured.close();
    }
  });
});

describe('a daemon that goes away', () => {
  let engine: EngineHandle | undefined;
  afterAll(async () => {
    if (engine) await stopEngine(engine);
  });

  it('shows "disconnected, retrying" and recovers by itself', async () => {
    engine = await startEngine('e2e-restart');
    const docker = new Docker({ socketPath: engine.socket });
    await buildFixtureImage(docker);
    await runFixture(docker, 'before-crash');
    const app = launch({ env: { DOCKER_HOST: engine.dockerHost } });
    try {
      await app.waitForStart('before-crash');
      const restarting = restartDaemon(engine, 1500);
      await app.waitForText('disconnected, retrying', 8000);
      await restarting;
      await app.waitForText('● connected', 15_000);
      await runFixture(docker, 'after-crash');
      await app.waitForText('after-crash', 5000);
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('switching hosts', () => {
  let other: EngineHandle | undefined;
  afterAll(async () => {
    if (other) await stopEngine(other);
  });

  it('H connects to another daemon by URL, and a wrong URL keeps the current one', async () => {
    other = await startEngine('e2e-other');
    const docker = new Docker({ socketPath: other.socket });
    await buildFixtureImage(docker);
    await runFixture(docker, 'on-the-other-host');
    const app = launch({ env: { DOCKER_HOST: testDockerHost() } });
    try {
      await app.waitForStart();
      await app.press('H');
      await app.waitForText('switch host or context');
      await app.press(KEYS.tab, 'unix:///nonexistent/docker.sock', KEYS.enter);
      await app.waitForText('Cannot reach unix:///nonexistent/docker.sock');
      // The current connection is still the one in use, and still live: a container started
      // on it now appears (only its events stream can tell berth).
      await app.press(KEYS.escape);
      const here = testDocker();
      const still = uniqueName('still-here');
      await runFixture(here, still);
      try {
        const screen = await app.waitForText(still, 15_000);
        expect(screen).toContain(testDockerHost().slice(0, 40));
        expect(screen).toContain('● connected');
      } finally {
        await here.getContainer(still).remove({ force: true }).catch(() => undefined);
      }
      await app.press('H');
      await app.waitForText('switch host or context');
      await app.press(KEYS.tab, '\x15', other.dockerHost, KEYS.enter);
      const screen = await app.waitForText('on-the-other-host', 10_000);
      expect(screen).toContain(other.dockerHost.slice(0, 40));
      expect(screen).toContain('--host');
    } finally {
      await app.close();
    }
  }, 60_000);
});
