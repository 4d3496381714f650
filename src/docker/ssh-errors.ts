// What went wrong when the system ssh (or the docker CLI it runs on the far side) failed,
// read from its exit code and the words it wrote to stderr, as a sentence a user can act on.
import { DockerError } from './errors.js';

export interface SshFailure {
  /** What ssh wrote to stderr (the tail of it). */
  readonly stderr: string;
  /** ssh's exit code: 255 is ssh's own failure, anything else is the remote command's. */
  readonly code: number | null;
  /** The endpoint, as the user wrote it. */
  readonly url: string;
  /** The host name ssh was given (for the commands the sentence suggests). */
  readonly host: string;
}

/** The lines of stderr that say something: no banners, warnings or blank lines. */
function meaningful(stderr: string): string[] {
  return stderr
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^@+$/.test(l) && !/^Warning: Permanently added/i.test(l) && !/^WARNING: Error loading config file/i.test(l));
}

function lastLine(text: string): string {
  return (text.split('\n').pop() ?? '').replace(/[.\s]+$/, '');
}

/** The sentence for a failed ssh or remote `docker system dial-stdio`. */
export function sshError(f: SshFailure, cause?: unknown): DockerError {
  const at = f.url;
  const text = meaningful(f.stderr).join('\n');
  const opts = cause === undefined ? {} : { cause };
  const detail = lastLine(text);
  const make = (kind: DockerError['kind'], message: string) => new DockerError(kind, message, opts);

  if (/IDENTIFICATION HAS CHANGED|has changed and you have requested strict checking/i.test(text)) {
    return make(
      'unreachable',
      `Changed ssh host key at ${at}: it differs from the one recorded in known_hosts (the server was reinstalled, or someone is in between). If the change is expected, remove the old key with ssh-keygen -R ${f.host} and connect once with ssh to record the new one.`,
    );
  }
  if (/Host key verification failed|host key is known for|authenticity of host/i.test(text)) {
    return make('unreachable', `Unknown ssh host key at ${at}: it is not in known_hosts. Connect once with ssh ${f.host} to check and record it, then try again.`);
  }
  if (/Permission denied \(|Too many authentication failures|no more authentication methods/i.test(text)) {
    return make(
      'unauthorized',
      `ssh login at ${at} failed: the server accepted none of the keys ssh offered (${detail}). Check the user name and the key (IdentityFile in ~/.ssh/config, or ssh-add); a key with a passphrase can only be unlocked before berth's screen opens, or by ssh-agent.`,
    );
  }
  if (/Connection refused/i.test(text) && f.code === 255) {
    return make('unreachable', `Cannot reach the Docker daemon at ${at}: the ssh server refused the connection (is sshd running on that port?).`);
  }
  if (/Could not resolve hostname/i.test(text)) {
    return make('unreachable', `Cannot reach the Docker daemon at ${at}: the host name could not be resolved (check it, or its Host entry in ~/.ssh/config).`);
  }
  if (/timed out/i.test(text) && f.code === 255) {
    return make('timeout', `Cannot reach the Docker daemon at ${at}: the ssh connection timed out.`);
  }
  if (/No route to host|Network is unreachable/i.test(text)) {
    return make('unreachable', `Cannot reach the Docker daemon at ${at}: ${/No route/i.test(text) ? 'there is no route to the host' : 'the network cannot be reached'}.`);
  }
  if (f.code === 127 || /docker: (command )?not found|command not found: docker/i.test(text)) {
    return make(
      'unreachable',
      `No docker command on the host at ${at}: ssh:// runs "docker system dial-stdio" there, so install the Docker CLI on it (or put docker on the PATH of non-interactive ssh sessions).`,
    );
  }
  if (/unknown command|is not a docker command|unknown flag/i.test(text)) {
    return make('unreachable', `The docker CLI on the host at ${at} is too old for ssh:// (it has no "docker system dial-stdio"; Docker 18.09 or newer is needed).`);
  }
  if (/permission denied/i.test(text)) {
    return make(
      'permission',
      `Permission denied by the Docker daemon on the host at ${at}: add the ssh user to the "docker" group there (sudo usermod -aG docker USER, then log in again).`,
    );
  }
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|dial unix|raw stream connection/i.test(text)) {
    return make('unreachable', `No Docker daemon answers on the host at ${at}, though the ssh login worked (${detail}).`);
  }
  if (f.code === 255) {
    return make('unreachable', `The ssh connection to ${at} failed${detail ? `: ${detail}` : ''}.`);
  }
  return make('unreachable', `docker system dial-stdio on the host at ${at} failed${detail ? `: ${detail}` : ` (exit code ${f.code ?? 'none'})`}.`);
}

/** The sentence when the ssh program itself cannot be run. */
export function sshMissing(url: string, err: NodeJS.ErrnoException): DockerError {
  if (err.code === 'ENOENT') {
    return new DockerError('unreachable', `${url} needs the ssh client, and there is no ssh command on the PATH (install OpenSSH's client).`, { cause: err });
  }
  return new DockerError('unreachable', `Cannot run ssh for ${url}: ${err.message}.`, { cause: err });
}
