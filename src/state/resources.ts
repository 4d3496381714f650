// The resource registry's state side: one spec per kind of object berth lists (how to load
// it, which engine events make it stale, how to name a row), and typed access to the lists
// the store holds. The set of kinds is open: a pane brings its own spec.
import type { DockerEvent } from '../docker/events.js';
import type { EnginePort } from '../docker/port.js';
import type { Snapshot } from './store.js';

export interface ResourceSpec<T> {
  /** The store's key for the list ("containers", "volumes"). */
  readonly kind: string;
  /** Loads the whole list from the engine. */
  load(engine: EnginePort): Promise<readonly T[]>;
  /** Does this event make the list stale? */
  touchedBy(ev: DockerEvent): boolean;
  /** The row id of an item (selection is kept by it). */
  idOf(item: T): string;
  /** Loaded only once something shows it (its pane is first shown), not at start. */
  readonly lazy?: boolean;
}

export interface ResourceList<T> {
  readonly items: readonly T[];
  /** False until the first load has arrived. */
  readonly loaded: boolean;
}

const EMPTY: ResourceList<never> = Object.freeze({ items: Object.freeze([]), loaded: false });

/** The list of a kind as the snapshot holds it (empty and not loaded until it arrives). */
export function listOf<T>(snap: Snapshot, spec: ResourceSpec<T>): ResourceList<T> {
  return (snap.lists.get(spec.kind) as ResourceList<T> | undefined) ?? EMPTY;
}

export function itemsOf<T>(snap: Snapshot, spec: ResourceSpec<T>): readonly T[] {
  return listOf(snap, spec).items;
}

/** A snapshot patch that replaces one kind's list. */
export function withList<T>(snap: Snapshot, spec: ResourceSpec<T>, items: readonly T[]): Pick<Snapshot, 'lists'> {
  const lists = new Map(snap.lists);
  lists.set(spec.kind, Object.freeze({ items, loaded: true }));
  return { lists };
}

/** The kinds an event makes stale; a daemon event (reload, shutdown) touches them all. */
export function kindsTouchedBy(specs: readonly ResourceSpec<unknown>[], ev: DockerEvent): string[] {
  return specs.filter((s) => ev.type === 'daemon' || s.touchedBy(ev)).map((s) => s.kind);
}
