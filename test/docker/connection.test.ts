// Connecting the ways users on servers do, to real peers: a dockerd with --tlsverify on
// tcp://127.0.0.1 and an sshd whose sessions run `docker system dial-stdio`, both inside the
// private engine's network namespace. berth's connection code runs there too (see
// test/support/peers/netns-client.ts), since 127.0.0.1 in the namespace is not the host's.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextDirName } from '../../src/docker/endpoint.js';
import { makeTlsFiles } from '../support/peers/certs.js';
import type { Scenario, ScenarioResult } from '../support/peers/netns-client.js';
import { run, stopPid, waitFor } from '../support/peers/netns.js';
import { makeKey, startSshd, type Sshd } from '../support/peers/sshd.js';
import { startTlsDockerd, type TlsDockerd } from '../support/peers/tls-dockerd.js';
import { runFixture } from '../support/fixtures.js';
import { testDocker, uniqueName } from '../support/docker.js';

const execFileP = promisify(execFile);
const CLIENT = new URL('../support/peers/netns-client.ts', import.meta.url).pathname;

let netns = inject('engineNetns');
const ownNetns = !netns;
const engineDir = inject('engineDir');
const engineSocket = inject('engineSocket');
const raw = testDocker();
// Under the engine's directory, so the engine's reaper also ends these peers if this run dies.
const base = engineDir ? join(engineDir, `p${process.pid}`) : mkdtempSync(join(tmpdir(), 'berth-peers-'));
const marker = uniqueName('conn');
let tlsd: TlsDockerd | undefined;
let sshd: Sshd | undefined;
let agentPid: number | undefined;
const results = new Map<string, ScenarioResult>();

function writeContext(configDir: string, name: string, host: string, tlsFrom?: string, skipTlsVerify = false): void {
  const meta = join(configDir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: 'made by the test' }, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }));
  if (tlsFrom) {
    const tls = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
    mkdirSync(tls, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(join(tlsFrom, f), join(tls, f));
  }
}

/** A HOME for the ssh client: which keys it holds and what its known_hosts says. */
function sshHome(name: string, keys: Record<string, string>, knownHosts?: string): string {
  const home = join(base, 'homes', name);
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  for (const [file, from] of Object.entries(keys)) copyFileSync(from, join(home, '.ssh', file));
  if (knownHosts !== undefined) writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts);
  return home;
}

async function startAgent(key: string): Promise<string> {
  const sock = join(base, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore', detached: true });
  child.unref();
  agentPid = child.pid;
  await waitFor('ssh-agent', () => existsSync(sock), 5000);
  run('ssh-add', ['-q', key], { ...process.env, SSH_AUTH_SOCK: sock });
  return sock;
}

beforeAll(async () => {
  mkdirSync(base, { recursive: true });
  if (ownNetns) {
    // An external engine has no namespace of ours: make one for the peers.
    netns = `berth-peers-${process.pid}`;
    run('ip', ['netns', 'add', netns]);
    run('ip', ['netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up']);
  }
  await runFixture(raw, marker);
  const tls = makeTlsFiles(join(base, 'certs'));
  const keyDir = join(base, 'keys');
  mkdirSync(keyDir);
  const clientKey = makeKey(join(keyDir, 'client'));
  const ecdsaKey = makeKey(join(keyDir, 'client-ecdsa'), 'ecdsa');
  const lockedKey = makeKey(join(keyDir, 'locked'), 'ed25519', 'a passphrase');
  const otherHostKey = makeKey(join(keyDir, 'other-host'));
  [tlsd, sshd] = await Promise.all([startTlsDockerd(netns, join(base, 'tls'), tls), startSshd(netns, join(base, 'sshd'), engineSocket, [clientKey, ecdsaKey])]);

  // The right client pair with a CA that did not sign the server: only a client that skips
  // checking the server gets through with it.
  const wrongCaDir = join(base, 'wrong-ca');
  mkdirSync(wrongCaDir);
  copyFileSync(join(tls.rogueDir, 'ca.pem'), join(wrongCaDir, 'ca.pem'));
  for (const f of ['cert.pem', 'key.pem']) copyFileSync(join(tls.clientDir, f), join(wrongCaDir, f));
  const tcp = `tcp://127.0.0.1:${tlsd.port}`;
  const ssh = `ssh://root@127.0.0.1:${sshd.port}`;
  const known = `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`;
  const hashedHome = sshHome('hashed', { id_ed25519: clientKey }, known);
  run('ssh-keygen', ['-q', '-H', '-f', join(hashedHome, '.ssh', 'known_hosts')]);
  const agentSock = await startAgent(clientKey);
  const cfg = join(base, 'docker-config');
  writeContext(cfg, 'tls-peer', tcp, tls.clientDir);
  writeContext(cfg, 'ssh-peer', ssh);

  const scenarios: Scenario[] = [
    { name: 'tls', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.clientDir } },
    { name: 'tls via --host', host: tcp, env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.clientDir } },
    { name: 'tls without verifying the server', env: { DOCKER_HOST: tcp, DOCKER_TLS: '1', DOCKER_CERT_PATH: tls.clientDir } },
    { name: 'tls without verifying, a CA that did not sign the server', env: { DOCKER_HOST: tcp, DOCKER_TLS: '1', DOCKER_CERT_PATH: wrongCaDir } },
    { name: 'tls verifying, a CA that did not sign the server', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: wrongCaDir } },
    { name: 'tls context', env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'tls-peer' } },
    { name: 'plain http to the tls port', env: { DOCKER_HOST: tcp } },
    { name: 'untrusted server ca', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.rogueDir } },
    { name: 'no client certificate', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.caOnlyDir } },
    { name: 'tcp refused', env: { DOCKER_HOST: 'tcp://127.0.0.1:9' } },
    { name: 'ssh with a default key', env: { DOCKER_HOST: ssh, HOME: sshHome('key', { id_ed25519: clientKey }, known) } },
    { name: 'ssh with the agent', env: { DOCKER_HOST: ssh, HOME: sshHome('agent', {}, known), SSH_AUTH_SOCK: agentSock } },
    { name: 'ssh with a hashed known_hosts', env: { DOCKER_HOST: ssh, HOME: hashedHome } },
    { name: 'ssh skips a passphrase key', env: { DOCKER_HOST: ssh, HOME: sshHome('locked', { id_ed25519: lockedKey, id_ecdsa: ecdsaKey }, known) } },
    { name: 'ssh context', env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'ssh-peer', HOME: sshHome('ctx', { id_ed25519: clientKey }, known) } },
    { name: 'ssh without a usable key', env: { DOCKER_HOST: ssh, HOME: sshHome('nokey', { id_ed25519: lockedKey }, known) } },
    { name: 'ssh to an unknown host', env: { DOCKER_HOST: ssh, HOME: sshHome('unknown', { id_ed25519: clientKey }, '') } },
    {
      name: 'ssh to a host whose key changed',
      env: { DOCKER_HOST: ssh, HOME: sshHome('changed', { id_ed25519: clientKey }, `[127.0.0.1]:${sshd.port} ${run('cat', [`${otherHostKey}.pub`]).split(' ').slice(0, 2).join(' ')}\n`) },
    },
    { name: 'ssh refused', env: { DOCKER_HOST: 'ssh://root@127.0.0.1:9', HOME: sshHome('refused', { id_ed25519: clientKey }, known) } },
  ];
  const { stdout } = await execFileP('nsenter', [`--net=/var/run/netns/${netns}`, process.execPath, '--import', 'tsx', CLIENT, JSON.stringify(scenarios)], {
    timeout: 90_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const r of JSON.parse(stdout) as ScenarioResult[]) results.set(r.name, r);
}, 120_000);

afterAll(async () => {
  await Promise.all([tlsd?.stop(), sshd?.stop(), stopPid(agentPid, 1000), raw.getContainer(marker).remove({ force: true }).catch(() => undefined)]);
  if (ownNetns) run('ip', ['netns', 'del', netns]);
  rmSync(base, { recursive: true, force: true });
});

function result(name: string): ScenarioResult {
  const r = results.get(name);
  expect(r, `scenario "${name}" ran`).toBeDefined();
  return r!;
}

describe('tcp with TLS, to a dockerd with --tlsverify', () => {
  it('connects with DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and talks to that daemon', () => {
    const r = result('tls');
    expect(r).toMatchObject({ ok: true, url: `tcp://127.0.0.1:${tlsd!.port}`, source: 'DOCKER_HOST', tls: { verify: true }, dockerRootDir: tlsd!.dataRoot, containers: [] });
    expect(r.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('connects with --host and the TLS variables, and without checking the server under DOCKER_TLS', () => {
    expect(result('tls via --host')).toMatchObject({ ok: true, source: '--host', dockerRootDir: tlsd!.dataRoot });
    expect(result('tls without verifying the server')).toMatchObject({ ok: true, tls: { verify: false }, dockerRootDir: tlsd!.dataRoot });
    // The proof that the server is not checked: a CA that did not sign it is no obstacle,
    // while the same files with verification on are refused.
    const skipping = result('tls without verifying, a CA that did not sign the server');
    expect(skipping, JSON.stringify(skipping)).toMatchObject({ ok: true, tls: { verify: false }, dockerRootDir: tlsd!.dataRoot });
    const verifying = result('tls verifying, a CA that did not sign the server');
    expect(verifying).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(verifying.message).toMatch(/^TLS error talking to the Docker daemon/);
  });

  it('connects through a context whose TLS material is in the context store', () => {
    expect(result('tls context')).toMatchObject({ ok: true, source: 'context tls-peer', tls: { verify: true }, dockerRootDir: tlsd!.dataRoot });
  });

  it('says a TLS port needs TLS when spoken to in plain HTTP', () => {
    const r = result('plain http to the tls port');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(r.message).toContain(`at tcp://127.0.0.1:${tlsd!.port} expects TLS`);
    expect(r.message).toContain('DOCKER_TLS_VERIFY=1');
  });

  it('refuses a server whose certificate the CA does not sign', () => {
    const r = result('untrusted server ca');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(r.message).toMatch(/^TLS error talking to the Docker daemon at tcp:\/\/127\.0\.0\.1:\d+: .*(CA|self-signed)/);
  });

  it('explains a missing client certificate', () => {
    const r = result('no client certificate');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(r.message).toContain(`tcp://127.0.0.1:${tlsd!.port}`);
    expect(r.message).toContain('requires a client certificate');
  });

  it('says a refused tcp connection is refused, naming the endpoint', () => {
    expect(result('tcp refused')).toMatchObject({
      ok: false,
      kind: 'unreachable',
      message: 'Cannot reach the Docker daemon at tcp://127.0.0.1:9: the connection was refused (is the Docker daemon running?).',
    });
  });
});

describe('ssh://, to an sshd that runs docker system dial-stdio', () => {
  // The data root the test engine itself reports (whether this run started it or not): the
  // ssh session must have reached that very daemon, not the TLS peer or another one.
  const reachesEngine = async (name: string) => {
    const r = result(name);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, url: `ssh://root@127.0.0.1:${sshd!.port}` });
    expect(r.containers).toContain(marker);
    const root = (await raw.info()).DockerRootDir as string;
    expect(root).not.toBe(tlsd!.dataRoot);
    expect(r.dockerRootDir).toBe(root);
  };

  it('logs in with the default key ~/.ssh/id_ed25519 and reaches the private engine', () => reachesEngine('ssh with a default key'));
  it('logs in with a key held by ssh-agent', () => reachesEngine('ssh with the agent'));
  it('accepts the host through a hashed known_hosts entry', () => reachesEngine('ssh with a hashed known_hosts'));
  it('skips a key that needs a passphrase and uses the next default key', () => reachesEngine('ssh skips a passphrase key'));
  it('connects through an ssh context', async () => {
    await reachesEngine('ssh context');
    expect(result('ssh context').source).toBe('context ssh-peer');
  });

  it('says the login failed when no key is accepted', () => {
    const r = result('ssh without a usable key');
    expect(r).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(r.message).toContain(`ssh login at ssh://root@127.0.0.1:${sshd!.port} failed`);
  });

  it('refuses a host that is not in known_hosts, and one whose key changed', () => {
    for (const name of ['ssh to an unknown host', 'ssh to a host whose key changed']) {
      const r = result(name);
      expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
      expect(r.message).toContain('host key');
      expect(r.message).toContain('known_hosts');
    }
  });

  it('says a refused ssh connection is refused', () => {
    const r = result('ssh refused');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(r.message).toBe('Cannot reach the Docker daemon at ssh://root@127.0.0.1:9: the ssh server refused the connection (is sshd running on that port?).');
  });
});
