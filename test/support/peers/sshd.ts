// Debian's OpenSSH server on a loopback port inside the private engine's network namespace.
// Root logs in by key only; every session gets DOCKER_HOST pointing at the private engine,
// so the `docker system dial-stdio` that dockerode runs remotely reaches that engine.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pidFromFile, randomPort, run, spawnInNetns, stopPid, waitFor } from './netns.js';

export interface Sshd {
  readonly port: number;
  /** The host key's public line ("ssh-ed25519 AAAA..."), for known_hosts. */
  readonly hostKeyLine: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** Makes a key pair with ssh-keygen; returns the private key's path (the public one is `<path>.pub`). */
export function makeKey(path: string, type: 'ed25519' | 'ecdsa' = 'ed25519', passphrase = ''): string {
  run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'berth-test', '-f', path]);
  return path;
}

export async function startSshd(netns: string, dir: string, engineSocket: string, authorizedKeys: readonly string[]): Promise<Sshd> {
  mkdirSync(dir, { recursive: true });
  // sshd refuses to start without its privilege separation directory (the Debian service makes it).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = randomPort();
  const hostKey = makeKey(join(dir, 'host_key'));
  writeFileSync(join(dir, 'authorized_keys'), authorizedKeys.map((k) => readFileSync(`${k}.pub`, 'utf8')).join(''), { mode: 0o600 });
  const config = join(dir, 'sshd_config');
  const pidFile = join(dir, 'sshd.pid');
  const log = join(dir, 'sshd.log');
  writeFileSync(
    config,
    [
      `Port ${port}`,
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
      `SetEnv DOCKER_HOST=unix://${engineSocket}`,
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const fd = openSync(log, 'a');
  const launcher = spawnInNetns(netns, '/usr/sbin/sshd', ['-D', '-e', '-f', config], fd);
  closeSync(fd);
  const stop = async () => {
    await stopPid(pidFromFile(pidFile) ?? launcher, 3000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('sshd', () => existsSync(log) && /Server listening on 127\.0\.0\.1 port/.test(readFileSync(log, 'utf8')), 10_000, log);
  } catch (err) {
    await stop();
    throw err;
  }
  const pub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/);
  return { port, hostKeyLine: `${pub[0]} ${pub[1]}`, dir, stop };
}
