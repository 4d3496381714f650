// Holds stats streams only for the running containers on screen (Docker has no bulk
// stats endpoint; a stream per container costs the daemon CPU), and closes each one
// when its container scrolls away, stops or goes.
import type { ContainerUsage } from '../docker/usage.js';
import type { Stoppable } from '../docker/events.js';
import type { Store } from './store.js';

/** Opens a stats stream; the callback gets usage already computed from each sample. */
export type OpenStats = (id: string, onUsage: (u: ContainerUsage) => void, onEnd: () => void) => Stoppable;

export class StatsWatcher {
  private readonly open = new Map<string, Stoppable>();

  constructor(
    private readonly store: Store,
    private readonly openStats: OpenStats,
  ) {}

  /** How many streams are open now (the benchmark and tests read it). */
  get openCount(): number {
    return this.open.size;
  }

  /** Makes the open streams exactly those of `ids`. */
  setWanted(ids: readonly string[]): void {
    const wanted = new Set(ids);
    for (const [id, s] of this.open) {
      if (!wanted.has(id)) {
        s.stop();
        this.open.delete(id);
        this.forget(id);
      }
    }
    for (const id of wanted) {
      if (this.open.has(id)) continue;
      const handle = this.openStats(
        id,
        (u) => {
          if (!this.open.has(id)) return;
          const usage = new Map(this.store.snapshot.usage);
          usage.set(id, u);
          this.store.update({ usage });
        },
        () => {
          // The stream ended (container stopped, daemon gone): the next setWanted reopens it if still wanted.
          if (this.open.get(id) === handle) this.open.delete(id);
        },
      );
      this.open.set(id, handle);
    }
  }

  private forget(id: string): void {
    if (!this.store.snapshot.usage.has(id)) return;
    const usage = new Map(this.store.snapshot.usage);
    usage.delete(id);
    this.store.update({ usage });
  }

  stop(): void {
    for (const s of this.open.values()) s.stop();
    this.open.clear();
  }
}
