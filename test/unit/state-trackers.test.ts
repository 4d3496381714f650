import { describe, expect, it } from 'vitest';
import type { ContainerUsage } from '../../src/docker/usage.js';
import { StatsWatcher } from '../../src/state/stats-watcher.js';
import { Store } from '../../src/state/store.js';
import { TaskRunner } from '../../src/state/tasks.js';
import { TimesTracker } from '../../src/state/times-tracker.js';

describe('the stats watcher', () => {
  it('holds streams exactly for the wanted containers and forgets usage of the others', () => {
    const store = new Store();
    const open = new Map<string, { stopped: boolean; push: (u: ContainerUsage) => void }>();
    const w = new StatsWatcher(store, (id, onUsage) => {
      const s = { stopped: false, push: onUsage };
      open.set(id, s);
      return { stop: () => void (s.stopped = true) };
    });
    let updates = 0;
    store.subscribe(() => updates++);
    w.setWanted(['a', 'b']);
    expect(w.openCount).toBe(2);
    open.get('a')!.push({ cpuPercent: 5, memoryBytes: 10, memoryLimit: 100 });
    open.get('b')!.push({ cpuPercent: 7, memoryBytes: 10, memoryLimit: 100 });
    // Gathered, not written one by one.
    expect(store.snapshot.usage.size).toBe(0);
    w.flush();
    expect(updates).toBe(1);
    expect(store.snapshot.usage.get('a')?.cpuPercent).toBe(5);
    // The same figures again are no news: no update, so no repaint.
    open.get('a')!.push({ cpuPercent: 5, memoryBytes: 10, memoryLimit: 100 });
    w.flush();
    expect(updates).toBe(1);
    open.get('a')!.push({ cpuPercent: 6, memoryBytes: 10, memoryLimit: 100 });
    w.flush();
    expect(updates).toBe(2);
    expect(store.snapshot.usage.get('a')?.cpuPercent).toBe(6);
    w.setWanted(['b', 'c']);
    expect(open.get('a')!.stopped).toBe(true);
    w.flush();
    expect(store.snapshot.usage.has('a')).toBe(false);
    expect(w.openCount).toBe(2);
    // A late sample of a closed stream is ignored.
    open.get('a')!.push({ cpuPercent: 9, memoryBytes: 1, memoryLimit: 1 });
    w.flush();
    expect(store.snapshot.usage.has('a')).toBe(false);
    w.stop();
    expect([...open.values()].filter((s) => !s.stopped)).toHaveLength(0);
    expect(w.openCount).toBe(0);
  });
});

describe('the times tracker', () => {
  it('learns start and stop times from events and asks the engine only once per container', async () => {
    const store = new Store();
    const asked: string[] = [];
    const t = new TimesTracker(store, async (id) => {
      asked.push(id);
      return { startedAtMs: 1000 };
    });
    t.onEvent({ type: 'container', action: 'start', id: 'x', attributes: {}, timeMs: 5000 });
    expect(store.snapshot.times.get('x')).toEqual({ startedAtMs: 5000 });
    t.onEvent({ type: 'container', action: 'die', id: 'x', attributes: { exitCode: '137' }, timeMs: 9000 });
    expect(store.snapshot.times.get('x')).toEqual({ startedAtMs: 5000, finishedAtMs: 9000, exitCode: 137 });
    t.want(['x', 'y', 'y']);
    t.want(['y']);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['y']);
    expect(store.snapshot.times.get('y')).toEqual({ startedAtMs: 1000 });
    t.onEvent({ type: 'container', action: 'destroy', id: 'x', attributes: {}, timeMs: 10000 });
    expect(store.snapshot.times.has('x')).toBe(false);
  });
});

describe('the task runner', () => {
  it('shows a busy label while running, then the result', async () => {
    const store = new Store();
    const tasks = new TaskRunner(store);
    let release!: () => void;
    const p = tasks.run('stopping web', () => new Promise<void>((r) => (release = r)), () => 'stopped web');
    expect(store.snapshot.busy).toEqual(['stopping web']);
    release();
    await p;
    expect(store.snapshot.busy).toEqual([]);
    expect(store.snapshot.message?.text).toBe('stopped web');
  });

  it('turns a failure into an error message, never a rejection', async () => {
    const store = new Store();
    const r = await new TaskRunner(store).run('x', () => Promise.reject(new Error('No such container: web')));
    expect(r.ok).toBe(false);
    expect(store.snapshot.message).toMatchObject({ text: 'No such container: web', level: 'error' });
  });
});
