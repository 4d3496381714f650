// Watches the bytes a client sends to the Docker engine and reports each HTTP request
// it starts (method and path), following keep-alive connections, request bodies
// (Content-Length or chunked) and upgrades (attach/exec hijack), after which the
// connection carries raw bytes and is not parsed any more. Pure: bytes in, calls out.

export interface RequestHead {
  readonly method: string;
  /** The request target as sent (with the API version prefix and query). */
  readonly target: string;
}

type State =
  | { kind: 'head' }
  | { kind: 'body'; left: number }
  | { kind: 'chunked'; left: number; trailer: boolean }
  | { kind: 'raw' };

const MAX_HEAD = 64 * 1024;

export class HttpRequestTap {
  private state: State = { kind: 'head' };
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly onRequest: (head: RequestHead) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const progressed = this.step();
      if (!progressed) break;
    }
  }

  /** Consumes what it can of the buffer; false when it needs more bytes. */
  private step(): boolean {
    const s = this.state;
    if (s.kind === 'raw') {
      this.buf = Buffer.alloc(0);
      return false;
    }
    if (s.kind === 'body') {
      const n = Math.min(s.left, this.buf.length);
      this.buf = this.buf.subarray(n);
      s.left -= n;
      if (s.left === 0) this.state = { kind: 'head' };
      return n > 0 && this.buf.length > 0;
    }
    if (s.kind === 'chunked') return this.stepChunked(s);
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) {
      // Not HTTP after all (or a head far too big): stop parsing rather than buffer forever.
      if (this.buf.length > MAX_HEAD) this.state = { kind: 'raw' };
      return false;
    }
    const head = this.buf.subarray(0, end).toString('latin1');
    this.buf = this.buf.subarray(end + 4);
    const [requestLine = '', ...headerLines] = head.split('\r\n');
    const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
    if (!m) {
      this.state = { kind: 'raw' };
      return false;
    }
    this.onRequest({ method: m[1]!, target: m[2]! });
    const headers = new Map<string, string>();
    for (const line of headerLines) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    if (headers.has('upgrade') || /upgrade/i.test(headers.get('connection') ?? '')) {
      this.state = { kind: 'raw' };
      return false;
    }
    if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) this.state = { kind: 'chunked', left: 0, trailer: false };
    else {
      const len = Number(headers.get('content-length') ?? 0);
      if (len > 0) this.state = { kind: 'body', left: len };
    }
    return this.buf.length > 0;
  }

  private stepChunked(s: { kind: 'chunked'; left: number; trailer: boolean }): boolean {
    if (s.left > 0) {
      const n = Math.min(s.left, this.buf.length);
      this.buf = this.buf.subarray(n);
      s.left -= n;
      return this.buf.length > 0;
    }
    const eol = this.buf.indexOf('\r\n');
    if (eol < 0) return false;
    const line = this.buf.subarray(0, eol).toString('latin1');
    this.buf = this.buf.subarray(eol + 2);
    if (s.trailer) {
      // After the last chunk: trailer lines until an empty one ends the request.
      if (line === '') this.state = { kind: 'head' };
      return this.buf.length > 0;
    }
    const size = parseInt(line.split(';')[0]!, 16);
    if (!Number.isFinite(size)) {
      this.state = { kind: 'raw' };
      return false;
    }
    // Each chunk's data is followed by CRLF, skipped with it.
    if (size === 0) s.trailer = true;
    else s.left = size + 2;
    return this.buf.length > 0;
  }
}

const ID_COLLECTIONS = new Set(['containers', 'networks', 'volumes', 'exec', 'plugins', 'services', 'tasks', 'nodes', 'secrets', 'configs', 'distribution']);
const IMAGE_VERBS = new Set(['json', 'history', 'push', 'tag', 'get']);
const COLLECTION_VERBS = new Set(['json', 'create', 'prune', 'load', 'search', 'get', 'build', 'import']);

/**
 * Groups requests by endpoint: the API version prefix and query are dropped and object
 * ids or names become {id}, so 100 containers' stats streams count as one endpoint.
 * Streams are told apart from one-shot calls where the query decides it.
 */
export function endpointKey(head: RequestHead): string {
  const [rawPath = '', query = ''] = head.target.split('?', 2);
  const params = new URLSearchParams(query);
  const segs = rawPath.split('/').filter(Boolean);
  if (/^v\d+\.\d+$/.test(segs[0] ?? '')) segs.shift();
  const [collection, ...rest] = segs;
  let path: string[];
  if (collection === 'images' && rest.length >= 2 && IMAGE_VERBS.has(rest[rest.length - 1]!)) {
    // Image names hold slashes (registry/repo:tag): the last segment is the verb.
    path = ['images', '{id}', rest[rest.length - 1]!];
  } else if (collection === 'images' && rest.length >= 1 && !COLLECTION_VERBS.has(rest[0]!)) {
    path = ['images', '{id}'];
  } else if (collection && ID_COLLECTIONS.has(collection) && rest.length && !COLLECTION_VERBS.has(rest[0]!)) {
    path = [collection, '{id}', ...rest.slice(1)];
  } else {
    path = segs;
  }
  let key = `${head.method} /${path.join('/')}`;
  const last = path[path.length - 1];
  if (last === 'stats') key += /^(0|false)$/i.test(params.get('stream') ?? '') ? ' (one-shot)' : ' (stream)';
  if (last === 'logs' && /^(1|true)$/i.test(params.get('follow') ?? '')) key += ' (follow)';
  return key;
}
