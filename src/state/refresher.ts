// Keeps the store current from the daemon's events stream. Bursts of events are
// coalesced per resource kind; a lost connection is retried with back-off, and a
// reconnect reloads everything (events may have been missed while away).
import type { DockerEvent, EventHandlers, Stoppable } from '../docker/events.js';
import type { DockerError } from '../docker/errors.js';
import type { Store } from './store.js';

/** A resource kind's key in the store ("containers", "volumes"). */
export type ResourceKind = string;

export interface RefreshSource {
  watchEvents(handlers: EventHandlers): Stoppable;
  /**
   * The kinds loaded from the start; they and every kind asked for since (`request`) are
   * kept current and reloaded when the events stream (re)opens. A kind nobody has asked for
   * costs the engine nothing.
   */
  readonly kinds: readonly ResourceKind[];
  /** Which kinds an event makes stale. */
  touched(ev: DockerEvent): readonly ResourceKind[];
  /** Loads one kind and writes it into the store. */
  load(kind: ResourceKind): Promise<void>;
  /** Sees every event first (to learn exact start and stop times, say). */
  onEvent?(ev: DockerEvent): void;
}

export interface RefresherOptions {
  /** How long to gather a burst of events before refreshing (ms). */
  readonly coalesceMs?: number;
  /** First and largest delay between reconnect attempts (ms). */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
}

export class Refresher {
  private readonly coalesceMs: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private events: Stoppable | undefined;
  private readonly pending = new Set<ResourceKind>();
  private coalesceTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay: number;
  private readonly inFlight = new Set<ResourceKind>();
  private readonly again = new Set<ResourceKind>();
  private stopped = false;
  /** The kinds kept current: the eager ones and those asked for since. */
  private readonly active: Set<ResourceKind>;

  constructor(
    private readonly store: Store,
    private readonly source: RefreshSource,
    opts: RefresherOptions = {},
  ) {
    this.coalesceMs = opts.coalesceMs ?? 250;
    this.retryMinMs = opts.retryMinMs ?? 1000;
    this.retryMaxMs = opts.retryMaxMs ?? 10_000;
    this.retryDelay = this.retryMinMs;
    this.active = new Set(source.kinds);
  }

  start(): Stoppable {
    this.connect();
    return { stop: () => this.stop() };
  }

  stop(): void {
    this.stopped = true;
    this.events?.stop();
    this.events = undefined;
    if (this.coalesceTimer) clearTimeout(this.coalesceTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** Asks for a refresh of a kind now (after an action, or when it is first shown), still coalesced; it is kept current from then on. */
  request(kind: ResourceKind): void {
    this.active.add(kind);
    this.pending.add(kind);
    this.schedule();
  }

  private connect(): void {
    if (this.stopped) return;
    this.events = this.source.watchEvents({
      onOpen: () => {
        this.retryDelay = this.retryMinMs;
        this.store.update({ connection: { status: 'connected' } });
        // Whatever happened while we were away, reload it all.
        for (const k of this.active) void this.refresh(k);
      },
      onEvent: (ev) => {
        this.source.onEvent?.(ev);
        for (const k of this.source.touched(ev)) if (this.active.has(k)) this.pending.add(k);
        this.schedule();
      },
      onEnd: (err) => this.lost(err),
    });
  }

  private lost(err?: DockerError): void {
    if (this.stopped) return;
    this.events = undefined;
    this.store.update({ connection: { status: 'disconnected', ...(err ? { error: err.message } : {}) } });
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryMaxMs, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delay);
  }

  private schedule(): void {
    if (this.coalesceTimer || this.pending.size === 0 || this.stopped) return;
    this.coalesceTimer = setTimeout(() => {
      this.coalesceTimer = undefined;
      const kinds = [...this.pending];
      this.pending.clear();
      for (const k of kinds) void this.refresh(k);
    }, this.coalesceMs);
  }

  private async refresh(kind: ResourceKind): Promise<void> {
    if (this.stopped) return;
    // At most one load of a kind in flight; a request during it runs once after.
    if (this.inFlight.has(kind)) {
      this.again.add(kind);
      return;
    }
    this.inFlight.add(kind);
    try {
      await this.source.load(kind);
    } catch {
      // A failed load leaves the old data; the events stream's end reports the
      // disconnection, and the reconnect reloads.
    } finally {
      this.inFlight.delete(kind);
    }
    if (this.again.delete(kind)) void this.refresh(kind);
  }
}
