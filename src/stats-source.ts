// Where the containers list's CPU and memory come from. For an engine on this machine (a unix
// socket) the container's cgroup is read directly: the same numbers as docker stats, at no
// cost to the engine. Otherwise, or when the cgroup cannot be found or read (berth in another
// PID namespace, a socket forwarded from elsewhere, a Podman without cgroups), the engine's
// stats stream, as before. BERTH_STATS_SOURCE=api forces the stream (to compare the two).
import { findCgroup } from './docker/cgroup-stats.js';
import { watchCgroupUsage } from './docker/cgroup-watch.js';
import type { Stoppable } from './docker/events.js';
import type { EnginePort } from './docker/port.js';
import type { ContainerUsage } from './docker/usage.js';
import { cpuPercent, memoryUsage } from './render/stats.js';
import type { OpenStats } from './state/stats-watcher.js';

/** Which source a session uses; `auto` tries the cgroup first on a local engine. */
export type StatsSource = 'auto' | 'api';

export function statsSourceFromEnv(env: NodeJS.ProcessEnv = process.env): StatsSource {
  return env.BERTH_STATS_SOURCE === 'api' ? 'api' : 'auto';
}

function fromEngine(engine: EnginePort, id: string, onUsage: (u: ContainerUsage) => void, onEnd: () => void): Stoppable {
  return engine.watchStats(
    id,
    (s) => {
      const mem = memoryUsage(s);
      onUsage({ cpuPercent: cpuPercent(s), memoryBytes: mem.used, memoryLimit: mem.limit });
    },
    () => onEnd(),
  );
}

/** What finding a container's cgroup needs from its inspect: its full id and its main pid. */
export interface ContainerPid {
  readonly id: string;
  readonly pid?: number;
}

export interface StatsSourceOptions {
  /** The engine is on this machine (a unix socket): its cgroups can be read. */
  readonly local: boolean;
  readonly source?: StatsSource;
  /** How to learn a container's pid; the engine's inspect by default (app shares one inspect with the times tracker). */
  readonly pidOf?: (id: string) => Promise<ContainerPid>;
}

/** Opens usage for one container: its cgroup when `local` and readable, else the engine's stream. */
export function openStats(engine: EnginePort, opts: StatsSourceOptions): OpenStats {
  const { local, source = statsSourceFromEnv(), pidOf = (id: string) => engine.inspectContainer(id) } = opts;
  if (!local || source === 'api') return (id, onUsage, onEnd) => fromEngine(engine, id, onUsage, onEnd);
  return (id, onUsage, onEnd) => {
    let inner: Stoppable | undefined;
    let stopped = false;
    pidOf(id)
      .then((d) => (d.pid ? findCgroup(d.pid, d.id) : undefined))
      .catch(() => undefined)
      .then((files) => {
        if (stopped) return;
        inner = files ? watchCgroupUsage(files, onUsage, onEnd) : fromEngine(engine, id, onUsage, onEnd);
      });
    return {
      stop() {
        stopped = true;
        inner?.stop();
      },
    };
  };
}
