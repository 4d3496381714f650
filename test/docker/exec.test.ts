// exec and attach against the private engine: a shell with a TTY, its size, exit codes,
// an image without a shell, containers that cannot take an exec, detaching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachInteractive } from '../../src/docker/attach.js';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { execInteractive, findShell } from '../../src/docker/exec.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { buildImage, runFixture } from '../support/fixtures.js';
import { sessionIo, waitForOutput } from '../support/session-io.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const NO_SHELL_IMAGE = 'berth-noshell:latest';
const CTRL_P_CTRL_Q = '\x10\x11';
const names: string[] = [];
let box: string;
let bare: string;

const container = async (cmd?: string[], extra = {}) => {
  const name = uniqueName('exec');
  names.push(name);
  await runFixture(raw, name, cmd, extra);
  return name;
};

beforeAll(async () => {
  // Only busybox, at /busybox: no shell on the PATH or in /bin.
  await buildImage(raw, NO_SHELL_IMAGE, ['FROM scratch', 'COPY busybox /busybox', 'CMD ["/busybox", "sleep", "3600"]', ''].join('\n'));
  box = await container();
  bare = uniqueName('noshell');
  names.push(bare);
  await (await raw.createContainer({ name: bare, Image: NO_SHELL_IMAGE, HostConfig: { NetworkMode: 'none' } })).start();
}, 60_000);

afterAll(async () => {
  for (const n of names) await raw.getContainer(n).remove({ force: true }).catch(() => undefined);
});

describe('execInteractive', () => {
  it('runs a shell with a TTY: arithmetic answers 42, and exit ends the session with its code', async () => {
    const io = sessionIo();
    const s = await execInteractive(docker, box, { cmd: ['sh'], tty: true, columns: 80, rows: 24 }, io);
    io.type('echo $((6*7))\n');
    await waitForOutput(io, /\r\n42\r\n/);
    io.type('exit 7\n');
    expect(await s.done).toEqual({ how: 'exited', exitCode: 7 });
  });

  it('gives the TTY the size asked for, and the new one after resize', async () => {
    const io = sessionIo();
    const s = await execInteractive(docker, box, { cmd: ['sh'], tty: true, columns: 91, rows: 27 }, io);
    io.type('stty size\n');
    await waitForOutput(io, /\r\n27 91\r\n/);
    await s.resize(132, 43);
    io.type('stty size\n');
    await waitForOutput(io, /\r\n43 132\r\n/);
    io.type('exit\n');
    expect(await s.done).toEqual({ how: 'exited', exitCode: 0 });
  });

  it('keeps stdout and stderr apart without a TTY, with env, user and working directory', async () => {
    const io = sessionIo();
    const cmd = ['sh', '-c', 'echo "out $GREETING $(id -u) $(pwd)"; echo err >&2; exit 3'];
    const s = await execInteractive(docker, box, { cmd, tty: false, columns: 80, rows: 24, env: ['GREETING=hi'], user: '1234', workingDir: '/bin' }, io);
    expect(await s.done).toEqual({ how: 'exited', exitCode: 3 });
    expect(io.stdoutText()).toBe('out hi 1234 /bin\n');
    expect(io.stderrText()).toBe('err\n');
  });

  it('passes input to a process without a TTY and ends it when stdin ends', async () => {
    const io = sessionIo();
    const s = await execInteractive(docker, box, { cmd: ['sh', '-c', 'read a; echo "got $a"'], tty: false, columns: 80, rows: 24 }, io);
    io.type('line\n');
    io.stdin.end();
    expect(await s.done).toEqual({ how: 'exited', exitCode: 0 });
    expect(io.stdoutText()).toBe('got line\n');
  });

  it('says there is no shell when the image has none, without printing the engine sentence', async () => {
    for (const tty of [true, false]) {
      const io = sessionIo();
      const s = await execInteractive(docker, bare, { cmd: ['sh'], tty, columns: 80, rows: 24 }, io);
      const err = await failure(s.done);
      expect(err.kind).toBe('notFound');
      expect(err.message).toMatch(/^Container noshell-[\w-]+: No shell in this container: "sh" is not there/);
      expect(err.engineMessage).toMatch(/executable file not found/);
      expect(io.stdoutText()).toBe('');
    }
  });

  it('says which program, working directory or user is missing', async () => {
    const fails = async (opts: Partial<Parameters<typeof execInteractive>[2]>) =>
      failure((await execInteractive(docker, box, { cmd: ['sh'], tty: true, columns: 80, rows: 24, ...opts }, sessionIo())).done);
    expect((await fails({ cmd: ['/no/such/tool'] })).message).toMatch(/: "\/no\/such\/tool" is not in this container/);
    const cwd = await fails({ workingDir: '/nowhere' });
    expect([cwd.kind, cwd.message]).toEqual(['badRequest', expect.stringMatching(/: the working directory "\/nowhere" does not exist in the container\.$/)]);
    const user = await fails({ user: 'nobody' });
    expect([user.kind, user.message]).toEqual(['badRequest', expect.stringMatching(/: the user "nobody" does not exist in the container\.$/)]);
  });

  it('passes on output that merely begins like the engine sentence', async () => {
    const io = sessionIo();
    const s = await execInteractive(docker, box, { cmd: ['sh', '-c', 'echo "unable to find user: just words"'], tty: false, columns: 80, rows: 24 }, io);
    expect(await s.done).toEqual({ how: 'exited', exitCode: 0 });
    expect(io.stdoutText()).toBe('unable to find user: just words\n');
  });

  it('refuses a stopped, a paused and a missing container', async () => {
    const stopped = await container(['true']);
    await raw.getContainer(stopped).wait();
    const opts = { cmd: ['sh'], tty: true, columns: 80, rows: 24 };
    const notRunning = await failure(execInteractive(docker, stopped, opts, sessionIo()));
    expect(notRunning.kind).toBe('conflict');
    expect(notRunning.message).toBe(`Container ${stopped} is not running: start it first.`);

    const paused = await container();
    await raw.getContainer(paused).pause();
    const isPaused = await failure(execInteractive(docker, paused, opts, sessionIo()));
    expect(isPaused.kind).toBe('conflict');
    expect(isPaused.message).toBe(`Container ${paused} is paused: unpause it first.`);

    expect((await failure(execInteractive(docker, 'no-such-container', opts, sessionIo()))).kind).toBe('notFound');
  });

  it('ends the session on the detach keys, and as stopped after stop()', async () => {
    const io = sessionIo();
    const s = await execInteractive(docker, box, { cmd: ['sh'], tty: true, columns: 80, rows: 24 }, io);
    io.type('echo ready\n');
    await waitForOutput(io, /\r\nready\r\n/);
    io.type(CTRL_P_CTRL_Q);
    // Engine 20.10 ends the exec'd process then (exit code 126); an engine that lets it run says detached.
    expect((await s.done).how).toMatch(/^(exited|detached)$/);

    const io2 = sessionIo();
    const s2 = await execInteractive(docker, box, { cmd: ['sh'], tty: true, columns: 80, rows: 24 }, io2);
    s2.stop();
    expect(await s2.done).toEqual({ how: 'stopped', exitCode: undefined });
    // stdin is let go: keys typed after the session go nowhere.
    expect(io2.stdin.listenerCount('data')).toBe(0);
  });
});

describe('findShell', () => {
  it('finds the first shell the container has, and none in an image without one', async () => {
    expect(await findShell(docker, box)).toBe('ash');
    expect(await findShell(docker, box, ['bash', '/bin/sh'])).toBe('/bin/sh');
    expect(await findShell(docker, bare)).toBeUndefined();
  });

  it('refuses a container that is not running', async () => {
    const stopped = await container(['true']);
    await raw.getContainer(stopped).wait();
    const err = await failure(findShell(docker, stopped));
    expect([err.kind, err.message]).toEqual(['conflict', `Container ${stopped} is not running: start it first.`]);
  });
});

describe('attachInteractive', () => {
  it("attaches to a TTY container's shell, detaches with ctrl-p ctrl-q, attaches again and sees it exit", async () => {
    const name = await container(['sh'], { Tty: true, OpenStdin: true });
    const io = sessionIo();
    const s = await attachInteractive(docker, name, { columns: 100, rows: 30 }, io);
    io.type('echo $((6*7)); stty size\n');
    await waitForOutput(io, /\r\n42\r\n30 100\r\n/);
    io.type(CTRL_P_CTRL_Q);
    expect(await s.done).toEqual({ how: 'detached', exitCode: undefined });
    expect((await raw.getContainer(name).inspect()).State.Running).toBe(true);

    const io2 = sessionIo();
    const again = await attachInteractive(docker, name, { columns: 80, rows: 24 }, io2);
    io2.type('exit 4\n');
    expect(await again.done).toEqual({ how: 'exited', exitCode: 4 });
  });

  it('shows the output of a container without a TTY, stdout and stderr apart', async () => {
    const name = await container(['sh', '-c', 'read go; echo out; echo err >&2; exit 2'], { OpenStdin: true });
    const io = sessionIo();
    const s = await attachInteractive(docker, name, { columns: 80, rows: 24 }, io);
    io.type('go\n');
    expect(await s.done).toEqual({ how: 'exited', exitCode: 2 });
    expect(io.stdoutText()).toBe('out\n');
    expect(io.stderrText()).toBe('err\n');
  });

  it('detaches with ctrl-p ctrl-q from a container without stdin, whose engine reads no keys', async () => {
    const name = await container(['sh', '-c', 'while true; do echo tick; sleep 0.2; done']);
    const io = sessionIo();
    const s = await attachInteractive(docker, name, { columns: 80, rows: 24 }, io);
    await waitForOutput(io, /tick\n/);
    // Other keys do nothing; the sequence split across reads still detaches.
    io.type('x\x10');
    io.type('\x11');
    expect(await s.done).toEqual({ how: 'detached', exitCode: undefined });
    expect((await raw.getContainer(name).inspect()).State.Running).toBe(true);
  });

  it('refuses a container that is not running', async () => {
    const stopped = await container(['true']);
    await raw.getContainer(stopped).wait();
    const err = await failure(attachInteractive(docker, stopped, { columns: 80, rows: 24 }, sessionIo()));
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/is not running/);
  });
});
