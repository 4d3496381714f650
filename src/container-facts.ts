// What berth learns about each container beyond its list entry: exact start and stop times
// (statuses read "Up 3 minutes" against the clock) and, for a local engine, CPU and memory
// read from its cgroup, found by its pid. Both come from the same inspect, asked once per
// container and shared, and asked again only after the container started, died or went.
import type { ContainerDetails } from './docker/container-inspect.js';
import type { DockerEvent } from './docker/events.js';
import type { EnginePort } from './docker/port.js';
import { type ContainerTimes, engineTime } from './docker/usage.js';
import { openStats, type ContainerPid, type StatsSource } from './stats-source.js';
import { InspectCache } from './state/inspect-cache.js';
import { StatsWatcher } from './state/stats-watcher.js';
import type { Store } from './state/store.js';
import { TimesTracker } from './state/times-tracker.js';

/** What the cache keeps of an inspect answer: only what its two readers need, not the whole answer. */
interface InspectFacts extends ContainerPid {
  readonly times: ContainerTimes;
}

export function timesOf(d: Pick<ContainerDetails, 'startedAt' | 'finishedAt' | 'exitCode'>): ContainerTimes {
  const startedAtMs = engineTime(d.startedAt);
  const finishedAtMs = engineTime(d.finishedAt);
  return { ...(startedAtMs ? { startedAtMs } : {}), ...(finishedAtMs ? { finishedAtMs } : {}), ...(d.exitCode !== undefined ? { exitCode: d.exitCode } : {}) };
}

export interface ContainerFacts {
  readonly times: TimesTracker;
  readonly stats: StatsWatcher;
  /** Every event from the refresher: times learnt from it, inspect answers it makes stale dropped. */
  onEvent(ev: DockerEvent): void;
  /** The events stream reopened: what happened meanwhile is unknown, so ask again. */
  reconnected(): void;
}

export function containerFacts(store: Store, engine: EnginePort, opts: { local: boolean; source?: StatsSource }): ContainerFacts {
  const inspected = new InspectCache<InspectFacts>(async (id) => {
    const d = await engine.inspectContainer(id);
    return { id: d.id, ...(d.pid ? { pid: d.pid } : {}), times: timesOf(d) };
  });
  const times = new TimesTracker(store, async (id) => (await inspected.get(id)).times);
  // A local engine's containers are measured from their cgroups, at no cost to the engine.
  const stats = new StatsWatcher(store, openStats(engine, { ...opts, pidOf: (id) => inspected.get(id) }));
  return {
    times,
    stats,
    onEvent(ev) {
      inspected.onEvent(ev);
      times.onEvent(ev);
    },
    reconnected: () => inspected.clear(),
  };
}
