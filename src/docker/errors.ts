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
  | 'server'
  /** The user (or berth, on leaving) stopped it: not a failure to show in red. */
  | 'cancelled';

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
  ENOTSOCK: 'the path is not a socket',
};

// Node's TLS failures carry OpenSSL codes; these say what the user must fix.
const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted (check ca.pem in DOCKER_CERT_PATH)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is signed by a CA that is not trusted (check ca.pem in DOCKER_CERT_PATH)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by the trusted CA (check ca.pem in DOCKER_CERT_PATH)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is not signed by the trusted CA (check ca.pem in DOCKER_CERT_PATH)',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet (check the clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not name this host',
};

function engineSentence(e: ErrorLike): string | undefined {
  const json = e.json as { message?: unknown } | string | undefined | null;
  if (Buffer.isBuffer(e.json)) {
    const text = e.json.toString('utf8').trim();
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message.trim();
    } catch {
      /* not JSON: the body itself is the sentence */
    }
    return text || undefined;
  }
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message.trim();
  if (typeof json === 'string' && json.trim()) return json.trim();
  // Streaming calls (pull, push, build) come back with json null and the engine's
  // sentence only inside dockerode's "(HTTP code 500) server error - <sentence>".
  const m = typeof e.message === 'string' ? /^\(HTTP code \d+\)[^-]*- ([\s\S]+)$/.exec(e.message) : null;
  if (m?.[1]?.trim()) return m[1].trim();
  return undefined;
}

export function capitalise(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/**
 * The error's own words when it has some; otherwise (an empty body, a bare number, an object
 * that prints as "[object Object]") a sentence that says what happened, with the detail.
 */
function readable(text: string, status?: number): string {
  const dump = /\[object \w+\]/.test(text);
  const t = dump ? '' : text.trim();
  if (/[A-Za-z]{2,}/.test(t)) return capitalise(t);
  const detail = [status !== undefined ? `HTTP ${status}` : '', t].filter(Boolean).join(': ');
  return `Unexpected answer while talking to the Docker daemon${detail ? ` (${detail})` : ''}.`;
}

function stripDot(s: string): string {
  return s.replace(/[.\s]+$/, '');
}

/**
 * Podman answers an action the container's state does not allow with HTTP 500 and its own
 * words ("can only kill running containers. 5fab…d0a7 is in state exited: container state
 * improper"), where Docker answers 409 "Container web is not running". Said as Docker says it,
 * a conflict; undefined for any other answer.
 */
export function podmanStateConflict(engine: string | undefined, what = 'The container'): string | undefined {
  if (!engine || !/: container state improper$/i.test(engine)) return undefined;
  if (/is already paused/i.test(engine)) return `${what} is already paused.`;
  if (/is not paused/i.test(engine)) return `${what} is not paused.`;
  if (/cannot remove container .* as it is (running|paused)/i.test(engine)) return `${what} is running: stop it before removing it, or remove it with force.`;
  if (/is not running|only .* running containers|in state (exited|stopped|created|configured)/i.test(engine)) return `${what} is not running.`;
  // Another rule of its states: Podman's words, without the full ids and the error's class.
  const words = engine.replace(/: container state improper$/i, '').replace(/"?\b[0-9a-f]{64}\b"?/g, 'it');
  return `${what}: ${capitalise(words)} (not in this state).`;
}

/** Errors of the connection itself (socket, TCP, TLS), before any HTTP status (ssh's come typed from ssh-errors.ts). */
function connectionError(e: ErrorLike, raw: string, code: string | undefined, endpoint: string | undefined, err: unknown): DockerError | undefined {
  const at = endpoint ? ` at ${endpoint}` : '';
  const opts = { cause: err };
  if (code === 'EACCES' || code === 'EPERM') {
    return new DockerError(
      'permission',
      `Permission denied on the Docker socket${at}: add your user to the "docker" group (sudo usermod -aG docker $USER, then log in again), or run as root.`,
      opts,
    );
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(raw)) {
    return new DockerError('timeout', `The Docker daemon${at} did not answer in time.`, opts);
  }
  if (code && NETWORK_CODES[code]) return new DockerError('unreachable', `Cannot reach the Docker daemon${at}: ${NETWORK_CODES[code]}.`, opts);
  if (code && TLS_CODES[code]) return new DockerError('unreachable', `TLS error talking to the Docker daemon${at}: ${TLS_CODES[code]}.`, opts);
  if (/certificate|ssl|tls|self.signed|CERT_|ERR_SSL/i.test(raw + (code ?? ''))) {
    const why = /certificate required|alert.*certificate/i.test(raw)
      ? 'the daemon requires a client certificate it trusts (check cert.pem and key.pem in DOCKER_CERT_PATH)'
      : stripDot(raw);
    return new DockerError('unreachable', `TLS error talking to the Docker daemon${at}: ${why}.`, opts);
  }
  if (/socket hang up|ECONNRESET|aborted|closed/i.test(raw)) {
    return new DockerError('unreachable', `The connection to the Docker daemon${at} was lost.`, opts);
  }
  return undefined;
}

/** String(x) that never throws (an object may have a broken toString). */
function safeString(x: unknown): string {
  try {
    return String(x);
  } catch {
    return Object.prototype.toString.call(x);
  }
}

/**
 * Turns anything dockerode, the HTTP stack or a progress stream threw into a DockerError.
 * `what` names the object acted on ("container web"), for the sentence; `endpoint` names the
 * daemon (its URL), for connection failures.
 */
export function toDockerError(err: unknown, what?: string, endpoint?: string): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err && typeof err === 'object' ? err : { message: safeString(err) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const raw = typeof e.message === 'string' ? e.message : safeString(err);
  const engine = engineSentence(e);
  const subject = what ? `${what}: ` : '';
  const opts = { statusCode: status, engineMessage: engine, cause: err };

  if (status === undefined) {
    const conn = connectionError(e, raw, code, endpoint, err);
    if (conn) return conn;
    if (/unauthorized|authentication required|denied/i.test(raw)) {
      return new DockerError('unauthorized', `${subject}${capitalise(raw)}`, opts);
    }
    return new DockerError('server', `${subject}${readable(engine ?? raw)}`, opts);
  }

  const sentence = readable(engine ?? (typeof e.reason === 'string' ? e.reason : raw), status);
  switch (status) {
    case 304:
      return new DockerError('notModified', `${subject}${engine ? sentence : 'Nothing to do: it is already in that state.'}`, opts);
    case 400:
      // A plain-HTTP client talking to a TLS port: say what to set instead of the server's words.
      if (/HTTP request to an HTTPS server/i.test(engine ?? raw)) {
        return new DockerError(
          'unreachable',
          `The Docker daemon${endpoint ? ` at ${endpoint}` : ''} expects TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem.`,
          opts,
        );
      }
      return new DockerError('badRequest', `${subject}${sentence}`, opts);
    case 401:
      return new DockerError('unauthorized', `${subject}Unauthorized: ${engine ?? 'the registry refused the credentials'}`, opts);
    case 403:
      return new DockerError('permission', `${subject}${sentence}`, opts);
    case 404:
      return new DockerError('notFound', `${subject}${sentence}`, opts);
    case 409:
      return new DockerError('conflict', `${subject}${sentence}`, opts);
    default: {
      const state = status >= 500 ? podmanStateConflict(engine, what) : undefined;
      if (state) return new DockerError('conflict', state, opts);
      if (status >= 500 && /unauthorized|authentication required|denied: requested access/i.test(engine ?? '')) {
        return new DockerError('unauthorized', `${subject}Unauthorized: ${engine}`, opts);
      }
      return new DockerError('server', `${subject}${sentence}`, opts);
    }
  }
}

/** Runs a daemon call and rethrows whatever it throws as a DockerError. */
export async function call<T>(what: string | undefined, fn: () => Promise<T>, endpoint?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toDockerError(err, what, endpoint);
  }
}

// Which endpoint each client talks to (and its deadline), so any call can name it when the connection fails.
const clients = new WeakMap<object, { url: string; timeoutMs?: number }>();

/**
 * Remembers the endpoint URL of a client and the deadline for its request-response calls
 * (createClient does this). Streams do not go through callDaemon, so a quiet stream is never cut.
 */
export function rememberEndpoint(client: object, url: string, timeoutMs?: number): void {
  clients.set(client, { url, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Like call(), naming the client's endpoint in connection errors and enforcing its deadline. */
export function callDaemon<T>(client: object, what: string | undefined, fn: () => Promise<T>): Promise<T> {
  const known = clients.get(client);
  const ms = known?.timeoutMs;
  if (!ms) return call(what, fn, known?.url);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const at = known.url ? ` at ${known.url}` : '';
      reject(new DockerError('timeout', `The Docker daemon${at} did not answer within ${ms / 1000} s.`));
    }, ms);
  });
  return Promise.race([call(what, fn, known.url), deadline]).finally(() => clearTimeout(timer));
}
