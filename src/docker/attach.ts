// Attach the user's terminal to a container's main process, as `docker attach` does.
import { PassThrough, type Duplex } from 'node:stream';
import type { DockerClient } from './client.js';
import { containerLabel } from './containers.js';
import { callDaemon, DockerError, toDockerError } from './errors.js';
import { pumpSession, sessionEnd, type InteractiveSession, type ProcessState, type SessionIo } from './session-pump.js';

export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

export interface AttachOptions {
  readonly columns: number;
  readonly rows: number;
  /** The sequence that detaches and leaves the process running; the engine watches for it. */
  readonly detachKeys?: string;
}

async function containerState(docker: DockerClient, containerId: string): Promise<ProcessState> {
  try {
    const state = (await docker.getContainer(containerId).inspect()).State;
    return { running: Boolean(state?.Running), exitCode: state?.ExitCode };
  } catch (err) {
    // Started with --rm: the container went with its exit code.
    if ((err as { statusCode?: number }).statusCode === 404) return { running: false, exitCode: undefined };
    throw err;
  }
}

/** The bytes of a detach key sequence in Docker's notation ("ctrl-p,ctrl-q", "ctrl-@", "a"). */
export function detachKeyBytes(keys: string): number[] {
  return keys.split(',').map((k) => {
    const ctrl = /^ctrl-(.)$/i.exec(k.trim());
    if (ctrl) return ctrl[1]!.toUpperCase().charCodeAt(0) & 0x1f;
    return k.trim().charCodeAt(0);
  });
}

/**
 * Watches the user's keys for the detach sequence. Without stdin the engine reads no keys and
 * never sees that sequence (docker attach leaves the user stuck there): berth looks for it.
 */
function watchDetachKeys(stdin: NodeJS.ReadableStream, keys: readonly number[], onDetach: () => void): { stop(): void } {
  let matched = 0;
  const onData = (data: Buffer | string) => {
    for (const b of typeof data === 'string' ? Buffer.from(data) : data) {
      matched = b === keys[matched] ? matched + 1 : b === keys[0] ? 1 : 0;
      if (matched === keys.length) {
        onDetach();
        return;
      }
    }
  };
  stdin.on('data', onData);
  stdin.resume();
  return {
    stop() {
      stdin.removeListener('data', onData);
      stdin.pause();
    },
  };
}

/**
 * Attaches to a running container's main process: its output to `stdout` (split into
 * stdout/stderr without a TTY), keys to its stdin when it has one open (raw, so Ctrl-C
 * goes to the process: set the terminal to raw mode first). `done` says `detached` after
 * the detach keys, `exited` with the exit code when the process ended.
 * Refused (conflict) when the container is not running: the engine would wait for a start.
 */
export async function attachInteractive(docker: DockerClient, containerId: string, opts: AttachOptions, io: SessionIo): Promise<InteractiveSession> {
  const what = containerLabel(containerId);
  const container = docker.getContainer(containerId);
  const info = await callDaemon(docker, what, () => container.inspect());
  if (!info.State?.Running) throw new DockerError('conflict', `${what} is not running: start it before attaching.`);
  if (info.State.Paused) throw new DockerError('conflict', `${what} is paused: unpause it before attaching.`);
  const tty = Boolean(info.Config?.Tty);
  const stdin = Boolean(info.Config?.OpenStdin);

  let socket: Duplex;
  try {
    socket = (await container.attach({
      stream: true,
      stdin,
      stdout: true,
      stderr: true,
      hijack: true,
      detachKeys: opts.detachKeys ?? DEFAULT_DETACH_KEYS,
    } as object)) as unknown as Duplex;
  } catch (err) {
    throw toDockerError(err, what);
  }
  const resize = async (columns: number, rows: number) => {
    if (!tty) return;
    await callDaemon(docker, what, () => container.resize({ w: Math.max(1, Math.floor(columns)), h: Math.max(1, Math.floor(rows)) }));
  };

  // No stdin: the keys go nowhere but to berth's own watch for the detach sequence.
  let detachedHere = false;
  const pump = pumpSession(socket, tty, stdin ? io : { ...io, stdin: new PassThrough() });
  const watch = stdin
    ? undefined
    : watchDetachKeys(io.stdin, detachKeyBytes(opts.detachKeys ?? DEFAULT_DETACH_KEYS), () => {
        detachedHere = true;
        pump.stop();
      });
  const done = pump.ended
    .then((result) => (detachedHere ? { how: 'detached' as const, exitCode: undefined } : sessionEnd(result, () => containerState(docker, containerId), what)))
    .finally(() => watch?.stop());
  done.catch(() => undefined);
  // The process redraws for its new size (SIGWINCH), which is also what shows a prompt.
  await resize(opts.columns, opts.rows).catch(() => undefined);
  return { resize, done, stop: pump.stop };
}
