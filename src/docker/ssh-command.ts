// The system ssh command lines berth runs for an ssh:// endpoint, the way the docker CLI does:
// the host, and the user and port only when the URL names them, so that everything else
// (aliases, User, Port, IdentityFile, ProxyJump, the agent, known_hosts policy) comes from
// the user's own ssh configuration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from './endpoint.js';

/** Seconds ssh may take to reach the server (TCP and the banner), as `ConnectTimeout`. */
export const SSH_CONNECT_TIMEOUT_S = 15;
/** Seconds the shared connection stays open after its last session closes (berth ends it sooner on exit). */
export const SSH_PERSIST_S = 60;

export interface SshCommandOptions {
  /** Where the shared (ControlMaster) connection listens. */
  readonly controlPath: string;
  /**
   * May ssh ask on the terminal (a passphrase, an unknown host key)? Only before the full
   * screen opens; afterwards ssh runs in BatchMode and fails with a sentence instead of a prompt.
   */
  readonly interactive?: boolean;
}

/** The options every ssh berth runs gets, before the destination. */
function common(ep: Endpoint, opts: SshCommandOptions): string[] {
  return [
    '-T',
    '-o',
    `ConnectTimeout=${SSH_CONNECT_TIMEOUT_S}`,
    // One authenticated connection per endpoint, shared by every request and stream (events,
    // logs, stats, exec each need their own): one handshake instead of one each, and a key
    // unlocked by the prompt before the screen opens stays usable for the whole session.
    '-o',
    'ControlMaster=auto',
    '-o',
    `ControlPath=${opts.controlPath}`,
    '-o',
    `ControlPersist=${SSH_PERSIST_S}`,
    // A RemoteCommand in the user's config for this host would clash with dial-stdio.
    '-o',
    'RemoteCommand=none',
    // A dead network is noticed within about 45 s (then berth says "disconnected, retrying").
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=3',
    ...(opts.interactive ? [] : ['-o', 'BatchMode=yes']),
    ...(ep.username ? ['-l', ep.username] : []),
    ...(ep.port !== undefined ? ['-p', String(ep.port)] : []),
  ];
}

/** ssh's arguments that open (or find) the shared connection and then exit: `-N`, no remote command. */
export function sshMasterArgs(ep: Endpoint, opts: SshCommandOptions): string[] {
  return [...common(ep, opts), '-N', '--', ep.host!];
}

/**
 * ssh's arguments for one connection to the daemon: `docker system dial-stdio` on the far side
 * carries the Engine API over ssh's stdin and stdout. A path in the URL names the remote socket.
 */
export function sshDialArgs(ep: Endpoint, opts: SshCommandOptions): string[] {
  const remote = ep.remoteSocket ? ['docker', '--host', `unix://${ep.remoteSocket}`] : ['docker'];
  return [...common(ep, opts), '--', ep.host!, ...remote, 'system', 'dial-stdio'];
}

/** ssh's arguments that end the shared connection. */
export function sshExitArgs(ep: Endpoint, controlPath: string): string[] {
  return ['-o', `ControlPath=${controlPath}`, ...(ep.username ? ['-l', ep.username] : []), ...(ep.port !== undefined ? ['-p', String(ep.port)] : []), '-O', 'exit', '--', ep.host!];
}

let controlDir: string | undefined;
let made = 0;

/**
 * A control socket for one client's connection: in a directory of this process's own (mode
 * 0700, so no other user can ride the connection), each client its own, so closing one never
 * ends another's. Short, because a unix socket path is limited to about 100 bytes and ssh
 * appends a random suffix while it binds.
 */
export function newControlPath(): string {
  controlDir ??= mkdtempSync(join(tmpdir(), 'berth-ssh-'));
  return join(controlDir, `c${++made}`);
}

/** Removes this process's control directory (its sockets are gone once the connections end). */
export function removeControlDir(): void {
  if (!controlDir) return;
  rmSync(controlDir, { recursive: true, force: true });
  controlDir = undefined;
}
