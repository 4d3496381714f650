import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, DockerError, toDockerError } from '../../src/docker/errors.js';

interface Recorded {
  op: string;
  statusCode: number;
  reason?: string;
  json: { message?: string; buffer?: string };
}

// Errors as dockerode raised them from the real engine (status, reason and body).
const recorded = JSON.parse(readFileSync(new URL('./fixtures/engine-errors.json', import.meta.url), 'utf8')) as Recorded[];
function asThrown(op: string): Error {
  const r = recorded.find((x) => x.op === op)!;
  const json = r.json.buffer !== undefined ? Buffer.from(r.json.buffer) : r.json;
  return Object.assign(new Error(`(HTTP code ${r.statusCode}) ${r.reason ?? 'unexpected'} - ${r.json.message ?? ''} `), { statusCode: r.statusCode, reason: r.reason, json });
}

describe('engine errors by status', () => {
  it.each([
    ['start running container', 'notModified'],
    ['stop exited container', 'notModified'],
    ['remove running container', 'conflict'],
    ['inspect missing container', 'notFound'],
    ['inspect missing image', 'notFound'],
    ['remove image in use by id with force', 'conflict'],
    ['unpause running container', 'server'],
    ['kill with bad signal', 'badRequest'],
    ['rename to invalid name', 'badRequest'],
    ['rename to taken name', 'conflict'],
    ['top of exited container', 'conflict'],
  ])('%s -> %s', (op, kind) => {
    const e = toDockerError(asThrown(op), 'Container web');
    expect(e.kind).toBe(kind);
    expect(e.statusCode).toBe(recorded.find((x) => x.op === op)!.statusCode);
    expect(e.message.startsWith('Container web: ')).toBe(true);
  });

  it("keeps the engine's sentence, capitalised, and exposes it", () => {
    const e = toDockerError(asThrown('inspect missing container'), 'Container ghost');
    expect(e.message).toBe('Container ghost: No such container: ghost');
    expect(e.engineMessage).toBe('No such container: ghost');
  });

  it('gives a 304 with its empty body a sentence of its own', () => {
    expect(toDockerError(asThrown('stop exited container')).message).toBe('Nothing to do: it is already in that state.');
  });

  it('reads a plain-text body and a JSON body sent as bytes', () => {
    expect(toDockerError({ statusCode: 500, json: Buffer.from('page not found\n') }).message).toBe('Page not found');
    expect(toDockerError({ statusCode: 404, json: Buffer.from('{"message":"no such volume"}') }).engineMessage).toBe('no such volume');
  });

  it('turns a plain-HTTP answer from a TLS port into advice', () => {
    const e = toDockerError({ statusCode: 400, json: Buffer.from('Client sent an HTTP request to an HTTPS server.\n') }, undefined, 'tcp://h:2376');
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain('at tcp://h:2376 expects TLS');
  });

  it('classifies registry refusals as unauthorized', () => {
    expect(toDockerError({ statusCode: 401, json: { message: 'denied' } }).kind).toBe('unauthorized');
    expect(toDockerError({ statusCode: 500, json: { message: 'Get "http://127.0.0.1:5000/v2/": unauthorized: authentication required' } }).kind).toBe('unauthorized');
    expect(toDockerError({ statusCode: 403, json: { message: 'forbidden' } }).kind).toBe('permission');
  });
});

describe('connection errors', () => {
  const at = 'unix:///var/run/docker.sock';
  const sys = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('names the endpoint and the cause', () => {
    expect(toDockerError(sys('ENOENT'), undefined, at).message).toBe(`Cannot reach the Docker daemon at ${at}: the socket does not exist (is the Docker daemon running?).`);
    expect(toDockerError(sys('ECONNREFUSED'), undefined, 'tcp://h:2375').message).toContain('tcp://h:2375: the connection was refused');
    expect(toDockerError(sys('ENOTFOUND'), undefined, 'tcp://nohost:2375').kind).toBe('unreachable');
  });

  it('says permission denied with the docker group hint', () => {
    const e = toDockerError(sys('EACCES'), undefined, at);
    expect(e.kind).toBe('permission');
    expect(e.message).toContain(`Docker socket at ${at}`);
    expect(e.message).toContain('usermod -aG docker');
  });

  it('tells timeouts apart', () => {
    expect(toDockerError(sys('ETIMEDOUT')).kind).toBe('timeout');
  });

  it('says what is wrong with TLS', () => {
    expect(toDockerError(sys('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), undefined, 'tcp://h:2376').message).toContain('not signed by the trusted CA');
    expect(toDockerError(sys('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")).message).toContain('does not name this host');
    expect(toDockerError(sys('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required')).message).toContain('requires a client certificate');
  });

  it('calls a reset a lost connection', () => {
    expect(toDockerError(new Error('socket hang up')).message).toBe('The connection to the Docker daemon was lost.');
  });
});

describe('toDockerError and call', () => {
  it('passes a DockerError through unchanged', () => {
    const e = new DockerError('conflict', 'x');
    expect(toDockerError(e)).toBe(e);
  });

  it('rethrows anything as a DockerError', async () => {
    await expect(call('Thing', () => Promise.reject(new Error('boom')))).rejects.toMatchObject({ name: 'DockerError', kind: 'server', message: 'Thing: Boom' });
  });

  it('survives a thrown object whose toString is broken (found by the property below)', () => {
    const e = toDockerError({ toString: '' });
    expect(e).toBeInstanceOf(DockerError);
    expect(e.message.length).toBeGreaterThan(0);
  });

  it('always gives a DockerError with a sentence, whatever was thrown', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string()), (thrown, what) => {
        const e = toDockerError(thrown, what ?? undefined);
        expect(e).toBeInstanceOf(DockerError);
        expect(typeof e.message).toBe('string');
        // A sentence a user can read: words, not nothing, not a dump of an object or a stack.
        expect(e.message.trim(), JSON.stringify(e.message)).toMatch(/[A-Za-z]{2,}/);
        expect(e.message).not.toMatch(/\[object |^undefined|^null|\n\s+at /);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.anything(), (statusCode, json) => {
        const e = toDockerError({ statusCode, json, message: 'm' });
        expect(e.statusCode).toBe(statusCode);
        expect(e.message.trim(), JSON.stringify(e.message)).toMatch(/[A-Za-z]{2,}/);
        expect(e.message).not.toMatch(/\[object |^undefined|^null|\n\s+at /);
      }),
    );
  });
});
