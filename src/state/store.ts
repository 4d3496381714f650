// The one place that holds what the UI shows: an immutable snapshot plus subscribers.
import type { ContainerTimes, ContainerUsage } from '../docker/usage.js';
import { withList, type ResourceList, type ResourceSpec } from './resources.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface Connection {
  readonly status: ConnectionStatus;
  /** Why the last attempt failed, as a sentence. */
  readonly error?: string;
}

export interface StatusMessage {
  readonly text: string;
  readonly level: 'info' | 'error';
  readonly atMs: number;
}

export interface Snapshot {
  /** Every listed kind by its spec's key (read with `listOf(snap, spec)`). */
  readonly lists: ReadonlyMap<string, ResourceList<unknown>>;
  readonly times: ReadonlyMap<string, ContainerTimes>;
  readonly usage: ReadonlyMap<string, ContainerUsage>;
  readonly connection: Connection;
  readonly engineVersion?: string;
  /** The daemon berth talks to now, and what chose it ("DOCKER_HOST", "context prod"). */
  readonly endpoint?: { readonly url: string; readonly source: string };
  /** The last message for the status line (action results, errors). */
  readonly message?: StatusMessage;
  /** Labels of slow actions under way ("stopping web"). */
  readonly busy: readonly string[];
}

export type Listener = (snap: Snapshot) => void;

export const EMPTY_SNAPSHOT: Snapshot = {
  lists: new Map(),
  times: new Map(),
  usage: new Map(),
  connection: { status: 'connecting' },
  busy: [],
};

export class Store {
  private snap: Snapshot;
  private readonly listeners = new Set<Listener>();

  constructor(initial: Snapshot = EMPTY_SNAPSHOT) {
    this.snap = initial;
  }

  get snapshot(): Snapshot {
    return this.snap;
  }

  /** Replaces part of the snapshot and tells every subscriber. */
  update(patch: Partial<Snapshot>): void {
    this.snap = Object.freeze({ ...this.snap, ...patch });
    for (const l of [...this.listeners]) l(this.snap);
  }

  /** Replaces one kind's list. */
  setList<T>(spec: ResourceSpec<T>, items: readonly T[]): void {
    this.update(withList(this.snap, spec, items));
  }

  /** Sets the status line's message. */
  say(text: string, level: 'info' | 'error' = 'info'): void {
    this.update({ message: { text, level, atMs: Date.now() } });
  }

  /** Subscribes; the returned function unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
