// A container's logs, followed or read once. Chunks are raw bytes: splitting into lines and
// neutralising escape sequences is the log view's job, not this layer's.
import type { DockerClient } from './client.js';
import { call, DockerError, toDockerError } from './errors.js';
import { FrameParser, type Frame } from './log-frames.js';
import type { Stoppable } from './events.js';

export interface LogChunk {
  /** stdout / stderr of a non-TTY container; 'tty' for a TTY one, whose streams the engine merges. */
  readonly stream: 'stdout' | 'stderr' | 'tty';
  readonly data: Buffer;
}

export interface LogOptions {
  /** Lines from the end to start with; 'all' (the default) for the whole log. */
  readonly tail?: number | 'all';
  /** Only output after this time, in seconds since the epoch. */
  readonly since?: number;
  /** Only output before this time, in seconds since the epoch (a followed stream then ends there). */
  readonly until?: number;
  /** Ask the engine to prefix each line with its RFC3339Nano time and a space. */
  readonly timestamps?: boolean;
  /** Whether the container has a TTY; looked up (one inspect) when not given. */
  readonly tty?: boolean;
}

export interface LogHandlers {
  onChunk(c: LogChunk): void;
  /** Called once when the stream ends by itself (container stopped, daemon gone); never after stop(). */
  onEnd(err?: DockerError): void;
}

function frameChunk(f: Frame): LogChunk {
  // 0 (stdin) never carries output; 3 is the engine's own error channel.
  return { stream: f.stream === 2 || f.stream === 3 ? 'stderr' : 'stdout', data: f.data };
}

async function isTty(docker: DockerClient, id: string, given: boolean | undefined, signal?: AbortSignal): Promise<boolean> {
  if (given !== undefined) return given;
  const info = await call(undefined, () => docker.getContainer(id).inspect({ abortSignal: signal } as object));
  return Boolean(info.Config?.Tty);
}

function query(opts: LogOptions) {
  return {
    stdout: true,
    stderr: true,
    // The engine's default tail is the whole log.
    ...(typeof opts.tail === 'number' ? { tail: Math.max(0, Math.floor(opts.tail)) } : {}),
    timestamps: Boolean(opts.timestamps),
    ...(opts.since !== undefined ? { since: Math.floor(opts.since) } : {}),
    ...(opts.until !== undefined ? { until: Math.floor(opts.until) } : {}),
  };
}

/** The once-only end and the chunk filter of a followed log, and its abort. */
export function followHandle(handlers: LogHandlers): { abort: AbortController; finish(err?: DockerError): void; emit(c: LogChunk): void } {
  const abort = new AbortController();
  let done = false;
  return {
    abort,
    finish(err) {
      if (done || abort.signal.aborted) return;
      done = true;
      handlers.onEnd(err);
    },
    emit(c) {
      if (!done && !abort.signal.aborted && c.data.length) handlers.onChunk(c);
    },
  };
}

/** Feeds a followed logs body to `emit`: frames split by stream, or a TTY's raw bytes; `finish` once it ends. */
export function feedLogBody(stream: NodeJS.ReadableStream, tty: boolean, emit: (c: LogChunk) => void, finish: (err?: DockerError) => void): void {
  const parser = tty ? undefined : new FrameParser();
  let ended = false;
  stream.on('data', (chunk: Buffer) => {
    if (!parser) emit({ stream: 'tty', data: chunk });
    else for (const f of parser.push(chunk)) emit(frameChunk(f));
  });
  stream.on('end', () => {
    ended = true;
    if (parser) for (const f of parser.end()) emit(frameChunk(f));
    finish();
  });
  stream.on('error', (err: unknown) => finish(toDockerError(err)));
  // A connection cut without a proper end of the chunked body (the daemon was killed).
  stream.on('close', () => {
    if (!ended) finish(new DockerError('unreachable', 'The connection to the Docker daemon was lost while following the logs.'));
  });
}

/** Follows a container's logs until it stops, the daemon goes, or stop() is called. */
export function followLogs(docker: DockerClient, id: string, opts: LogOptions, handlers: LogHandlers): Stoppable {
  const { abort, finish, emit } = followHandle(handlers);
  const open = async () => {
    const tty = await isTty(docker, id, opts.tty, abort.signal);
    if (abort.signal.aborted) return;
    const stream = await call(undefined, () =>
      docker.getContainer(id).logs({ ...query(opts), follow: true, abortSignal: abort.signal }),
    );
    if (abort.signal.aborted) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    feedLogBody(stream, tty, emit, finish);
  };
  open().catch((err: unknown) => finish(toDockerError(err)));

  return {
    stop() {
      abort.abort();
    },
  };
}

/**
 * GET a logs body as a stream, whatever it contains. dockerode's own `follow: false` call
 * JSON-parses the body when it can, which would rewrite a TTY container whose output
 * happens to be valid JSON; asking for a stream keeps the bytes exact.
 */
function rawLogs(docker: DockerClient, id: string, q: object): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: q,
      },
      (err, res) => (err ? reject(err) : resolve(res as NodeJS.ReadableStream)),
    ),
  );
}

/** Reads the logs once (no follow); non-TTY output comes back split into stdout and stderr chunks. */
export async function readLogs(docker: DockerClient, id: string, opts: LogOptions = {}): Promise<LogChunk[]> {
  const tty = await isTty(docker, id, opts.tty);
  const bytes = await call(undefined, async () => {
    const stream = await rawLogs(docker, id, { ...query(opts), follow: false });
    const parts: Buffer[] = [];
    for await (const c of stream) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(parts);
  });
  if (tty) return bytes.length ? [{ stream: 'tty', data: bytes }] : [];
  const parser = new FrameParser();
  return [...parser.push(bytes), ...parser.end()].filter((f) => f.data.length > 0).map(frameChunk);
}
