// Connecting the ways users on servers do, to real peers: a dockerd with --tlsverify on
// tcp://127.0.0.1 and sshds whose sessions run `docker system dial-stdio`, all inside the
// private engine's network namespace (127.0.0.1 there is not the host's). For TLS, berth's
// connection code runs in the namespace (test/support/peers/netns-client.ts); for ssh://,
// berth runs here and the system ssh it starts enters the namespace through a wrapper on its
// PATH, with each scenario's HOME as its ~ (test/support/peers/ssh-client.ts).
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextDirName } from '../../src/docker/endpoint.js';
import { makeTlsFiles } from '../support/peers/certs.js';
import { run, startAll, stopPid, waitFor } from '../support/peers/netns.js';
import { runScenario, type Scenario, type ScenarioResult } from '../support/peers/scenario.js';
import { makeSshHome, sshWrapperPath, type SshHome } from '../support/peers/ssh-client.js';
import { makeKey, startSshd, type Sshd } from '../support/peers/sshd.js';
import { closeClient, createClient } from '../../src/docker/client.js';
import { watchEvents } from '../../src/docker/events.js';
import { engineVersion } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { execInteractive } from '../../src/docker/exec.js';
import { followLogs } from '../../src/docker/logs.js';
import { sessionIo, waitForOutput } from '../support/session-io.js';
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
let jump: Sshd | undefined;
let sshPath = '';
let clientKey = '';
let agentPid: number | undefined;
const results = new Map<string, ScenarioResult>();

function writeContext(configDir: string, name: string, host: string, tlsFrom?: string, skipTlsVerify = false): void {
  const meta = join(configDir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: 'made by the test' }, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }));
  if (tlsFrom) {
    const tls = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
    mkdirSync(tls, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) if (existsSync(join(tlsFrom, f))) copyFileSync(join(tlsFrom, f), join(tls, f));
  }
}

/** A HOME for the ssh client: which keys it holds, what its known_hosts and config say. */
function sshHome(name: string, spec: SshHome): string {
  return makeSshHome(join(base, 'homes', name), spec);
}

/** An ssh-agent holding `key`, unlocked with its passphrase (given by SSH_ASKPASS, as a desktop would). */
async function startAgent(key: string, passphrase: string): Promise<string> {
  const sock = join(base, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore', detached: true });
  child.unref();
  agentPid = child.pid;
  await waitFor('ssh-agent', () => existsSync(sock), 5000);
  const askpass = join(base, 'askpass');
  writeFileSync(askpass, `#!/bin/sh\necho '${passphrase}'\n`, { mode: 0o700 });
  run('ssh-add', ['-q', key], { ...process.env, SSH_AUTH_SOCK: sock, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' });
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
  clientKey = makeKey(join(keyDir, 'client'));
  const ecdsaKey = makeKey(join(keyDir, 'client-ecdsa'), 'ecdsa');
  const passphrase = 'a passphrase';
  const lockedKey = makeKey(join(keyDir, 'locked'), 'ed25519', passphrase);
  const workKey = makeKey(join(keyDir, 'work'));
  const otherHostKey = makeKey(join(keyDir, 'other-host'));
  [tlsd, sshd, jump] = await startAll<[TlsDockerd, Sshd, Sshd]>([
    startTlsDockerd(netns, join(base, 'tls'), tls),
    startSshd(netns, join(base, 'sshd'), engineSocket, [clientKey, ecdsaKey, lockedKey, workKey], ['no-docker', 'no-permission']),
    // A jump host: it only forwards (its own sessions would reach no engine).
    startSshd(netns, join(base, 'jump'), '/nonexistent.sock', [clientKey]),
  ]);
  sshPath = sshWrapperPath(join(base, 'bin'), netns);

  // The right client pair with a CA that did not sign the server: only a client that skips
  // checking the server gets through with it.
  const wrongCaDir = join(base, 'wrong-ca');
  mkdirSync(wrongCaDir);
  copyFileSync(join(tls.rogueDir, 'ca.pem'), join(wrongCaDir, 'ca.pem'));
  for (const f of ['cert.pem', 'key.pem']) copyFileSync(join(tls.clientDir, f), join(wrongCaDir, f));
  // The client pair alone: a context made from it checks the server against the system's
  // authorities, to which NODE_EXTRA_CA_CERTS adds (bin/berth hands that file to berth to read).
  const noCaDir = join(base, 'no-ca');
  mkdirSync(noCaDir);
  for (const f of ['cert.pem', 'key.pem']) copyFileSync(join(tls.clientDir, f), join(noCaDir, f));
  const tcp = `tcp://127.0.0.1:${tlsd.port}`;
  const ssh = `ssh://root@127.0.0.1:${sshd.port}`;
  const knownLine = (peer: Sshd, port = peer.port) => `[127.0.0.1]:${port} ${peer.hostKeyLine}\n`;
  const known = knownLine(sshd);
  const hashedHome = sshHome('hashed', { keys: { id_ed25519: clientKey }, knownHosts: known });
  run('ssh-keygen', ['-q', '-H', '-f', join(hashedHome, '.ssh', 'known_hosts')]);
  const agentSock = await startAgent(lockedKey, passphrase);
  const cfg = join(base, 'docker-config');
  writeContext(cfg, 'tls-peer', tcp, tls.clientDir);
  writeContext(cfg, 'tls-no-ca', tcp, noCaDir);
  writeContext(cfg, 'ssh-peer', ssh);

  const tlsScenarios: Scenario[] = [
    { name: 'tls', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.clientDir } },
    { name: 'tls via --host', host: tcp, env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.clientDir } },
    { name: 'tls without verifying the server', env: { DOCKER_HOST: tcp, DOCKER_TLS: '1', DOCKER_CERT_PATH: tls.clientDir } },
    { name: 'tls without verifying, a CA that did not sign the server', env: { DOCKER_HOST: tcp, DOCKER_TLS: '1', DOCKER_CERT_PATH: wrongCaDir } },
    { name: 'tls verifying, a CA that did not sign the server', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: wrongCaDir } },
    { name: 'tls context', env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'tls-peer' } },
    { name: 'tls context without a ca, the CA in NODE_EXTRA_CA_CERTS', env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'tls-no-ca', NODE_EXTRA_CA_CERTS: join(tls.clientDir, 'ca.pem') } },
    { name: 'tls context without a ca', env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'tls-no-ca' } },
    { name: 'plain http to the tls port', env: { DOCKER_HOST: tcp } },
    { name: 'untrusted server ca', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.rogueDir } },
    { name: 'no client certificate', env: { DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.caOnlyDir } },
    { name: 'tcp refused', env: { DOCKER_HOST: 'tcp://127.0.0.1:9' } },
  ];
  // ssh runs with the scenario's HOME as ~ and the wrapper first on its PATH.
  const viaSsh = (name: string, home: SshHome, env: Record<string, string> = {}, target: Partial<Scenario> = {}): Scenario => ({
    name,
    env: { DOCKER_HOST: ssh, PATH: sshPath, HOME: sshHome(name.replace(/\W+/g, '-'), home), ...env },
    ...target,
  });
  const aliases = [
    `Host berth-alias\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n  IdentityFile ~/.ssh/work_key\n`,
    `Host berth-ghost\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User berth-ghost-user\n  IdentityFile ~/.ssh/work_key\n`,
    `Host berth-far\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n  ProxyJump berth-jump\n`,
    `Host berth-jump\n  HostName 127.0.0.1\n  Port ${jump.port}\n  User root\n`,
  ].join('');
  const withConfig: SshHome = { keys: { id_ed25519: clientKey, work_key: workKey }, knownHosts: known + knownLine(jump), config: aliases };
  const sshScenarios: Scenario[] = [
    viaSsh('ssh with a default key', { keys: { id_ed25519: clientKey }, knownHosts: known }),
    viaSsh('ssh with a passphrase key held by the agent', { keys: { id_ed25519: lockedKey }, knownHosts: known }, { SSH_AUTH_SOCK: agentSock }),
    viaSsh('ssh with a hashed known_hosts', { keys: { id_ed25519: clientKey }, knownHosts: readFileSync(join(hashedHome, '.ssh', 'known_hosts'), 'utf8') }),
    viaSsh('ssh skips a passphrase key', { keys: { id_ed25519: lockedKey, id_ecdsa: ecdsaKey }, knownHosts: known }),
    viaSsh('ssh context', { keys: { id_ed25519: clientKey }, knownHosts: known }, { DOCKER_HOST: '', DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'ssh-peer' }),
    viaSsh('ssh alias from ~/.ssh/config', withConfig, {}, { host: 'ssh://berth-alias' }),
    viaSsh('ssh alias with a user the server does not know', withConfig, {}, { host: 'ssh://berth-ghost' }),
    viaSsh('ssh through a jump host', withConfig, {}, { host: 'ssh://berth-far' }),
    viaSsh('ssh with a passphrase key and no agent', { keys: { id_ed25519: lockedKey }, knownHosts: known }),
    viaSsh('ssh to an unknown host', { keys: { id_ed25519: clientKey }, knownHosts: '' }),
    viaSsh('ssh to a host whose key changed', { keys: { id_ed25519: clientKey }, knownHosts: `[127.0.0.1]:${sshd.port} ${readFileSync(`${otherHostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n` }),
    viaSsh('ssh refused', { keys: { id_ed25519: clientKey }, knownHosts: known }, { DOCKER_HOST: 'ssh://root@127.0.0.1:9' }),
    viaSsh('ssh to a host without docker', { keys: { id_ed25519: clientKey }, knownHosts: knownLine(sshd, sshd.variantPorts['no-docker']) }, { DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.variantPorts['no-docker']}` }),
    viaSsh('ssh to a docker that refuses the user', { keys: { id_ed25519: clientKey }, knownHosts: knownLine(sshd, sshd.variantPorts['no-permission']) }, { DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.variantPorts['no-permission']}` }),
  ];
  const [tlsOut, sshResults] = await Promise.all([
    execFileP('nsenter', [`--net=/var/run/netns/${netns}`, process.execPath, '--import', 'tsx', CLIENT, JSON.stringify(tlsScenarios)], { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }),
    Promise.all(sshScenarios.map(runScenario)),
  ]);
  for (const r of [...(JSON.parse(tlsOut.stdout) as ScenarioResult[]), ...sshResults]) results.set(r.name, r);
}, 120_000);

afterAll(async () => {
  await Promise.all([tlsd?.stop(), sshd?.stop(), jump?.stop(), stopPid(agentPid, 1000), raw.getContainer(marker).remove({ force: true }).catch(() => undefined)]);
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

  it("checks the server against NODE_EXTRA_CA_CERTS's authorities, read by berth itself, when the context has no ca.pem", () => {
    // The netns client's Node read its own NODE_EXTRA_CA_CERTS at start, if any: not this CA.
    expect(result('tls context without a ca, the CA in NODE_EXTRA_CA_CERTS')).toMatchObject({ ok: true, tls: { verify: true }, dockerRootDir: tlsd!.dataRoot });
    const without = result('tls context without a ca');
    expect(without).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(without.message).toMatch(/^TLS error talking to the Docker daemon/);
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

describe('ssh:// through the system ssh, to an sshd that runs docker system dial-stdio', () => {
  // The data root the test engine itself reports (whether this run started it or not): the
  // ssh session must have reached that very daemon, not the TLS peer or another one.
  const reachesEngine = async (name: string, url = `ssh://root@127.0.0.1:${sshd!.port}`) => {
    const r = result(name);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, url });
    expect(r.containers).toContain(marker);
    const root = (await raw.info()).DockerRootDir as string;
    expect(root).not.toBe(tlsd!.dataRoot);
    expect(r.dockerRootDir).toBe(root);
  };
  const failsWith = (name: string, kind: string, ...words: string[]) => {
    const r = result(name);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: false, kind });
    for (const w of words) expect(r.message).toContain(w);
    // A sentence, never a stack trace.
    expect(r.message).not.toMatch(/\n\s+at /);
  };

  it('logs in with the default key ~/.ssh/id_ed25519 and reaches the private engine', () => reachesEngine('ssh with a default key'));
  it('logs in with a passphrase key held by ssh-agent', () => reachesEngine('ssh with a passphrase key held by the agent'));
  it('accepts the host through a hashed known_hosts entry', () => reachesEngine('ssh with a hashed known_hosts'));
  it('skips a key that needs a passphrase and uses the next default key', () => reachesEngine('ssh skips a passphrase key'));
  it('connects through an ssh context', async () => {
    await reachesEngine('ssh context');
    expect(result('ssh context').source).toBe('context ssh-peer');
  });

  it("takes an alias's HostName, non-default Port, User and IdentityFile from ~/.ssh/config", async () => {
    await reachesEngine('ssh alias from ~/.ssh/config', 'ssh://berth-alias');
    // The proof that User came from the config: the server was asked for that user.
    failsWith('ssh alias with a user the server does not know', 'unauthorized', 'ssh login at ssh://berth-ghost failed');
    expect(sshd!.log()).toMatch(/Invalid user berth-ghost-user from 127\.0\.0\.1/);
  });

  it('goes through a ProxyJump host named in ~/.ssh/config', async () => {
    await reachesEngine('ssh through a jump host', 'ssh://berth-far');
    expect(jump!.log()).toMatch(/Accepted publickey for root from 127\.0\.0\.1/);
  });

  it('says the login failed when the only key needs a passphrase and nothing can ask for it', () => {
    failsWith('ssh with a passphrase key and no agent', 'unauthorized', `ssh login at ssh://root@127.0.0.1:${sshd!.port} failed`, 'Permission denied (publickey)', 'ssh-agent');
  });

  it('refuses a host that is not in known_hosts, and one whose key changed, each in its own words', () => {
    failsWith('ssh to an unknown host', 'unreachable', 'Unknown ssh host key', 'not in known_hosts', 'Connect once with ssh 127.0.0.1');
    failsWith('ssh to a host whose key changed', 'unreachable', 'Changed ssh host key', 'differs from the one recorded in known_hosts', 'ssh-keygen -R 127.0.0.1');
  });

  it('says a refused ssh connection is refused', () => {
    const r = result('ssh refused');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(r.message).toBe('Cannot reach the Docker daemon at ssh://root@127.0.0.1:9: the ssh server refused the connection (is sshd running on that port?).');
  });

  it('says the remote host has no docker command', () => {
    failsWith('ssh to a host without docker', 'unreachable', 'No docker command on the host', 'docker system dial-stdio');
  });

  it("says the remote docker refused the ssh user (the docker group), from the real docker CLI's words", () => {
    failsWith('ssh to a docker that refuses the user', 'permission', 'Permission denied by the Docker daemon', '"docker" group');
  });

  it('carries a shell (a hijacked connection) and a followed log over ssh sessions', async () => {
    const home = sshHome('streams', { keys: { id_ed25519: clientKey }, knownHosts: `[127.0.0.1]:${sshd!.port} ${sshd!.hostKeyLine}\n` });
    const docker = createClient(parseHostUrl(`ssh://root@127.0.0.1:${sshd!.port}`, 'flag'), { env: { PATH: sshPath, HOME: home }, timeoutMs: 20_000 });
    try {
      const io = sessionIo();
      const session = await execInteractive(docker, marker, { cmd: ['sh'], tty: true, columns: 80, rows: 24 }, io);
      io.type('echo $((6*7)); echo logged-over-ssh > /proc/1/fd/1\n');
      await waitForOutput(io, /\r\n42\r\n/);
      io.type('exit 7\n');
      expect(await session.done).toEqual({ how: 'exited', exitCode: 7 });
      const lines: string[] = [];
      const seen = new Promise<void>((resolve) => {
        const follow = followLogs(docker, marker, { tail: 10 }, {
          onChunk: (c) => {
            lines.push(c.data.toString('utf8'));
            if (lines.join('').includes('logged-over-ssh')) {
              follow.stop();
              resolve();
            }
          },
          onEnd: () => undefined,
        });
      });
      await seen;
    } finally {
      closeClient(docker);
    }
  });

  it('ends the events stream when the connection drops mid-session, and reaches the daemon again afterwards', async () => {
    const home = sshHome('dropped', { keys: { id_ed25519: clientKey }, knownHosts: `[127.0.0.1]:${sshd!.port} ${sshd!.hostKeyLine}\n` });
    const env = { PATH: sshPath, HOME: home };
    const docker = createClient(parseHostUrl(`ssh://root@127.0.0.1:${sshd!.port}`, 'flag'), { env, timeoutMs: 20_000 });
    try {
      let opened!: () => void;
      let ended!: (err: unknown) => void;
      const open = new Promise<void>((r) => (opened = r));
      const end = new Promise<unknown>((r) => (ended = r));
      const stream = watchEvents(docker, { onEvent: () => undefined, onOpen: () => opened(), onEnd: (err) => ended(err ?? 'ended') });
      await open;
      sshd!.dropConnections();
      // The refresher turns this end into "disconnected, retrying" (as for a local daemon).
      await end;
      stream.stop();
      // The next call opens a new shared connection (in BatchMode: nothing prompts).
      expect((await engineVersion(docker)).apiVersion).toMatch(/^1\.\d+$/);
    } finally {
      closeClient(docker);
    }
  });
});
