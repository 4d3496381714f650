// What keeps a container's detail live: its inspect (again after each of its events), one
// events stream that back-fills the timeline from the engine's history and then follows,
// a stats stream and a `top` poll only while a section shows them, and a retry loop when
// the daemon goes away. Nothing runs while the view is covered or closed.
import type { ContainerDetails, RawInspect } from '../../docker/container-inspect.js';
import { DockerError } from '../../docker/errors.js';
import type { DockerEvent, Stoppable } from '../../docker/events.js';
import type { EnginePort } from '../../docker/port.js';
import type { StatsSample } from '../../docker/stats.js';
import { TIMELINE_ACTIONS } from '../../render/detail/health.js';
import type { TopResult } from '../../render/detail/processes.js';

export interface FeedListener {
  details(d: ContainerDetails, raw: RawInspect): void;
  /** The processes, or undefined when the container is not running. */
  top(t: TopResult | undefined): void;
  sample(s: StatsSample): void;
  event(ev: DockerEvent): void;
  /** The container is gone (removed, by anyone). */
  removed(): void;
  /** A sentence while the daemon cannot be reached; undefined once it answers again. */
  daemon(sentence: string | undefined): void;
}

/** What the section on screen needs besides the inspect. */
export interface Needs {
  readonly stats: boolean;
  readonly top: boolean;
  /** Inspect again every poll (the health probes change without events). */
  readonly poll: boolean;
}

export interface ContainerFeeds {
  start(): void;
  stop(): void;
  want(needs: Needs): void;
  /** Inspects again now (after berth changed something, say). */
  reload(): void;
}

export const POLL_MS = 2000;
const RELOAD_DELAY_MS = 150;
const RETRY_MS = [1000, 2000, 4000, 8000];
const WATCHED = [...TIMELINE_ACTIONS, 'destroy'];

type Timer = ReturnType<typeof setTimeout>;

/** `createdSec`: where the events history starts (the container's creation). */
export function containerFeeds(engine: EnginePort, id: string, createdSec: number, on: FeedListener): ContainerFeeds {
  let shown = false;
  let gone = false;
  let down = false;
  let running = true;
  let needs: Needs = { stats: false, top: false, poll: false };
  let events: Stoppable | undefined;
  let stats: Stoppable | undefined;
  let topTimer: Timer | undefined;
  let pollTimer: Timer | undefined;
  let reloadTimer: Timer | undefined;
  let retryTimer: Timer | undefined;
  let retries = 0;
  // Events come in time order: after a reopen, skip what was seen (same millisecond: same action).
  let lastMs = 0;
  let atLast = new Set<string>();

  const clear = (t: Timer | undefined) => {
    if (t) clearTimeout(t);
    return undefined;
  };
  const halt = () => {
    events?.stop();
    stats?.stop();
    events = stats = undefined;
    topTimer = clear(topTimer);
    pollTimer = clear(pollTimer);
    reloadTimer = clear(reloadTimer);
    retryTimer = clear(retryTimer);
  };

  const removed = () => {
    if (gone) return;
    gone = true;
    halt();
    on.removed();
  };

  const lost = (why: string) => {
    if (down || gone || !shown) return;
    down = true;
    halt();
    on.daemon(`The Docker daemon is not answering (${why.replace(/\.$/, '')}): retrying.`);
    retryLater();
  };

  /** A failed read: gone and daemon trouble change the view; anything else waits for the next try. */
  const failed = (err: unknown) => {
    if (!shown || gone) return;
    if (err instanceof DockerError && err.kind === 'notFound') removed();
    else if (err instanceof DockerError && (err.kind === 'unreachable' || err.kind === 'timeout')) lost(err.message);
  };

  const deliver = (r: { details: ContainerDetails; raw: RawInspect }) => {
    if (!shown || gone) return;
    running = r.details.state === 'running';
    on.details(r.details, r.raw);
    apply();
  };

  const load = () => engine.inspectContainerRaw(id).then(deliver, failed);

  const reload = () => {
    if (!shown || down || reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      void load();
    }, RELOAD_DELAY_MS);
  };

  const onEvent = (ev: DockerEvent) => {
    if (ev.id !== id || (ev.timeMs < lastMs) || (ev.timeMs === lastMs && atLast.has(ev.action))) return;
    if (ev.timeMs > lastMs) atLast = new Set();
    lastMs = ev.timeMs;
    atLast.add(ev.action);
    if (ev.action === 'destroy') return removed();
    on.event(ev);
    reload();
  };

  const openEvents = () => {
    events = engine.watchEvents(
      {
        onEvent,
        onEnd: (err) => {
          events = undefined;
          if (err?.kind === 'notFound') return removed();
          lost(err?.message ?? 'the events stream ended');
        },
      },
      { sinceSec: lastMs ? Math.floor(lastMs / 1000) : createdSec, filters: { container: [id], event: WATCHED } },
    );
  };

  const retryLater = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      engine.inspectContainerRaw(id).then(
        (r) => {
          if (!shown || gone) return;
          down = false;
          retries = 0;
          on.daemon(undefined);
          openEvents();
          deliver(r);
        },
        (err: unknown) => {
          if (err instanceof DockerError && err.kind === 'notFound') removed();
          else if (shown && !gone) retryLater();
        },
      );
    }, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]);
  };

  const pollTop = () => {
    if (!running) return on.top(undefined);
    engine.topContainer(id).then(
      (t) => shown && !gone && !down && on.top(t),
      (err: unknown) => {
        // It stopped since the last inspect: its die event brings the new state.
        if (err instanceof DockerError && err.kind === 'conflict') on.top(undefined);
        else failed(err);
      },
    );
  };

  const every = (fn: () => void): Timer => setInterval(fn, POLL_MS);

  /** Opens what the section needs and the container allows; closes the rest. */
  function apply(): void {
    if (!shown || down || gone) return;
    const wantStats = needs.stats && running;
    if (wantStats && !stats) {
      stats = engine.watchStats(
        id,
        (s) => on.sample(s),
        (err) => {
          stats = undefined;
          if (err) failed(err);
        },
      );
    } else if (!wantStats && stats) {
      stats.stop();
      stats = undefined;
    }
    if (needs.top && !topTimer) {
      pollTop();
      topTimer = every(pollTop);
    } else if (!needs.top && topTimer) topTimer = clear(topTimer);
    if (needs.poll && !pollTimer) {
      void load();
      pollTimer = every(() => void load());
    }
    else if (!needs.poll && pollTimer) pollTimer = clear(pollTimer);
  }

  return {
    start() {
      if (shown || gone) return;
      shown = true;
      down = false;
      retries = 0;
      openEvents();
      void load();
    },
    stop() {
      shown = false;
      halt();
    },
    want(n) {
      needs = n;
      apply();
    },
    reload: () => void load(),
  };
}
