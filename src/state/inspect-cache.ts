// One inspect per container, shared by whoever needs its details: the times tracker (when it
// started and finished) and the stats source (its pid, to find its cgroup) asked the engine
// for the same container each on its own. An answer stays good until the container starts,
// dies or goes (its pid and times change then); a failed ask is not kept, so the next one
// tries again.
import type { DockerEvent } from '../docker/events.js';

/** Container events after which an earlier inspect answer is out of date. */
const STALE_AFTER = new Set(['start', 'die', 'destroy']);

export class InspectCache<T> {
  private readonly answers = new Map<string, Promise<T>>();

  constructor(private readonly inspect: (id: string) => Promise<T>) {}

  /** The container's answer: the one already asked for, or a new ask. */
  get(id: string): Promise<T> {
    const known = this.answers.get(id);
    if (known) return known;
    const asked = this.inspect(id);
    this.answers.set(id, asked);
    asked.catch(() => {
      if (this.answers.get(id) === asked) this.answers.delete(id);
    });
    return asked;
  }

  /** Forgets a container's answer when an event says it changed. */
  onEvent(ev: DockerEvent): void {
    if (ev.type === 'container' && ev.id && STALE_AFTER.has(ev.action)) this.answers.delete(ev.id);
  }

  /** Forgets every answer (events were missed while the stream was down). */
  clear(): void {
    this.answers.clear();
  }

  /** How many answers are held (tests read it). */
  get size(): number {
    return this.answers.size;
  }
}
