import http from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { DockerError } from '../../src/docker/errors.js';
import { followLogs, readLogs, type LogChunk } from '../../src/docker/logs.js';
import { startCountingProxy } from '../support/counting-proxy.js';
import { runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((n) => raw.getContainer(n).remove({ force: true }).catch(() => undefined)));
});

async function waitFor(cond: () => boolean, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function text(chunks: readonly LogChunk[], stream?: LogChunk['stream']): string {
  return Buffer.concat(chunks.filter((c) => !stream || c.stream === stream).map((c) => c.data)).toString();
}

async function start(prefix: string, script: string, tty = false) {
  const name = uniqueName(prefix);
  created.push(name);
  await runFixture(raw, name, ['sh', '-c', script], tty ? { Tty: true } : {});
  return name;
}

/** Connections of the global HTTP agent (which dockerode uses) busy with a request right now. */
function agentSockets(): number {
  const a = http.globalAgent as unknown as { sockets: Record<string, unknown[]> };
  return Object.values(a.sockets).reduce((n, l) => n + l.length, 0);
}

describe('logs against the private engine', () => {
  it('follows stdout and stderr apart and ends when the container stops', async () => {
    const name = await start('logs-split', 'echo out-1; echo err-1 >&2; echo out-2; sleep 0.5; echo err-2 >&2; echo out-3; sleep 0.5');
    const chunks: LogChunk[] = [];
    let ended: { err?: DockerError } | undefined;
    followLogs(docker, name, {}, { onChunk: (c) => chunks.push(c), onEnd: (err) => (ended = { err }) });
    await waitFor(() => ended !== undefined);
    expect(ended!.err).toBeUndefined();
    expect(text(chunks, 'stdout')).toBe('out-1\nout-2\nout-3\n');
    expect(text(chunks, 'stderr')).toBe('err-1\nerr-2\n');
    expect(chunks.some((c) => c.stream === 'tty')).toBe(false);
  });

  it('gives a TTY container raw bytes, CRLF and escapes included (TTY looked up by itself)', async () => {
    const name = await start('logs-tty', "printf 'one\\n\\033[31mred\\033[0m\\n' ; echo err >&2; sleep 0.3", true);
    const chunks: LogChunk[] = [];
    let ended = false;
    followLogs(docker, name, {}, { onChunk: (c) => chunks.push(c), onEnd: () => (ended = true) });
    await waitFor(() => ended);
    expect(chunks.every((c) => c.stream === 'tty')).toBe(true);
    expect(text(chunks)).toBe('one\r\n\u001b[31mred\u001b[0m\r\nerr\r\n');
    expect(text(await readLogs(docker, name))).toBe('one\r\n\u001b[31mred\u001b[0m\r\nerr\r\n');
  });

  it('keeps a TTY log that is valid JSON byte for byte', async () => {
    const name = await start('logs-json', "printf '{\"a\": 1}\\n'", true);
    await raw.getContainer(name).wait();
    expect(text(await readLogs(docker, name))).toBe('{"a": 1}\r\n');
  });

  it('reads once with tail, stdout and stderr split out of the frame headers', async () => {
    const name = await start('logs-tail', 'for i in 1 2 3 4 5; do echo line-$i; echo e-$i >&2; done');
    await raw.getContainer(name).wait();
    const all = await readLogs(docker, name);
    expect(text(all, 'stdout')).toBe('line-1\nline-2\nline-3\nline-4\nline-5\n');
    expect(text(all, 'stderr')).toBe('e-1\ne-2\ne-3\ne-4\ne-5\n');
    // No 8-byte header survives in the data.
    expect(all.every((c) => !c.data.includes(0))).toBe(true);
    // The tail counts lines of both streams together, in the order the engine logged them.
    const lastTwo = text(all).split('\n').slice(-3).join('\n');
    const tail = await readLogs(docker, name, { tail: 2 });
    expect(text(tail)).toBe(lastTwo);
    expect(await readLogs(docker, name, { tail: 0 })).toEqual([]);
  });

  it('prefixes timestamps and honours since', async () => {
    const name = await start('logs-since', 'echo early; sleep 2.2; echo late');
    await raw.getContainer(name).wait();
    const stamped = text(await readLogs(docker, name, { timestamps: true })).trim().split('\n');
    expect(stamped).toHaveLength(2);
    for (const l of stamped) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (early|late)$/);
    const earlySec = Date.parse(stamped[0]!.split(' ')[0]!) / 1000;
    const since = Math.floor(earlySec) + 1;
    expect(text(await readLogs(docker, name, { since }))).toBe('late\n');
    // The same through follow on a stopped container: the old log, then the end.
    const chunks: LogChunk[] = [];
    let ended = false;
    followLogs(docker, name, { since, timestamps: true }, { onChunk: (c) => chunks.push(c), onEnd: () => (ended = true) });
    await waitFor(() => ended);
    expect(text(chunks)).toMatch(/^\S+Z late\n$/);
  });

  it('stop() closes the connection: no more chunks and no onEnd', async () => {
    const name = await start('logs-stop', 'i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.05; done');
    const before = agentSockets();
    const chunks: LogChunk[] = [];
    let ended = false;
    const sub = followLogs(docker, name, { tty: false }, { onChunk: (c) => chunks.push(c), onEnd: () => (ended = true) });
    await waitFor(() => text(chunks).includes('tick-3'));
    expect(agentSockets()).toBe(before + 1);
    sub.stop();
    await waitFor(() => agentSockets() === before, 2000);
    const seen = chunks.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(chunks.length).toBe(seen);
    expect(ended).toBe(false);
  });

  it('stop() before the stream opened still closes it and stays silent', async () => {
    const name = await start('logs-early-stop', 'while true; do echo x; sleep 0.05; done');
    // Counted where the engine is: every connection that asked for this container's logs
    // must be closed, whatever berth's client believes.
    const proxy = await startCountingProxy(inject('engineSocket'));
    try {
      const viaProxy = createClient(parseHostUrl(`unix://${proxy.socketPath}`, 'DOCKER_HOST'));
      const logsOf = new RegExp(`/containers/${name}/logs\\?`);
      const chunks: LogChunk[] = [];
      let ended = false;
      const sub = followLogs(viaProxy, name, {}, { onChunk: (c) => chunks.push(c), onEnd: () => (ended = true) });
      sub.stop();
      await new Promise((r) => setTimeout(r, 500));
      expect(chunks).toEqual([]);
      expect(ended).toBe(false);
      await waitFor(() => proxy.openCarrying(logsOf) === 0, 5000);
      // And a stream that did open is closed the same way: the count can see one.
      const late = followLogs(viaProxy, name, {}, { onChunk: (c) => chunks.push(c), onEnd: () => (ended = true) });
      await waitFor(() => chunks.length > 0);
      expect(proxy.openCarrying(logsOf)).toBe(1);
      late.stop();
      await waitFor(() => proxy.openCarrying(logsOf) === 0, 5000);
      expect(proxy.everCarried(logsOf)).toBeGreaterThanOrEqual(1);
      expect(ended).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('ends with a not-found error for a missing container, in words', async () => {
    const err = await new Promise<DockerError | undefined>((resolve) =>
      followLogs(docker, 'no-such-container-here', {}, { onChunk: () => undefined, onEnd: resolve }),
    );
    expect(err).toBeInstanceOf(DockerError);
    expect(err?.kind).toBe('notFound');
    expect(err?.message).toMatch(/no such container/i);
    await expect(readLogs(docker, 'no-such-container-here', { tty: false })).rejects.toMatchObject({ kind: 'notFound' });
  });
});
