// One typed error for everything that goes wrong between berth and the daemon.
// The UI shows `message` (a sentence a user understands) and branches on `kind`.

export type DockerErrorKind =
  | 'notFound'
  | 'conflict'
  | 'notModified'
  | 'unauthorized'
  | 'permission'
  | 'unreachable'
  | 'timeout'
  | 'badRequest'
  | 'server';

export class DockerError extends Error {
  readonly kind: DockerErrorKind;
  readonly statusCode: number | undefined;
  /** The engine's own sentence, when it sent one. */
  readonly engineMessage: string | undefined;

  constructor(kind: DockerErrorKind, message: string, opts: { statusCode?: number; engineMessage?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DockerError';
    this.kind = kind;
    this.statusCode = opts.statusCode;
    this.engineMessage = opts.engineMessage;
  }
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  reason?: unknown;
  json?: unknown;
  level?: unknown;
}

const NETWORK_CODES: Record<string, string> = {
  ENOENT: 'the socket does not exist (is the Docker daemon running?)',
  ECONNREFUSED: 'the connection was refused (is the Docker daemon running?)',
  ECONNRESET: 'the connection was reset by the daemon',
  EPIPE: 'the connection to the daemon was closed',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
};

function engineSentence(e: ErrorLike): string | undefined {
  const json = e.json as { message?: unknown } | string | undefined | null;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message.trim();
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (Buffer.isBuffer(e.json)) {
    try {
      const parsed = JSON.parse(e.json.toString('utf8')) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message.trim();
    } catch {
      /* not JSON: fall through */
    }
  }
  return undefined;
}

function capitalise(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/**
 * Turns anything dockerode, the HTTP stack or a progress stream threw into a DockerError.
 * `what` names the object acted on ("container web"), for the sentence.
 */
export function toDockerError(err: unknown, what?: string): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const engine = engineSentence(e);
  const subject = what ? `${what}: ` : '';
  const opts = { statusCode: status, engineMessage: engine, cause: err };

  if (status === undefined) {
    if (code === 'EACCES' || code === 'EPERM') {
      return new DockerError('permission', 'Permission denied on the Docker socket (add your user to the "docker" group, or run as root).', opts);
    }
    if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(raw)) {
      return new DockerError('timeout', 'The Docker daemon did not answer in time.', opts);
    }
    if (code && NETWORK_CODES[code]) return new DockerError('unreachable', `Cannot reach the Docker daemon: ${NETWORK_CODES[code]}.`, opts);
    if (/certificate|ssl|tls|self.signed|CERT_|ERR_SSL/i.test(raw + (code ?? ''))) {
      return new DockerError('unreachable', `TLS error talking to the Docker daemon: ${raw}.`, opts);
    }
    if (/socket hang up|ECONNRESET|aborted|closed/i.test(raw)) {
      return new DockerError('unreachable', 'The connection to the Docker daemon was lost.', opts);
    }
    if (/unauthorized|authentication required|denied/i.test(raw)) {
      return new DockerError('unauthorized', `${subject}${capitalise(raw)}`, opts);
    }
    return new DockerError('server', `${subject}${capitalise(engine ?? raw)}`, opts);
  }

  const sentence = capitalise(engine ?? (typeof e.reason === 'string' ? e.reason : raw));
  switch (status) {
    case 304:
      return new DockerError('notModified', `${subject}${engine ? sentence : 'Nothing to do: it is already in that state.'}`, opts);
    case 400:
      return new DockerError('badRequest', `${subject}${sentence}`, opts);
    case 401:
      return new DockerError('unauthorized', `${subject}Unauthorized: ${engine ?? 'the registry refused the credentials'}`, opts);
    case 403:
      return new DockerError('permission', `${subject}${sentence}`, opts);
    case 404:
      return new DockerError('notFound', `${subject}${sentence}`, opts);
    case 409:
      return new DockerError('conflict', `${subject}${sentence}`, opts);
    default:
      if (status >= 500 && /unauthorized|authentication required|denied: requested access/i.test(engine ?? '')) {
        return new DockerError('unauthorized', `${subject}Unauthorized: ${engine}`, opts);
      }
      return new DockerError('server', `${subject}${sentence}`, opts);
  }
}

/** Runs a daemon call and rethrows whatever it throws as a DockerError. */
export async function call<T>(what: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toDockerError(err, what);
  }
}
