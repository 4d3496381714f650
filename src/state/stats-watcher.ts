// Holds stats streams only for the running containers on screen (Docker has no bulk
// stats endpoint; a stream per container costs the daemon CPU), and closes each one
// when its container scrolls away, stops or goes. Samples arrive once a second per
// stream, each at its own moment: they are gathered and written to the store together,
// once per flush interval, so twenty streams cause one repaint a second, not twenty.
import type { Stoppable } from '../docker/events.js';
import type { ContainerUsage } from '../docker/usage.js';
import type { Store } from './store.js';

/** Opens a stats stream; the callback gets usage already computed from each sample. */
export type OpenStats = (id: string, onUsage: (u: ContainerUsage) => void, onEnd: () => void) => Stoppable;

export class StatsWatcher {
  private readonly open = new Map<string, Stoppable>();
  private readonly pending = new Map<string, ContainerUsage>();
  private readonly forgotten = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: Store,
    private readonly openStats: OpenStats,
    private readonly flushMs = 1000,
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
        this.pending.delete(id);
        if (this.store.snapshot.usage.has(id)) {
          this.forgotten.add(id);
          this.schedule();
        }
      }
    }
    for (const id of wanted) {
      if (this.open.has(id)) continue;
      this.forgotten.delete(id);
      const handle = this.openStats(
        id,
        (u) => {
          if (this.open.get(id) !== handle) return;
          this.pending.set(id, u);
          this.schedule();
        },
        () => {
          // The stream ended (container stopped, daemon gone): the next setWanted reopens it if still wanted.
          if (this.open.get(id) === handle) this.open.delete(id);
        },
      );
      this.open.set(id, handle);
    }
  }

  /** Writes what was gathered to the store now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // An idle container's figures often do not move at all: the same numbers again are no news,
    // and no update means no repaint (at 100 idle rows, most flushes changed nothing).
    const current = this.store.snapshot.usage;
    for (const [id, u] of this.pending) if (sameUsage(current.get(id), u)) this.pending.delete(id);
    if (this.pending.size === 0 && this.forgotten.size === 0) return;
    const usage = new Map(current);
    for (const [id, u] of this.pending) usage.set(id, u);
    for (const id of this.forgotten) usage.delete(id);
    this.pending.clear();
    this.forgotten.clear();
    this.store.update({ usage });
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.flushMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const s of this.open.values()) s.stop();
    this.open.clear();
  }
}

function sameUsage(a: ContainerUsage | undefined, b: ContainerUsage): boolean {
  return a !== undefined && a.cpuPercent === b.cpuPercent && a.memoryBytes === b.memoryBytes && a.memoryLimit === b.memoryLimit;
}
