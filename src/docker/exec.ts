// Exec into a running container: a process with the user's terminal (a shell, mostly),
// and the question which shell a container has at all.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import type { DockerClient } from './client.js';
import { containerLabel } from './containers.js';
import { callDaemon, DockerError, toDockerError } from './errors.js';
import { pumpSession, sessionEnd, type InteractiveSession, type ProcessState, type SessionIo } from './session-pump.js';

export type { InteractiveSession, SessionEnd, SessionIo } from './session-pump.js';
export type ExecSession = InteractiveSession;

export interface ExecOptions {
  readonly cmd: readonly string[];
  /** A TTY for the process: output comes raw, keys are read raw (set the terminal to raw mode first). */
  readonly tty: boolean;
  readonly columns: number;
  readonly rows: number;
  /** NAME=value entries added to the container's environment. */
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  /** The engine's detach sequence (its default is ctrl-p,ctrl-q). */
  readonly detachKeys?: string;
}

export const DEFAULT_SHELLS: readonly string[] = ['bash', 'zsh', 'ash', 'sh'];

/**
 * When the process cannot be started (no such program, working directory or user), the
 * engine has already answered 200 and upgraded the connection: it writes its sentence as
 * the first output and ends the exec with 126. Output is held back only while it can
 * still be such a sentence.
 */
const START_FAILURES = ['OCI runtime exec failed', 'unable to find user', 'unable to find group'];
/** The exit code the engine gives an exec it could not start. */
const NOT_STARTED = 126;

class StartFailureSniffer {
  private held = Buffer.alloc(0);
  /** undefined while the output could still be the engine's sentence. */
  private verdict: 'output' | 'failure' | undefined;

  /** What looked like the engine's sentence (all output, if it was one). */
  get suspect(): Buffer | undefined {
    return this.verdict === 'failure' ? this.held : undefined;
  }

  push(chunk: Buffer): Buffer {
    if (this.verdict === 'output') return chunk;
    this.held = Buffer.concat([this.held, chunk]);
    if (this.verdict === 'failure') return Buffer.alloc(0);
    const text = this.held.toString('latin1');
    if (START_FAILURES.some((p) => text.startsWith(p))) this.verdict = 'failure';
    else if (!START_FAILURES.some((p) => p.startsWith(text))) this.verdict = 'output';
    return this.verdict === 'output' ? this.take() : Buffer.alloc(0);
  }

  /** At the end: what was held back, unless it may be the engine's sentence (see suspect). */
  end(): Buffer {
    if (this.verdict === 'failure') return Buffer.alloc(0);
    this.verdict = 'output';
    return this.take();
  }

  private take(): Buffer {
    const out = this.held;
    this.held = Buffer.alloc(0);
    return out;
  }
}

const SHELL_NAMES = /^(bash|zsh|ash|sh|dash|ksh|mksh|fish|tcsh|csh)$/;

/** A sentence for the engine's "could not start the process" answer. */
export function startFailureError(engineSentence: string, cmd: readonly string[], containerId: string): DockerError {
  const program = cmd[0] ?? '';
  const base = program.split('/').pop() ?? program;
  const sentence = engineSentence.trim();
  const opts = { engineMessage: sentence };
  const at = containerLabel(containerId);
  if (/exec: "[^"]*": (executable file not found|stat .*no such file or directory)/i.test(sentence)) {
    const what = SHELL_NAMES.test(base) ? `No shell in this container: "${program}" is not there` : `"${program}" is not in this container`;
    return new DockerError('notFound', `${at}: ${what} (the image may have no shell, like a distroless one).`, opts);
  }
  const cwd = /chdir to cwd \("([^"]*)"\)/.exec(sentence);
  if (cwd) return new DockerError('badRequest', `${at}: the working directory "${cwd[1]}" does not exist in the container.`, opts);
  const user = /unable to find (user|group) ([^:]+):/.exec(sentence);
  if (user) return new DockerError('badRequest', `${at}: the ${user[1]} "${user[2]}" does not exist in the container.`, opts);
  if (/permission denied/i.test(sentence)) return new DockerError('permission', `${at}: "${program}" cannot be run: permission denied.`, opts);
  const why = sentence.replace(/^OCI runtime exec failed:\s*(exec failed:\s*)?/i, '').replace(/:\s*unknown\s*$/i, '');
  return new DockerError('server', `${at}: "${program}" could not be started: ${why}.`, opts);
}

async function execState(docker: DockerClient, execId: string, containerId: string): Promise<ProcessState> {
  const info = await callDaemon(docker, containerLabel(containerId), () => docker.getExec(execId).inspect());
  return { running: Boolean(info.Running), exitCode: typeof info.ExitCode === 'number' ? info.ExitCode : undefined };
}

/**
 * Starts `cmd` in a running container with the user's terminal. Resolves once the process
 * runs; refused with a DockerError when the container is missing (notFound), not running
 * or paused (conflict). A program that is not in the container makes `done` reject with
 * a notFound DockerError; a daemon that goes away makes it reject with unreachable.
 * Run `findShell` first to know before handing the terminal over.
 */
export async function execInteractive(docker: DockerClient, containerId: string, opts: ExecOptions, io: SessionIo): Promise<ExecSession> {
  const what = containerLabel(containerId);
  const exec = await createExec(docker, containerId, () =>
    docker.getContainer(containerId).exec({
      Cmd: [...opts.cmd],
      Tty: opts.tty,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      ...(opts.env ? { Env: [...opts.env] } : {}),
      ...(opts.user ? { User: opts.user } : {}),
      ...(opts.workingDir ? { WorkingDir: opts.workingDir } : {}),
      ...(opts.detachKeys ? { DetachKeys: opts.detachKeys } : {}),
    }),
  );
  let socket: Duplex;
  try {
    // A stream, not a callDaemon: the client's deadline must not cut a quiet shell.
    socket = (await exec.start({ hijack: true, stdin: true, Tty: opts.tty } as object)) as unknown as Duplex;
  } catch (err) {
    const e = toDockerError(err, what);
    // Other engines may refuse before the upgrade, with the same sentence as an HTTP error.
    const sentence = e.engineMessage;
    throw sentence && START_FAILURES.some((p) => sentence.startsWith(p)) ? startFailureError(sentence, opts.cmd, containerId) : e;
  }
  const resize = async (columns: number, rows: number) => {
    if (!opts.tty) return;
    await callDaemon(docker, what, () => exec.resize({ w: Math.max(1, Math.floor(columns)), h: Math.max(1, Math.floor(rows)) }));
  };

  const sniffer = new StartFailureSniffer();
  const pump = pumpSession(socket, opts.tty, io, sniffer);
  const done = pump.ended.then(async (result) => {
    const end = await sessionEnd(result, () => execState(docker, exec.id, containerId), what);
    const suspect = sniffer.suspect;
    if (suspect === undefined) return end;
    if (end.how === 'exited' && end.exitCode === NOT_STARTED) throw startFailureError(suspect.toString('utf8'), opts.cmd, containerId);
    // The process did run, and merely began with those words: its output goes out after all.
    io.stdout.write(suspect);
    return end;
  });
  // A rejection nobody awaits yet (the session failed before the caller looked) must not
  // count as unhandled; whoever awaits `done` still gets it.
  done.catch(() => undefined);
  // The first size: the engine (API 1.41) takes none at start. A failure here is not worth
  // ending the session for; the next resize tries again. An exec that failed to start
  // makes the engine hold a resize for 10 s ("timeout waiting for exec session ready"):
  // its end does not wait for that.
  await Promise.race([resize(opts.columns, opts.rows).catch(() => undefined), pump.ended]);
  return { resize, done, stop: pump.stop };
}

/**
 * Creates an exec. The engine's 409 names the container by its full id ("Container
 * 5fab0697…d0a7 is not running"): the sentence names it as the user does.
 */
async function createExec(docker: DockerClient, containerId: string, create: () => Promise<Docker.Exec>): Promise<Docker.Exec> {
  const what = containerLabel(containerId);
  try {
    return await callDaemon(docker, what, create);
  } catch (err) {
    const e = err as DockerError;
    // Docker's words are in the engine's sentence; Podman's are berth's own (errors.ts).
    const state = e.kind === 'conflict' ? /is (not running|paused)/.exec(`${e.engineMessage ?? ''} ${e.message}`)?.[1] : undefined;
    if (!state) throw e;
    const why = state === 'paused' ? `${what} is paused: unpause it first.` : `${what} is not running: start it first.`;
    throw new DockerError('conflict', why, { statusCode: 409, ...(e.engineMessage ? { engineMessage: e.engineMessage } : {}), cause: e });
  }
}

/** Runs a program without a TTY and reports whether it exited 0 (false when it is not there). */
async function runsCleanly(docker: DockerClient, containerId: string, cmd: string[]): Promise<boolean> {
  const what = containerLabel(containerId);
  const exec = await createExec(docker, containerId, () => docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true }));
  await callDaemon(docker, what, async () => {
    const stream = (await exec.start({ hijack: false, stdin: false } as object)) as unknown as NodeJS.ReadableStream;
    // Drain it: the exec has ended when its output has.
    for await (const _ of stream) void _;
  });
  const { running, exitCode } = await execState(docker, exec.id, containerId);
  return !running && exitCode === 0;
}

/**
 * The first of `candidates` (names looked up on the container's PATH, or absolute paths)
 * that runs as a shell in the container, or undefined when none does. Each one tried is
 * one short exec of `<shell> -c 'exit 0'`. DockerError when the container is missing or not running.
 */
export async function findShell(docker: DockerClient, containerId: string, candidates: readonly string[] = DEFAULT_SHELLS): Promise<string | undefined> {
  for (const shell of candidates) {
    if (await runsCleanly(docker, containerId, [shell, '-c', 'exit 0'])) return shell;
  }
  return undefined;
}
