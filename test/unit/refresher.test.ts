import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DockerEvent, EventHandlers } from '../../src/docker/events.js';
import { DockerError } from '../../src/docker/errors.js';
import { Refresher, type ResourceKind } from '../../src/state/refresher.js';
import { kindsTouchedBy as touchedBy } from '../../src/state/resources.js';
import { RESOURCES } from '../../src/screens/registry.js';

const kindsTouchedBy = (e: DockerEvent) => touchedBy(RESOURCES, e);
const kinds = { kinds: RESOURCES.map((r) => r.kind), touched: kindsTouchedBy };
import { Store } from '../../src/state/store.js';

const ev = (type: string, action: string, id = 'abc'): DockerEvent => ({ type, action, id, attributes: {}, timeMs: 0 });

function fakeSource() {
  const loads: ResourceKind[] = [];
  const streams: EventHandlers[] = [];
  let stopped = 0;
  const pending: (() => void)[] = [];
  return {
    loads,
    streams,
    get stopped() {
      return stopped;
    },
    pending,
    slowLoads: false,
    source: {
      ...kinds,
      watchEvents: (h: EventHandlers) => {
        streams.push(h);
        return { stop: () => void stopped++ };
      },
      load(kind: ResourceKind): Promise<void> {
        loads.push(kind);
        return Promise.resolve();
      },
    },
  };
}

describe('the refresher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads everything when the events stream opens and says connected', async () => {
    const store = new Store();
    const f = fakeSource();
    new Refresher(store, f.source).start();
    expect(store.snapshot.connection.status).toBe('connecting');
    f.streams[0]!.onOpen!();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.snapshot.connection.status).toBe('connected');
    expect(f.loads.sort()).toEqual(['containers', 'images', 'networks', 'nodes', 'services', 'volumes']);
  });

  it('leaves a lazy kind alone until it is asked for, then keeps it current', async () => {
    const store = new Store();
    const f = fakeSource();
    const source = { ...f.source, kinds: ['containers', 'images'] };
    const r = new Refresher(store, source, { coalesceMs: 10 });
    r.start();
    f.streams[0]!.onOpen!();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.loads.sort()).toEqual(['containers', 'images']);
    f.loads.length = 0;
    f.streams[0]!.onEvent(ev('volume', 'create'));
    await vi.advanceTimersByTimeAsync(50);
    expect(f.loads).toEqual([]);
    r.request('volumes');
    await vi.advanceTimersByTimeAsync(50);
    expect(f.loads).toEqual(['volumes']);
    f.streams[0]!.onEvent(ev('volume', 'destroy'));
    await vi.advanceTimersByTimeAsync(50);
    expect(f.loads).toEqual(['volumes', 'volumes']);
  });

  it('coalesces a burst of events into one load per kind', async () => {
    const store = new Store();
    const f = fakeSource();
    new Refresher(store, f.source, { coalesceMs: 250 }).start();
    f.streams[0]!.onOpen!();
    await vi.advanceTimersByTimeAsync(0);
    f.loads.length = 0;
    for (let i = 0; i < 50; i++) f.streams[0]!.onEvent(ev('container', i % 2 ? 'die' : 'stop'));
    await vi.advanceTimersByTimeAsync(100);
    expect(f.loads).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(f.loads).toEqual(['containers']);
  });

  it('refreshes only the kinds an event touches', () => {
    expect(kindsTouchedBy(ev('container', 'exec_start: sh'))).toEqual([]);
    expect(kindsTouchedBy(ev('container', 'start'))).toEqual(['containers']);
    expect(kindsTouchedBy(ev('container', 'destroy'))).toEqual(['containers', 'images']);
    expect(kindsTouchedBy(ev('image', 'untag'))).toEqual(['images']);
    expect(kindsTouchedBy(ev('network', 'connect'))).toEqual(['containers', 'networks']);
    expect(kindsTouchedBy(ev('network', 'create'))).toEqual(['networks']);
    expect(kindsTouchedBy(ev('volume', 'destroy'))).toEqual(['volumes']);
    expect(kindsTouchedBy(ev('container', 'health_status: unhealthy'))).toEqual(['containers']);
    expect(kindsTouchedBy(ev('daemon', 'reload'))).toEqual(RESOURCES.map((r) => r.kind));
  });

  it('keeps at most one load of a kind in flight and runs a request made meanwhile once after', async () => {
    const store = new Store();
    let release!: () => void;
    let calls = 0;
    const streams: EventHandlers[] = [];
    const r = new Refresher(
      store,
      {
        watchEvents: (h) => {
          streams.push(h);
          return { stop() {} };
        },
        ...kinds,
        load: (kind) => {
          if (kind !== 'containers') return Promise.resolve();
          calls++;
          return new Promise<void>((res) => (release = res));
        },
      },
      { coalesceMs: 10 },
    );
    r.start();
    streams[0]!.onOpen!();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    r.request('containers');
    await vi.advanceTimersByTimeAsync(20);
    r.request('containers');
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
  });

  it('says disconnected, retries with back-off, and reloads on reconnect', async () => {
    const store = new Store();
    const f = fakeSource();
    new Refresher(store, f.source, { retryMinMs: 1000, retryMaxMs: 4000 }).start();
    f.streams[0]!.onOpen!();
    await vi.advanceTimersByTimeAsync(0);
    f.streams[0]!.onEnd(new DockerError('unreachable', 'Cannot reach the Docker daemon.'));
    expect(store.snapshot.connection).toEqual({ status: 'disconnected', error: 'Cannot reach the Docker daemon.' });
    await vi.advanceTimersByTimeAsync(999);
    expect(f.streams).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.streams).toHaveLength(2);
    f.streams[1]!.onEnd();
    await vi.advanceTimersByTimeAsync(1999);
    expect(f.streams).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.streams).toHaveLength(3);
    f.loads.length = 0;
    f.streams[2]!.onOpen!();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.snapshot.connection.status).toBe('connected');
    expect(f.loads.sort()).toEqual(['containers', 'images', 'networks', 'nodes', 'services', 'volumes']);
  });

  it('stops everything it started', async () => {
    const store = new Store();
    const f = fakeSource();
    const handle = new Refresher(store, f.source).start();
    handle.stop();
    expect(f.stopped).toBe(1);
    f.streams[0]!.onEnd(new DockerError('unreachable', 'gone'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.streams).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
