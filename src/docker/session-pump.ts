// Moves bytes between a hijacked exec/attach connection and the user's terminal:
// keys from `stdin` to the connection, the process's output to `stdout`/`stderr`.
// The raw-mode switch of the terminal is the caller's (this layer knows no terminal).
import type { Duplex } from 'node:stream';
import { toDockerError } from './errors.js';
import { FrameParser } from './log-frames.js';

export interface SessionIo {
  /** Keys for the process. It is resumed while the session runs and paused again after. */
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  /** Where a non-TTY process's stderr goes; stdout when not given. */
  readonly stderr?: NodeJS.WritableStream;
}

/** How a session ended. */
export interface SessionEnd {
  /**
   * exited: the process ended (exitCode is the engine's, when it knows it);
   * detached: the connection ended but the process runs on (detach keys, stdin closed on a TTY);
   * stopped: stop() was called.
   */
  readonly how: 'exited' | 'detached' | 'stopped';
  readonly exitCode: number | undefined;
}

/** A process in a container whose terminal is the user's. */
export interface InteractiveSession {
  /** Tells the process's TTY the terminal's new size. */
  resize(columns: number, rows: number): Promise<void>;
  /** Settles once: resolves with how the session ended, rejects with a DockerError (daemon gone, nothing to run). */
  readonly done: Promise<SessionEnd>;
  /**
   * Closes the connection and lets go of stdin. For an exec the engine then sends the
   * process SIGTERM, and SIGKILL 10 s later (a shell ignores the TERM); an attached main
   * process runs on.
   */
  stop(): void;
}

export interface Pump {
  /** Resolves when the connection ends: with the socket's error when it broke, 'stopped' after stop(). */
  readonly ended: Promise<Error | 'stopped' | undefined>;
  stop(): void;
}

/**
 * Passes bytes both ways until the connection ends. `tty` says whether the output is raw
 * (TTY) or the engine's multiplexed frames. `filter` sees TTY/stdout bytes first and
 * returns what to pass on (exec holds back the engine's own start-failure sentence).
 */
export function pumpSession(socket: Duplex, tty: boolean, io: SessionIo, filter?: { push(b: Buffer): Buffer; end(): Buffer }): Pump {
  const stdin = io.stdin;
  const parser = tty ? undefined : new FrameParser();
  let finished = false;
  let settle: (v: Error | 'stopped' | undefined) => void = () => undefined;
  const ended = new Promise<Error | 'stopped' | undefined>((resolve) => (settle = resolve));

  const write = (out: NodeJS.WritableStream, data: Buffer) => {
    if (!data.length) return;
    // A slow terminal holds the connection back instead of buffering without bound.
    if (!out.write(data)) {
      socket.pause();
      out.once('drain', () => socket.resume());
    }
  };
  const toStdout = (data: Buffer) => write(io.stdout, filter ? filter.push(data) : data);
  const onOutput = (chunk: Buffer) => {
    if (!parser) return toStdout(chunk);
    for (const f of parser.push(chunk)) {
      if (f.stream === 2 || f.stream === 3) write(io.stderr ?? io.stdout, f.data);
      else toStdout(f.data);
    }
  };
  const onKeys = (data: Buffer | string) => {
    if (!socket.destroyed && socket.writable) socket.write(data);
  };
  // stdin at its end: the process reads EOF (a TTY session is closed by the engine).
  const onStdinEnd = () => {
    if (!socket.destroyed && socket.writable) socket.end();
  };

  const finish = (result: Error | 'stopped' | undefined) => {
    if (finished) return;
    finished = true;
    stdin.removeListener('data', onKeys);
    stdin.removeListener('end', onStdinEnd);
    stdin.pause();
    if (parser) for (const f of parser.end()) write(f.stream === 2 || f.stream === 3 ? (io.stderr ?? io.stdout) : io.stdout, f.data);
    if (filter) write(io.stdout, filter.end());
    socket.destroy();
    settle(result);
  };

  socket.on('data', onOutput);
  socket.on('end', () => finish(undefined));
  socket.on('error', (err: Error) => finish(err));
  socket.on('close', () => finish(undefined));
  stdin.on('data', onKeys);
  stdin.on('end', onStdinEnd);
  stdin.resume();

  return { ended, stop: () => finish('stopped') };
}

/** What the engine says of the process once the connection ended. */
export interface ProcessState {
  readonly running: boolean;
  readonly exitCode: number | undefined;
}

/**
 * How a session ended, from how its connection ended and the process's state after.
 * A cut connection and a daemon gone look alike on the socket: the state call tells
 * them apart (it fails with unreachable when the daemon is gone).
 */
export async function sessionEnd(result: Error | 'stopped' | undefined, state: () => Promise<ProcessState>, what: string): Promise<SessionEnd> {
  if (result === 'stopped') return { how: 'stopped', exitCode: undefined };
  let now: ProcessState;
  try {
    now = await state();
  } catch (err) {
    throw toDockerError(err, what);
  }
  if (!now.running) return { how: 'exited', exitCode: now.exitCode };
  if (result instanceof Error) throw toDockerError(result, what);
  return { how: 'detached', exitCode: undefined };
}
