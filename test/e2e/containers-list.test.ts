import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { launch, type AppSession } from '../support/pty.js';

describe('the containers list', () => {
  const docker = testDocker();
  const names = [uniqueName('alpha'), uniqueName('bravo'), uniqueName('charlie')];
  let app: AppSession | undefined;

  beforeAll(async () => {
    await Promise.all(names.map((n) => runFixture(docker, n)));
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all(names.map((n) => docker.getContainer(n).remove({ force: true }).catch(() => undefined)));
  });

  it('shows running containers, follows a stop made outside within a second, and restores the terminal on q', async () => {
    app = launch({ env: { DOCKER_HOST: testDockerHost() } });
    const screen = await app.waitForText(names[2]!);
    for (const n of names) expect(screen).toContain(n);
    expect(screen).toMatch(/NAME\s+IMAGE\s+STATE\s+STATUS/);

    await docker.getContainer(names[1]!).stop({ t: 1 });
    const stoppedAt = Date.now();
    await app.waitForNoText(names[1]!, 1000);
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect((await docker.getContainer(names[1]!).inspect()).State.Running).toBe(false);

    // ps -a shows it again, as exited.
    await app.press('a');
    const all = await app.waitForText(new RegExp(`${names[1]}\\s+berth-fixture\\S*\\s+exited`));
    expect(all).toContain('containers (all)');

    await app.press('q');
    expect(await app.exited).toBe(0);
    const raw = app.rawOutput();
    // Left the alternate screen and showed the cursor again, after the last paint.
    expect(raw.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(raw.lastIndexOf('\x1b[?1049h'));
    expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l'));
  });

  it('shows a container started from outside', async () => {
    const session = launch({ env: { DOCKER_HOST: testDockerHost() } });
    try {
      await session.waitForText('containers (running)');
      const late = uniqueName('late');
      names.push(late);
      await runFixture(docker, late);
      await session.waitForText(late, 1500);
      await session.press('\x03');
      expect(await session.exited).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('quits cleanly on SIGTERM', async () => {
    const session = launch({ env: { DOCKER_HOST: testDockerHost() } });
    try {
      await session.waitForText('containers (running)');
      session.kill('SIGTERM');
      expect(await session.exited).toBe(0);
      expect(session.rawOutput().endsWith('')).toBe(true);
      const raw = session.rawOutput();
      expect(raw.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(raw.lastIndexOf('\x1b[?1049h'));
    } finally {
      await session.close();
    }
  });
});
