import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { launch, type AppSession } from '../support/pty.js';

/** Left the alternate screen and showed the cursor again, and painted nothing after that. */
function expectTerminalRestored(raw: string): void {
  const left = raw.lastIndexOf('\x1b[?1049l');
  expect(left).toBeGreaterThan(raw.lastIndexOf('\x1b[?1049h'));
  expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l'));
  // Nothing of berth's screen was drawn onto the user's own one after it left.
  expect(raw.slice(left)).not.toMatch(/[│┌└─]|containers \(|connected/);
}

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

  it('shows running containers, follows a stop made outside, and restores the terminal on q', async () => {
    app = launch({ env: { DOCKER_HOST: testDockerHost() } });
    const screen = await app.waitForStart(names[2]!);
    for (const n of names) expect(screen).toContain(n);
    expect(screen).toMatch(/NAME\s+IMAGE\s+STATE\s+STATUS/);

    // berth has no polling fallback: the row can only go because the events stream told it.
    // The deadline is generous for a loaded machine; how fast is the benchmark's business.
    await docker.getContainer(names[1]!).stop({ t: 1 });
    const after = await app.waitForNoText(names[1]!, 15_000);
    // Only the stopped one went: the list was updated, not emptied or replaced by an error.
    expect(after).toContain(names[0]!);
    expect(after).toContain(names[2]!);
    expect(after).toContain('● connected');

    // ps -a shows it again, as exited.
    await app.press('a');
    const all = await app.waitForText(new RegExp(`${names[1]}\\s+berth-fixture\\S*\\s+exited`));
    expect(all).toContain('containers (all)');

    await app.press('q');
    expect(await app.exited).toBe(0);
    expectTerminalRestored(app.rawOutput());
  });

  it('shows a container started from outside', async () => {
    const session = launch({ env: { DOCKER_HOST: testDockerHost() } });
    try {
      await session.waitForStart('containers (running)');
      const late = uniqueName('late');
      names.push(late);
      await runFixture(docker, late);
      await session.waitForText(late, 15_000);
      await session.press('\x03');
      expect(await session.exited).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('quits cleanly on SIGTERM', async () => {
    const session = launch({ env: { DOCKER_HOST: testDockerHost() } });
    try {
      await session.waitForStart('containers (running)');
      session.kill('SIGTERM');
      expect(await session.exited).toBe(0);
      expectTerminalRestored(session.rawOutput());
    } finally {
      await session.close();
    }
  });
});
