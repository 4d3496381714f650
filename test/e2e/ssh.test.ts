// berth over ssh:// in a terminal, to a real sshd in the test engine's network namespace: the
// passphrase prompt comes from ssh itself, on the terminal, before the full screen; a dropped
// connection shows "disconnected" and recovers; H switches to an ssh context and back, and an
// ssh host that fails says why without ever prompting over the screen.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextDirName } from '../../src/docker/endpoint.js';
import { testDockerHost, uniqueName } from '../support/docker.js';
import { e2eApp } from '../support/e2e-app.js';
import { runFixture } from '../support/fixtures.js';
import { run } from '../support/peers/netns.js';
import { makeSshHome, sshWrapperPath } from '../support/peers/ssh-client.js';
import { makeKey, startSshd, type Sshd } from '../support/peers/sshd.js';
import { KEYS, START_TIMEOUT_MS } from '../support/pty.js';

const e2e = e2eApp();
let netns = inject('engineNetns');
const ownNetns = !netns;
const engineDir = inject('engineDir');
// Under the engine's directory, so the engine's reaper also ends these peers if this run dies.
const base = engineDir ? join(engineDir, `ssh-e2e-${process.pid}`) : mkdtempSync(join(tmpdir(), 'berth-ssh-e2e-'));
const marker = uniqueName('over-ssh');
const passphrase = 'open sesame';
let sshd: Sshd;
let env: Record<string, string | undefined>;
let lockedKey = '';
let knownHosts = '';

beforeAll(async () => {
  mkdirSync(base, { recursive: true });
  if (ownNetns) {
    netns = `berth-ssh-e2e-${process.pid}`;
    run('ip', ['netns', 'add', netns]);
    run('ip', ['netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up']);
  }
  await runFixture(e2e.docker, marker);
  const clientKey = makeKey(join(base, 'client'));
  lockedKey = makeKey(join(base, 'locked'), 'ed25519', passphrase);
  sshd = await startSshd(netns, join(base, 'sshd'), inject('engineSocket'), [clientKey, lockedKey], ['no-docker']);
  knownHosts = [sshd.port, sshd.variantPorts['no-docker']!].map((p) => `[127.0.0.1]:${p} ${sshd.hostKeyLine}\n`).join('');
  const config = join(base, 'docker-config');
  for (const [name, host] of [
    ['remote', `ssh://root@127.0.0.1:${sshd.port}`],
    ['no-docker', `ssh://root@127.0.0.1:${sshd.variantPorts['no-docker']}`],
  ]) {
    const meta = join(config, 'contexts', 'meta', contextDirName(name!));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  }
  mkdirSync(join(base, 'tmp'));
  env = {
    PATH: sshPathFor(),
    HOME: makeSshHome(join(base, 'home'), { keys: { id_ed25519: clientKey }, knownHosts }),
    DOCKER_CONFIG: config,
    // No agent of the test runner's: every login here is by the key files alone.
    SSH_AUTH_SOCK: undefined,
    // berth's ssh control sockets go here, removed with the rest even if berth is killed.
    TMPDIR: join(base, 'tmp'),
  };
}, 60_000);

function sshPathFor(): string {
  return sshWrapperPath(join(base, 'bin'), netns);
}

afterAll(async () => {
  await sshd?.stop();
  if (ownNetns) run('ip', ['netns', 'del', netns]);
  rmSync(base, { recursive: true, force: true });
});

describe('berth over ssh://', () => {
  it("lets ssh ask for a key's passphrase on the terminal before the screen opens, then needs it no more", async () => {
    const home = makeSshHome(join(base, 'locked-home'), { keys: { id_ed25519: lockedKey }, knownHosts });
    const url = `ssh://root@127.0.0.1:${sshd.port}`;
    const app = e2e.launch({ env: { ...env, HOME: home, DOCKER_HOST: url } });
    await app.waitForText(/Enter passphrase for key/, START_TIMEOUT_MS);
    // ssh's own prompt, on the normal screen: the full screen is not open yet.
    expect((await app.modes()).buffer).toBe('normal');
    await app.press(passphrase, KEYS.enter);
    const screen = await app.waitForStart();
    expect(screen).toContain(url);
    await app.waitForText(marker);
    // Every stream and request after this rides the connection the prompt opened.
    expect(await app.screenText()).not.toContain('Enter passphrase');
  }, 60_000);

  it('shows "disconnected" when the connection drops mid-session, and reconnects', async () => {
    const app = e2e.launch({ env: { ...env, DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}` } });
    await app.waitForStart();
    await app.waitForText(marker);
    sshd.dropConnections();
    await app.waitForText('disconnected', 30_000);
    await app.waitForText('● connected', 30_000);
  }, 90_000);

  it('H switches to an ssh context and back; a failing ssh host says why and nothing prompts over the screen', async () => {
    const app = e2e.launch({ env });
    await app.waitForStart();
    const local = testDockerHost();
    // The contexts, in H's order: the URL field, default, no-docker, remote.
    await app.press('H');
    await app.waitForText('switch host or context');
    await app.press(KEYS.right, KEYS.right);
    await app.waitForText('[no-docker]');
    await app.press(KEYS.enter);
    await app.waitForText(`Cannot reach ssh://root@127.0.0.1:${sshd.variantPorts['no-docker']}`, 20_000);
    await app.waitForText('No docker command on the host', 5000);
    expect((await app.modes()).buffer).toBe('alternate');
    await app.press(KEYS.right);
    await app.waitForText('[remote]');
    await app.press(KEYS.enter);
    let screen = await app.waitForText('(context rem', 20_000);
    expect(screen.split('\n')[0]).toContain(`ssh://root@127.0.0.1:${sshd.port}`);
    await app.waitForText(marker);
    await app.waitForText('● connected');

    // And back: "default" is DOCKER_HOST, the local socket.
    await app.press('H');
    await app.waitForText('switch host or context');
    await app.press(KEYS.right);
    await app.waitForText('[default]');
    await app.press(KEYS.enter);
    screen = await app.waitForText('(context def', 20_000);
    expect(screen.split('\n')[0]).toContain(local.slice(0, 40));
    expect(screen).not.toContain(`ssh://root@127.0.0.1:${sshd.port}`);
    await app.waitForText(marker);
  }, 90_000);
});
