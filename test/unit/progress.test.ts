// Progress streams recorded from the test engine pushing to and pulling from docker-registry
// (test/unit/fixtures/*.jsonl), read, reduced and rendered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DockerError } from '../../src/docker/errors.js';
import {
  classifyFailure,
  emptyLayerProgress,
  parseProgressLine,
  readProgress,
  reduceLayerProgress,
  type LayerProgress,
  type ProgressEvent,
} from '../../src/docker/progress.js';
import { layerRows, layerText, overallLine, progressBar } from '../../src/render/progress.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Feeds a recorded stream through readProgress in awkward chunks (lines split mid-way). */
async function replay(name: string, chunk = 37): Promise<{ events: ProgressEvent[]; error?: DockerError }> {
  const text = fixture(name);
  const stream = new PassThrough();
  const events: ProgressEvent[] = [];
  const done = readProgress(stream, (e) => events.push(e), { action: 'Push of 127.0.0.1:5000/app:1' });
  for (let i = 0; i < text.length; i += chunk) stream.write(text.slice(i, i + chunk));
  stream.end();
  try {
    await done;
    return { events };
  } catch (e) {
    return { events, error: e as DockerError };
  }
}

const reduce = (events: ProgressEvent[]): LayerProgress => events.reduce(reduceLayerProgress, emptyLayerProgress);

describe('progress lines', () => {
  it('parses status, layer id, byte counts and aux', () => {
    expect(parseProgressLine('{"status":"Downloading","progressDetail":{"current":36445,"total":3001126},"progress":"[>  ]","id":"73670b30277a"}')).toEqual({
      event: { status: 'Downloading', id: '73670b30277a', current: 36445, total: 3001126 },
    });
    expect(parseProgressLine('{"aux":{"ID":"sha256:abc"}}')).toEqual({ event: { status: '', aux: { ID: 'sha256:abc' } } });
    expect(parseProgressLine('   ')).toBeUndefined();
    expect(parseProgressLine('plain text')).toEqual({ event: { status: '', stream: 'plain text\n' } });
  });

  it('turns an errorDetail line into a failure with the step exit code', () => {
    const last = fixture('build-failed.jsonl').trim().split('\n').pop()!;
    expect(parseProgressLine(last)).toEqual({
      failure: { message: "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3", code: 3 },
    });
  });

  it.each([
    ['unauthorized: authentication required', 'unauthorized'],
    ['no basic auth credentials', 'unauthorized'],
    ['denied: requested access to the resource is denied', 'unauthorized'],
    ['Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'unreachable'],
    ['manifest for x:1 not found: manifest unknown: manifest unknown', 'notFound'],
    ['An image does not exist locally with the tag: 127.0.0.1:1/none', 'notFound'],
    ["The command '/bin/sh -c exit 3' returned a non-zero code: 3", 'server'],
  ])('classifies %j as %s', (message, kind) => {
    expect(classifyFailure(message)).toBe(kind);
  });
});

describe('reading a progress stream', () => {
  it('reads every event of a successful push, whatever the chunking', async () => {
    const lines = fixture('push-progress.jsonl').trim().split('\n').length;
    for (const chunk of [1, 7, 37, 10_000]) {
      const { events, error } = await replay('push-progress.jsonl', chunk);
      expect(error).toBeUndefined();
      expect(events).toHaveLength(lines);
    }
  });

  it('raises the unauthorized error hidden in a 200 push stream', async () => {
    const { events, error } = await replay('push-unauthorized.jsonl');
    expect(events.map((e) => e.status)).toContain('Preparing');
    expect(error).toBeInstanceOf(DockerError);
    expect(error!.kind).toBe('unauthorized');
    expect(error!.message).toBe('Push of 127.0.0.1:5000/app:1 failed: unauthorized: authentication required.');
  });

  it('raises "no basic auth credentials" as unauthorized too', async () => {
    const { error } = await replay('push-no-credentials.jsonl');
    expect(error?.kind).toBe('unauthorized');
  });

  it('stops with a cancelled error when the signal aborts, and closes the stream', async () => {
    const stream = new PassThrough();
    const ac = new AbortController();
    const done = readProgress(stream, () => undefined, { action: 'The build', signal: ac.signal });
    stream.write('{"stream":"Step 1/2 : FROM x"}\n');
    ac.abort();
    await expect(done).rejects.toThrow('The build was cancelled.');
    expect(stream.destroyed).toBe(true);
  });

  it('reports a connection lost mid-stream as unreachable, not a hang', async () => {
    const stream = new PassThrough();
    const done = readProgress(stream, () => undefined, { action: 'Pull of app:1' });
    stream.write('{"status":"Pulling fs layer","id":"a"}\n');
    stream.destroy(new Error('socket hang up'));
    await expect(done).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('per-layer progress', () => {
  it('follows a recorded pull: skipped, downloading, extracting, complete', async () => {
    const { events } = await replay('pull-progress.jsonl');
    let state = emptyLayerProgress;
    const seen = new Set<string>();
    for (const e of events) {
      state = reduceLayerProgress(state, e);
      for (const id of state.order) seen.add(`${id}:${state.layers[id]!.phase}`);
    }
    // "Pulling from blob" (id = the tag) is not a layer.
    expect(state.order).toEqual(['add47febd52e', 'd1fbb0b7d70e', '73670b30277a', '88c7b7a4ac06']);
    expect(seen).toContain('73670b30277a:downloading');
    expect(seen).toContain('73670b30277a:extracting');
    expect(state.layers['add47febd52e']!.phase).toBe('exists');
    expect(state.layers['73670b30277a']).toMatchObject({ phase: 'done', size: 3001126 });
    expect(state.digest).toBe('sha256:81e80c06b9f5e92a9346c5c58fb9641e1def32a2b7f3dc5c95e6b2db1f28147d');
    expect(state.message).toMatch(/^Status: Downloaded newer image for 127\.0\.0\.1:\d+\/blob:1$/);
  });

  it('never shows more bytes than the total (the engine overshoots while pushing)', async () => {
    const { events } = await replay('push-progress.jsonl');
    const overshoot = events.find((e) => e.current !== undefined && e.total !== undefined && e.current > e.total)!;
    expect(overshoot).toBeDefined();
    const state = reduceLayerProgress(emptyLayerProgress, overshoot);
    const layer = state.layers[overshoot.id!]!;
    expect(layer.current).toBe(layer.total);
    expect(layerText(layer)).toBe('pushing 3.22kB/3.22kB');
  });

  it('takes the push digest from the aux object', async () => {
    const { events } = await replay('push-layer-exists.jsonl');
    const state = reduce(events);
    expect(state.digest).toBe('sha256:84afd66f3c6b2176d1d862208e1beb3704c00958dff8345cc481526f36287205');
    expect(Object.values(state.layers).every((l) => l.phase === 'exists')).toBe(true);
  });
});

describe('rendering progress', () => {
  it('draws bars that fill with the ratio', () => {
    expect(progressBar(0, 100, 10)).toBe('[          ]');
    expect(progressBar(50, 100, 10)).toBe('[====>     ]');
    expect(progressBar(100, 100, 10)).toBe('[==========]');
    expect(progressBar(5, undefined, 10)).toBe('');
  });

  it('renders a row per layer mid-pull and an overall line', async () => {
    const { events } = await replay('pull-progress.jsonl');
    // Stop right after the first "Downloading" of the big layer.
    const cut = events.findIndex((e) => e.status === 'Downloading' && e.id === '73670b30277a');
    const state = reduce(events.slice(0, cut + 1));
    const rows = layerRows(state, { barWidth: 10 });
    expect(rows.map((r) => r.id)).toEqual(state.order);
    const big = rows.find((r) => r.id === '73670b30277a')!;
    expect(big.cells.map((c) => c.text)).toEqual(['73670b30277a', 'downloading', '[          ]', '36.4kB/3MB']);
    expect(big.cells[1]!.meaning).toBe('accent');
    expect(rows.find((r) => r.id === 'add47febd52e')!.cells[1]).toEqual({ text: 'already exists', meaning: 'muted' });
    expect(layerText(state.layers['73670b30277a']!)).toBe('downloading 36.4kB/3MB');
    expect(overallLine(state)).toMatch(/^2\/4 layers done, 36\.4kB\/3MB/);
  });

  it('ends a pull with every layer done and the engine status', async () => {
    const { events } = await replay('pull-progress.jsonl');
    const state = reduce(events);
    expect(overallLine(state)).toMatch(/^4\/4 layers done, 3MB\/3MB - Status: Downloaded newer image for/);
    expect(layerRows(state).every((r) => r.cells[1]!.meaning === 'ok' || r.cells[1]!.meaning === 'muted')).toBe(true);
  });
});
