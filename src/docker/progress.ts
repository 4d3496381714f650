// Progress streams of pull, push and build: newline-delimited JSON objects. The engine
// answers 200 before the work starts, so a failure (wrong credentials, a failing build
// step) arrives as an `errorDetail`/`error` object inside the stream; it is raised here as
// a DockerError like any HTTP error. The reducer at the end folds events into per-layer
// state for the progress view.
import { DockerError, toDockerError, type DockerErrorKind } from './errors.js';
import { LineSplitter } from './lines.js';

export interface ProgressEvent {
  /** The layer (short digest) the event is about; for "Pulling from x" it is the tag. */
  readonly id?: string;
  readonly status: string;
  readonly current?: number;
  readonly total?: number;
  /** Build output text, as the engine sent it (may hold several lines or half of one). */
  readonly stream?: string;
  /** Structured results: `{ ID }` of a built image, `{ Tag, Digest, Size }` of a push. */
  readonly aux?: Readonly<Record<string, unknown>>;
}

export interface StreamFailure {
  readonly message: string;
  /** The exit code of a failed build step, or an HTTP status some registries send. */
  readonly code?: number;
}

interface RawLine {
  id?: unknown;
  status?: unknown;
  progressDetail?: { current?: unknown; total?: unknown };
  stream?: unknown;
  aux?: unknown;
  error?: unknown;
  errorDetail?: { message?: unknown; code?: unknown };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One line of a progress stream: an event, a failure, or nothing (blank). */
export function parseProgressLine(line: string): { event: ProgressEvent } | { failure: StreamFailure } | undefined {
  if (!line.trim()) return undefined;
  let raw: RawLine;
  try {
    raw = JSON.parse(line) as RawLine;
  } catch {
    // Not JSON (a proxy's or an old engine's text): keep it as output rather than lose it.
    return { event: { status: '', stream: `${line}\n` } };
  }
  if (!raw || typeof raw !== 'object') return undefined;
  if (raw.errorDetail !== undefined || raw.error !== undefined) {
    const detail = raw.errorDetail && typeof raw.errorDetail === 'object' ? raw.errorDetail : {};
    const message = typeof detail.message === 'string' && detail.message ? detail.message : typeof raw.error === 'string' ? raw.error : 'unknown error';
    const code = num(detail.code);
    return { failure: { message: message.trim(), ...(code !== undefined ? { code } : {}) } };
  }
  const current = num(raw.progressDetail?.current);
  const total = num(raw.progressDetail?.total);
  const event: ProgressEvent = {
    status: typeof raw.status === 'string' ? raw.status : '',
    ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(total !== undefined ? { total } : {}),
    ...(typeof raw.stream === 'string' ? { stream: raw.stream } : {}),
    ...(raw.aux && typeof raw.aux === 'object' ? { aux: raw.aux as Record<string, unknown> } : {}),
  };
  return { event };
}

/** What kind of failure an in-stream message describes (the engine gives no status code). */
export function classifyFailure(message: string): DockerErrorKind {
  if (/unauthorized|authentication required|no basic auth credentials|denied|incorrect username or password|forbidden/i.test(message)) return 'unauthorized';
  if (/dial tcp|connection refused|no such host|network is unreachable|i\/o timeout|no route to host|tls handshake|server gave http response/i.test(message)) {
    return 'unreachable';
  }
  if (/not found|manifest unknown|does not exist|no such image|name unknown|repository .* not found/i.test(message)) return 'notFound';
  return 'server';
}

/** A DockerError for a failure met inside a stream; `action` names the work ("Push of app:1"). */
export function streamFailureError(action: string, failure: StreamFailure): DockerError {
  const kind = classifyFailure(failure.message);
  return new DockerError(kind, `${action} failed: ${failure.message.replace(/\.$/, '')}.`, { engineMessage: failure.message });
}

/**
 * The HTTP error of a streaming call (pull, push, build) as a DockerError. dockerode leaves
 * `json` null for those and keeps the engine's sentence only inside its own message,
 * "(HTTP code 500) server error - <sentence> ", so the sentence is recovered from there; a
 * 500 is then classified by its words (the engine says 500 for most registry trouble).
 */
export function streamingHttpError(err: unknown, what?: string): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err && typeof err === 'object' ? err : {}) as { message?: unknown; json?: unknown; statusCode?: unknown };
  const m = typeof e.message === 'string' ? /^\(HTTP code \d+\)[^-]*- ([\s\S]*)$/.exec(e.message) : null;
  let sentence = m?.[1]?.trim();
  if (sentence?.startsWith('{')) {
    try {
      const parsed = JSON.parse(sentence) as { message?: unknown };
      if (typeof parsed.message === 'string') sentence = parsed.message;
    } catch {
      /* not JSON: keep the text */
    }
  }
  const base = toDockerError(e.json == null && sentence ? { ...(err as object), message: e.message, json: { message: sentence } } : err, what);
  if (base.kind !== 'server' || !base.engineMessage) return base;
  const kind = classifyFailure(base.engineMessage);
  return kind === 'server' ? base : new DockerError(kind, base.message, { ...(base.statusCode !== undefined ? { statusCode: base.statusCode } : {}), engineMessage: base.engineMessage, cause: err });
}

export function cancelledError(action: string, cause?: unknown): DockerError {
  return new DockerError('cancelled', `${action} was cancelled.`, { cause });
}

export interface ReadProgressOptions {
  /** Names the work in error sentences ("Push of 127.0.0.1:5000/app:1"). */
  readonly action: string;
  readonly signal?: AbortSignal;
}

/**
 * Reads a progress stream to its end, handing each event to `onEvent`. Rejects with a
 * DockerError on a failure line (and closes the stream), on a lost connection, or when the
 * signal aborts (the stream is destroyed, which ends the request on the engine's side).
 */
export function readProgress(stream: NodeJS.ReadableStream, onEvent: (e: ProgressEvent) => void, opts: ReadProgressOptions): Promise<void> {
  const s = stream as NodeJS.ReadableStream & { destroy?: (err?: Error) => void };
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const splitter = new LineSplitter();
    const finish = (err?: DockerError) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) {
        s.destroy?.();
        reject(err);
      } else {
        resolve();
      }
    };
    const handle = (line: string) => {
      const parsed = parseProgressLine(line);
      if (!parsed || settled) return;
      if ('failure' in parsed) finish(streamFailureError(opts.action, parsed.failure));
      else onEvent(parsed.event);
    };
    const onAbort = () => finish(cancelledError(opts.action, opts.signal?.reason));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    s.on('data', (chunk: Buffer | string) => {
      for (const line of splitter.push(chunk)) handle(line);
    });
    s.on('end', () => {
      const last = splitter.flush();
      if (last !== undefined) handle(last);
      finish();
    });
    s.on('error', (err: Error) => {
      if (opts.signal?.aborted) return onAbort();
      finish(new DockerError('unreachable', `${opts.action} failed: the connection to the Docker daemon was lost (${err.message}).`, { cause: err }));
    });
    s.on('close', () => {
      if (opts.signal?.aborted) return onAbort();
      finish(new DockerError('unreachable', `${opts.action} failed: the Docker daemon closed the connection before it finished.`));
    });
  });
}

// ---- per-layer state for the progress view -------------------------------------------

export type LayerPhase = 'waiting' | 'downloading' | 'downloaded' | 'extracting' | 'pushing' | 'done' | 'exists';

export interface LayerState {
  readonly id: string;
  readonly phase: LayerPhase;
  /** The engine's words for the phase ("Downloading", "Layer already exists"). */
  readonly status: string;
  /** Bytes done in the current phase, never more than `total` (the engine overshoots). */
  readonly current?: number;
  readonly total?: number;
  /** The layer's transfer size once known (download or push total). */
  readonly size?: number;
}

export interface LayerProgress {
  /** Layer ids in the order they first appeared. */
  readonly order: readonly string[];
  readonly layers: Readonly<Record<string, LayerState>>;
  /** The last line that was not about a layer ("Digest: ...", "Status: Downloaded newer image for ..."). */
  readonly message?: string;
  readonly digest?: string;
}

export const emptyLayerProgress: LayerProgress = { order: [], layers: {} };

const PHASES: readonly [RegExp, LayerPhase][] = [
  [/^(pulling fs layer|waiting|preparing|retrying)/i, 'waiting'],
  [/^downloading/i, 'downloading'],
  [/^(verifying checksum|download complete)/i, 'downloaded'],
  [/^extracting/i, 'extracting'],
  [/^pushing/i, 'pushing'],
  [/^(pull complete|pushed)/i, 'done'],
  [/^(already exists|layer already exists|mounted from)/i, 'exists'],
];

function phaseOf(status: string): LayerPhase | undefined {
  for (const [re, phase] of PHASES) if (re.test(status)) return phase;
  return undefined;
}

const DIGEST_IN_TEXT = /\b(sha256:[0-9a-f]{64})\b/i;

/** Folds one event into the state; returns the same object when nothing changed. */
export function reduceLayerProgress(state: LayerProgress, e: ProgressEvent): LayerProgress {
  const auxDigest = typeof e.aux?.Digest === 'string' ? e.aux.Digest : undefined;
  if (auxDigest) return { ...state, digest: auxDigest };
  const phase = e.id ? phaseOf(e.status) : undefined;
  if (!e.id || !phase) {
    if (!e.status) return state;
    const found = /digest/i.test(e.status) ? DIGEST_IN_TEXT.exec(e.status)?.[1] : undefined;
    return { ...state, message: e.status, ...(found ? { digest: found } : {}) };
  }
  const prev = state.layers[e.id];
  const total = e.total !== undefined && e.total > 0 ? e.total : undefined;
  const current = e.current !== undefined ? Math.min(e.current, total ?? e.current) : undefined;
  const carriesSize = phase === 'downloading' || phase === 'pushing';
  const size = carriesSize && total !== undefined ? total : prev?.size;
  const next: LayerState = {
    id: e.id,
    phase,
    status: e.status,
    ...(current !== undefined ? { current } : {}),
    ...(total !== undefined ? { total } : {}),
    ...(size !== undefined ? { size } : {}),
  };
  return {
    ...state,
    order: prev ? state.order : [...state.order, e.id],
    layers: { ...state.layers, [e.id]: next },
  };
}
