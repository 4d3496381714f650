// Where the containers list's CPU and memory come from. For an engine on this machine (a unix
// socket) the container's cgroup is read directly: the same numbers as docker stats, at no
// cost to the engine. Otherwise, or when the cgroup cannot be found or read (berth in another
// PID namespace, a socket forwarded from elsewhere, a Podman without cgroups), the engine's
// stats stream, as before. BERTH_STATS_SOURCE=api forces the stream (to compare the two).
import { findCgroup, watchCgroupUsage } from './docker/cgroup-stats.js';
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

/** Opens usage for one container: its cgroup when `local` and readable, else the engine's stream. */
export function openStats(engine: EnginePort, local: boolean, source: StatsSource = statsSourceFromEnv()): OpenStats {
  if (!local || source === 'api') return (id, onUsage, onEnd) => fromEngine(engine, id, onUsage, onEnd);
  return (id, onUsage, onEnd) => {
    let inner: Stoppable | undefined;
    let stopped = false;
    engine
      .inspectContainer(id)
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
