// Debian's OpenSSH server on a loopback port inside the private engine's network namespace.
// Root logs in by key only; every session gets DOCKER_HOST pointing at the private engine,
// so the `docker system dial-stdio` that berth's ssh runs remotely reaches that engine.
// Extra ports can serve odd remote hosts (a session environment of their own, by
// `Match LocalPort`): one without docker on its PATH, one whose docker runs as nobody.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pidFromFile, randomPort, run, spawnInNetns, stopPid, waitFor } from './netns.js';

export type SshdVariant = 'no-docker' | 'no-permission';

export interface Sshd {
  readonly port: number;
  /** The ports of the variants asked for. */
  readonly variantPorts: Readonly<Partial<Record<SshdVariant, number>>>;
  /** The host key's public line ("ssh-ed25519 AAAA..."), for known_hosts. */
  readonly hostKeyLine: string;
  readonly dir: string;
  /** What sshd logged so far (LogLevel VERBOSE: logins, refused users). */
  log(): string;
  /** Ends every open session and connection at once, as a network failure would; the listener stays. */
  dropConnections(): void;
  stop(): Promise<void>;
}

/** Makes a key pair with ssh-keygen; returns the private key's path (the public one is `<path>.pub`). */
export function makeKey(path: string, type: 'ed25519' | 'ecdsa' = 'ed25519', passphrase = ''): string {
  run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'berth-test', '-f', path]);
  return path;
}

/** The processes below `pid` (sshd forks one per connection, and that one its session). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The fields after the command (which may hold spaces) start after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** A `docker` that drops root before it runs: the engine's socket then refuses it, as for a user outside the docker group. */
function unprivilegedDocker(dir: string): string {
  const bin = join(dir, 'unprivileged-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'docker'), '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/docker "$@"\n');
  chmodSync(join(bin, 'docker'), 0o755);
  return bin;
}

export async function startSshd(
  netns: string,
  dir: string,
  engineSocket: string,
  authorizedKeys: readonly string[],
  variants: readonly SshdVariant[] = [],
): Promise<Sshd> {
  mkdirSync(dir, { recursive: true });
  // sshd refuses to start without its privilege separation directory (the Debian service makes it).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = randomPort();
  const variantPorts: Partial<Record<SshdVariant, number>> = {};
  variants.forEach((v, i) => (variantPorts[v] = port + 1 + i));
  const hostKey = makeKey(join(dir, 'host_key'));
  writeFileSync(join(dir, 'authorized_keys'), authorizedKeys.map((k) => readFileSync(`${k}.pub`, 'utf8')).join(''), { mode: 0o600 });
  const config = join(dir, 'sshd_config');
  const pidFile = join(dir, 'sshd.pid');
  const log = join(dir, 'sshd.log');
  // Sessions get a HOME of their own: bash run by sshd reads ~/.bashrc even for a command,
  // and the machine's (pyenv, cargo) is slow and takes locks a dropped session would leave.
  const sessionHome = join(dir, 'session-home');
  mkdirSync(sessionHome, { recursive: true });
  const sessionVars = `DOCKER_HOST=unix://${engineSocket} HOME=${sessionHome}`;
  // A Match block's SetEnv replaces the global one: each repeats DOCKER_HOST.
  const sessionEnv: Record<SshdVariant, string> = {
    'no-docker': `SetEnv ${sessionVars} PATH=/nonexistent`,
    'no-permission': `SetEnv ${sessionVars} PATH=${unprivilegedDocker(dir)}:/usr/bin:/bin`,
  };
  writeFileSync(
    config,
    [
      `Port ${port}`,
      ...Object.values(variantPorts).map((p) => `Port ${p}`),
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${pidFile}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The key files live under /tmp, which is world-writable.
      'StrictModes no',
      `SetEnv ${sessionVars}`,
      'LogLevel VERBOSE',
      // The tests open many connections at once; the default (10 unauthenticated) drops some.
      'MaxStartups 100',
      ...Object.entries(variantPorts).flatMap(([v, p]) => [`Match LocalPort ${p}`, `  ${sessionEnv[v as SshdVariant]}`]),
      '',
    ].join('\n'),
  );
  const fd = openSync(log, 'a');
  const launcher = spawnInNetns(netns, '/usr/sbin/sshd', ['-D', '-e', '-f', config], fd);
  closeSync(fd);
  const listener = () => pidFromFile(pidFile) ?? launcher;
  const stop = async () => {
    for (const pid of descendants(listener())) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await stopPid(listener(), 3000);
    rmSync(dir, { recursive: true, force: true });
  };
  const listening = () => (readFileSync(log, 'utf8').match(/Server listening on 127\.0\.0\.1 port/g) ?? []).length;
  try {
    await waitFor('sshd', () => existsSync(log) && listening() === 1 + variants.length, 10_000, log);
  } catch (err) {
    await stop();
    throw err;
  }
  const pub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/);
  return {
    port,
    variantPorts,
    hostKeyLine: `${pub[0]} ${pub[1]}`,
    dir,
    log: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
    dropConnections: () => {
      for (const pid of descendants(listener())) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
    stop,
  };
}
