// e: a shell in a container on the real terminal, through the pty against the real engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { e2eApp } from '../support/e2e-app.js';
import { buildImage, runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';
import { KEYS } from '../support/pty.js';

const { docker, cleanup, launch } = e2eApp();
const NO_SHELL_IMAGE = 'berth-noshell:latest';

async function focusOn(app: ReturnType<typeof launch>, name: string): Promise<void> {
  await app.waitForText(name);
  await app.press('/', name, KEYS.enter);
  await app.waitForText(`/${name}`);
}

describe('a shell in a container', () => {
  beforeAll(async () => {
    // busybox at a path no shell lookup finds, and no /bin/sh: a container with no shell.
    await buildImage(docker, NO_SHELL_IMAGE, ['FROM scratch', 'COPY busybox /busybox', 'CMD ["/busybox", "sleep", "3600"]', ''].join('\n'));
    cleanup(() => docker.getImage(NO_SHELL_IMAGE).remove({ force: true }));
  });

  it('runs a command, follows a resize, and gives berth its screen back on exit', async () => {
    const name = uniqueName('shell');
    await runFixture(docker, name);
    cleanup(() => docker.getContainer(name).remove({ force: true }));
    const app = launch({ cols: 120, rows: 35 });
    await focusOn(app, name);
    await app.press('e');
    await app.waitForText(`in ${name} (exit to come back)`);
    await app.waitForText('/ #');
    await app.press('echo $((6*7))\r');
    await app.waitForText(/^42$/m);
    app.resize(100, 30);
    // The new size reaches the shell through the engine a moment later: ask until it has.
    const until = Date.now() + 15_000;
    for (;;) {
      await app.press('stty size\r');
      if (/^30 100$/m.test(await app.screenText())) break;
      if (Date.now() > until) throw new Error(`the shell never saw 30 100:\n${await app.screenText()}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    // The shell really runs in the container: it can see the container's own hostname.
    const id = (await docker.getContainer(name).inspect()).Config.Hostname;
    await app.press('hostname\r');
    await app.waitForText(new RegExp(`^${id}$`, 'm'));
    await app.press('exit\r');
    const back = await app.waitForText(`the shell in ${name} ended (exit 0)`);
    expect(back).toContain('containers (running)');
    expect(back).toContain('connected');
    // berth answers keys again.
    await app.press('?');
    await app.waitForText('Containers pane');
  });

  it('says so when the container has no shell, and never leaves the screen', async () => {
    const name = uniqueName('noshell');
    const c = await docker.createContainer({ name, Image: NO_SHELL_IMAGE, HostConfig: { NetworkMode: 'none' } });
    await c.start();
    cleanup(() => c.remove({ force: true }));
    const app = launch({ cols: 120, rows: 35 });
    await focusOn(app, name);
    await app.press('e');
    const t = await app.waitForText(`${name} has no shell`);
    expect(t).toContain('containers (running)');
    expect((await app.modes()).buffer).toBe('alternate');
  });

  it('refuses a stopped container with the reason', async () => {
    const name = uniqueName('stopped');
    const c = await docker.createContainer({ name, Image: 'berth-fixture:latest', Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    cleanup(() => c.remove({ force: true }));
    const app = launch({ cols: 120, rows: 35 });
    await app.waitForText('connected');
    await app.press('a');
    await focusOn(app, name);
    await app.press('e');
    await app.waitForText('A shell needs a running container (it is created).');
  });
});
