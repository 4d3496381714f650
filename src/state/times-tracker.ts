// Learns exact start and stop times of containers, so statuses read "Up 3 minutes"
// against the clock rather than the sentence the engine wrote at list time.
// Events give the times of what happens while berth runs; for the rest, only the
// containers on screen are inspected, once each.
import type { DockerEvent } from '../docker/events.js';
import type { ContainerTimes } from '../docker/usage.js';
import type { Store } from './store.js';

export type InspectTimes = (id: string) => Promise<ContainerTimes>;

export class TimesTracker {
  private readonly asked = new Set<string>();
  private inFlight = 0;
  private readonly queue: string[] = [];

  constructor(
    private readonly store: Store,
    private readonly inspect: InspectTimes,
    private readonly maxInFlight = 4,
  ) {}

  onEvent(ev: DockerEvent): void {
    if (ev.type !== 'container' || !ev.id) return;
    const times = new Map(this.store.snapshot.times);
    const old = times.get(ev.id) ?? {};
    // A restart also emits start, so start alone tells when the current run began.
    if (ev.action === 'start') {
      times.set(ev.id, { ...old, startedAtMs: ev.timeMs });
    } else if (ev.action === 'die') {
      const code = Number(ev.attributes.exitCode);
      times.set(ev.id, { ...old, finishedAtMs: ev.timeMs, ...(Number.isFinite(code) ? { exitCode: code } : {}) });
    } else if (ev.action === 'destroy') {
      times.delete(ev.id);
      this.asked.delete(ev.id);
    } else {
      return;
    }
    this.store.update({ times });
  }

  /** Makes sure the given (visible) containers get their times, a few at a time. */
  want(ids: readonly string[]): void {
    const known = this.store.snapshot.times;
    for (const id of ids) {
      if (known.has(id) || this.asked.has(id)) continue;
      this.asked.add(id);
      this.queue.push(id);
    }
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const id = this.queue.shift()!;
      this.inFlight++;
      this.inspect(id)
        .then((t) => {
          const times = new Map(this.store.snapshot.times);
          // An event may have told us something newer meanwhile; it wins.
          times.set(id, { ...t, ...(times.get(id) ?? {}) });
          this.store.update({ times });
        })
        .catch(() => {
          /* gone or unreachable: the engine's sentence stays */
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
