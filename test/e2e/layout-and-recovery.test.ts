// Terminal sizes, help, and a daemon that goes away and comes back.
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { restartDaemon, startEngine, stopEngine, type EngineHandle } from '../support/engine.js';
import { buildFixtureImage, runFixture } from '../support/fixtures.js';
import { testDockerHost } from '../support/docker.js';
import { KEYS, launch } from '../support/pty.js';

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
    const app = launch({ env: { DOCKER_HOST: testDockerHost() }, cols: 120, rows: 60 });
    try {
      await app.waitForStart();
      await app.press('?');
      const screen = await app.waitForText('Containers pane');
      expect(screen).toContain('Stop the selected container');
      expect(screen).toContain('Remove the selected image');
      await app.press(KEYS.escape);
      await app.waitForNoText('Containers pane');
    } finally {
      await app.close();
    }
  });

  it('--no-stats starts without CPU and memory, and % brings them back', async () => {
    const app = launch({ env: { DOCKER_HOST: testDockerHost() }, args: ['--no-stats'] });
    try {
      const screen = await app.waitForStart();
      expect(screen).not.toContain('CPU %');
      await app.press('%');
      await app.waitForText('CPU %');
      await app.waitForText('live CPU and memory on');
    } finally {
      await app.close();
    }
  });

  it('works without colour under NO_COLOR', async () => {
    const app = launch({ env: { DOCKER_HOST: testDockerHost(), NO_COLOR: '1' } });
    try {
      await app.waitForStart();
      // No SGR colour codes (30-37, 90-97 foregrounds) in what was drawn.
      expect(app.rawOutput()).not.toMatch(/\x1b\[(?:[0-9;]*;)?(3[0-7]|9[0-7])m/);
    } finally {
      await app.close();
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
      await app.press('\x15', other.dockerHost, KEYS.enter);
      const screen = await app.waitForText('on-the-other-host', 10_000);
      expect(screen).toContain(other.dockerHost.slice(0, 40));
      expect(screen).toContain('--host');
    } finally {
      await app.close();
    }
  }, 60_000);
});
