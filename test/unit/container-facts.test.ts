import { describe, expect, it, vi } from 'vitest';
import { containerFacts, timesOf } from '../../src/container-facts.js';
import type { DockerEvent } from '../../src/docker/events.js';
import { InspectCache } from '../../src/state/inspect-cache.js';
import { Store } from '../../src/state/store.js';
import { FakeEngine, fakeContainer } from '../support/fake-engine.js';

const event = (action: string, id: string, timeMs = 5000): DockerEvent => ({ type: 'container', action, id, attributes: {}, timeMs });

describe('the inspect cache', () => {
  it('asks once per container, again after start, die or destroy, and again after a failure', async () => {
    const asked: string[] = [];
    let fail = false;
    const cache = new InspectCache(async (id) => {
      asked.push(id);
      if (fail) throw new Error('gone');
      return `${id}#${asked.length}`;
    });
    const [x1, x2] = await Promise.all([cache.get('x'), cache.get('x')]);
    expect(x1).toBe('x#1');
    expect(x2).toBe('x#1');
    cache.onEvent(event('kill', 'x'));
    cache.onEvent({ ...event('start', 'x'), type: 'image' });
    expect(await cache.get('x')).toBe('x#1');
    for (const action of ['start', 'die', 'destroy']) {
      cache.onEvent(event(action, 'x'));
      await cache.get('x');
    }
    expect(asked).toEqual(['x', 'x', 'x', 'x']);
    fail = true;
    await expect(cache.get('y')).rejects.toThrow('gone');
    fail = false;
    expect(await cache.get('y')).toBe('y#6');
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('container facts', () => {
  it('reads times as numbers, leaving out the engine\'s "never"', () => {
    expect(timesOf({ startedAt: '2026-11-29T10:00:00Z', finishedAt: '0001-01-01T00:00:00Z', exitCode: 0 })).toEqual({ startedAtMs: Date.parse('2026-11-29T10:00:00Z'), exitCode: 0 });
  });

  it('asks the engine once per container for both its times and its cgroup (the times tracker and the stats source each asked before)', async () => {
    const a = fakeContainer({ name: 'a' });
    const b = fakeContainer({ name: 'b' });
    const c = fakeContainer({ name: 'c', state: 'exited', status: 'Exited (0) 1 minute ago' });
    const fake = new FakeEngine({ containers: [a, b, c] });
    const store = new Store();
    const facts = containerFacts(store, fake.port, { local: true, source: 'auto' });
    const inspected = () => fake.calls.filter((call) => call.name === 'inspectContainer').map((call) => call.args[0]);
    const settled = async () => {
      await vi.waitFor(() => {
        expect(store.snapshot.times.size).toBe(3);
        // The fake's pids name no cgroup of its containers: each falls back to the engine's stream.
        expect(fake.statsSubs.size).toBe(2);
      });
    };

    // What app does for the rows on screen: stats for the running ones, times for all.
    facts.stats.setWanted([a.id, b.id]);
    facts.times.want([a.id, b.id, c.id]);
    await settled();
    expect([...inspected()].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(store.snapshot.times.get(c.id)?.startedAtMs).toBe(a.created * 1000);

    // Scrolled away and back: the streams reopen on the answers already had.
    facts.stats.setWanted([]);
    facts.stats.setWanted([a.id, b.id]);
    await settled();
    expect(inspected()).toHaveLength(3);

    // a restarted: its pid changed, so it is asked once more (its times came with the events).
    facts.onEvent(event('die', a.id, 6000));
    facts.onEvent(event('start', a.id, 7000));
    facts.stats.setWanted([b.id]);
    facts.stats.setWanted([a.id, b.id]);
    facts.times.want([a.id, b.id, c.id]);
    await settled();
    expect(inspected().filter((id) => id === a.id)).toHaveLength(2);
    expect(inspected()).toHaveLength(4);
    expect(store.snapshot.times.get(a.id)?.startedAtMs).toBe(7000);

    // Events were missed while the stream was down: every answer is asked for again when needed.
    facts.reconnected();
    facts.stats.setWanted([]);
    facts.stats.setWanted([a.id, b.id]);
    await settled();
    expect(inspected()).toHaveLength(6);
    facts.stats.stop();
    expect(fake.statsSubs.size).toBe(0);
  });
});
