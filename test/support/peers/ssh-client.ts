// The system ssh as berth runs it, pointed at the test peers: a wrapper named `ssh` that a
// test puts first on berth's PATH. It enters the peers' network namespace (where 127.0.0.1 is
// the namespace's loopback) and, since ssh reads ~ from the password database rather than
// $HOME, mounts $HOME over the user's home in a private mount namespace: each test HOME is a
// whole ~/.ssh (config, keys, known_hosts) of its own, and nothing of the real one is read.
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** Writes the wrapper into `dir`; returns a PATH that finds it first. */
export function sshWrapperPath(dir: string, netns: string): string {
  mkdirSync(dir, { recursive: true });
  const realHome = userInfo().homedir;
  const script = [
    '#!/bin/sh',
    `exec nsenter --net=/var/run/netns/${netns} unshare --mount --propagation private /bin/sh -c 'mount --bind "$HOME" ${realHome} && exec /usr/bin/ssh "$@"' ssh "$@"`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'ssh'), script);
  chmodSync(join(dir, 'ssh'), 0o755);
  return `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
}

export interface SshHome {
  /** Private keys to copy in, by file name under ~/.ssh. */
  readonly keys?: Record<string, string>;
  readonly knownHosts?: string;
  /** ~/.ssh/config */
  readonly config?: string;
}

/** A HOME for ssh: which keys it holds, what its known_hosts and config say. */
export function makeSshHome(home: string, spec: SshHome): string {
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  chmodSync(home, 0o755);
  for (const [file, from] of Object.entries(spec.keys ?? {})) {
    copyFileSync(from, join(home, '.ssh', file));
    chmodSync(join(home, '.ssh', file), 0o600);
  }
  if (spec.knownHosts !== undefined) writeFileSync(join(home, '.ssh', 'known_hosts'), spec.knownHosts);
  if (spec.config !== undefined) writeFileSync(join(home, '.ssh', 'config'), spec.config, { mode: 0o600 });
  return home;
}
