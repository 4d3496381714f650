// The engine events berth has seen, newest last, in a bounded ring: the events view reads
// it. Fed from the one events stream the refresher already holds (no second stream).
import type { DockerEvent } from '../docker/events.js';

export class EventLog {
  private readonly ring: DockerEvent[] = [];
  private readonly listeners = new Set<() => void>();
  /** How many fell out of the ring since berth started. */
  dropped = 0;

  constructor(private readonly capacity = 2000) {}

  push(ev: DockerEvent): void {
    this.ring.push(ev);
    if (this.ring.length > this.capacity) {
      this.ring.splice(0, this.ring.length - this.capacity);
      this.dropped++;
    }
    for (const l of [...this.listeners]) l();
  }

  /** Oldest first. */
  list(): readonly DockerEvent[] {
    return this.ring;
  }

  /** Told after every new event; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
