import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpRequestTap, endpointKey, type RequestHead } from '../../bench/http-tap.js';

function tapAll(chunks: Buffer[]): RequestHead[] {
  const seen: RequestHead[] = [];
  const tap = new HttpRequestTap((h) => seen.push(h));
  for (const c of chunks) tap.push(c);
  return seen;
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: docker\r\n\r\n`;

describe('the counting proxy request tap', () => {
  it('sees every request of a keep-alive connection, bodies skipped', () => {
    const body = '{"Image":"x","Cmd":["GET /fake HTTP/1.1"]}';
    const stream =
      get('/v1.41/containers/json?all=1') +
      `POST /v1.41/containers/create HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
      get('/v1.41/events');
    expect(tapAll([Buffer.from(stream)]).map((h) => `${h.method} ${h.target}`)).toEqual([
      'GET /v1.41/containers/json?all=1',
      'POST /v1.41/containers/create',
      'GET /v1.41/events',
    ]);
  });

  it('skips chunked bodies, trailers included', () => {
    const stream = 'POST /build HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nGET \r\n3;x=1\r\n/a \r\n0\r\nX-Trailer: 1\r\n\r\n' + get('/_ping');
    expect(tapAll([Buffer.from(stream)]).map((h) => h.target)).toEqual(['/build', '/_ping']);
  });

  it('stops parsing after an upgrade: what follows is the container\'s raw stream', () => {
    const stream = 'POST /containers/abc/attach?stream=1 HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n' + get('/not-a-request');
    expect(tapAll([Buffer.from(stream)]).map((h) => h.target)).toEqual(['/containers/abc/attach?stream=1']);
  });

  it('finds the same requests however the bytes are split', () => {
    const body = 'x'.repeat(37);
    const stream = Buffer.from(get('/a') + `POST /b HTTP/1.1\r\nContent-Length: 37\r\n\r\n${body}` + 'POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' + get('/d'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i]!, end));
        expect(tapAll(chunks).map((h) => h.target)).toEqual(['/a', '/b', '/c', '/d']);
      }),
    );
  });

  it('gives up on bytes that are not HTTP without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        expect(() => tapAll([Buffer.from(bytes)])).not.toThrow();
      }),
    );
  });
});

describe('endpoint keys', () => {
  const key = (method: string, target: string) => endpointKey({ method, target });

  it('drops the API version and the query, and folds ids and names', () => {
    expect(key('GET', '/v1.41/containers/json?all=1')).toBe('GET /containers/json');
    expect(key('GET', '/v1.41/containers/3f2a9c/json')).toBe('GET /containers/{id}/json');
    expect(key('POST', '/containers/my-app/stop?t=10')).toBe('POST /containers/{id}/stop');
    expect(key('DELETE', '/v1.41/images/registry.local:5000/team/app:1.2?force=1')).toBe('DELETE /images/{id}');
    expect(key('GET', '/images/registry.local:5000/team/app:1.2/json')).toBe('GET /images/{id}/json');
    expect(key('GET', '/v1.41/images/json')).toBe('GET /images/json');
    expect(key('GET', '/_ping')).toBe('GET /_ping');
  });

  it('tells stats streams from one-shot stats, and followed logs from a read', () => {
    expect(key('GET', '/v1.41/containers/ab/stats')).toBe('GET /containers/{id}/stats (stream)');
    expect(key('GET', '/v1.41/containers/ab/stats?stream=false')).toBe('GET /containers/{id}/stats (one-shot)');
    expect(key('GET', '/v1.41/containers/ab/logs?follow=1&stdout=1')).toBe('GET /containers/{id}/logs (follow)');
    expect(key('GET', '/v1.41/containers/ab/logs?stdout=1')).toBe('GET /containers/{id}/logs');
  });
});
