// Whether the engine can show swarm objects (services, nodes): only a swarm manager lists
// them. Otherwise the sentence the services and nodes panes show instead of a list.
import type { EnginePort } from '../docker/port.js';
import type { TableModel } from '../render/cells.js';
import { listOf, type ResourceSpec } from '../state/resources.js';
import type { DataTable } from '../widgets/data-table.js';
import type { ScreenContext } from './context.js';
import type { ListFilter } from './list-filter.js';

export interface SwarmStatus {
  readonly manager: boolean;
  /** Why there is nothing to list, when the engine is not a manager. */
  readonly why?: string;
}

/** Reads the engine's swarm role (two cheap calls: info and version). */
export async function readSwarmStatus(engine: EnginePort): Promise<SwarmStatus> {
  const [info, version] = await Promise.all([engine.engineInfo(), engine.engineVersion()]);
  if (version.engine === 'podman') return { manager: false, why: 'Podman has no swarm: services and nodes exist on Docker engines in swarm mode.' };
  if (info.swarmRole === 'manager') return { manager: true };
  if (info.swarmRole === 'worker') {
    return { manager: false, why: 'This engine is a swarm worker: only a manager lists services and nodes. The tasks it runs are in the containers pane.' };
  }
  if (info.swarm === 'locked') return { manager: false, why: 'This swarm manager is locked: unlock it (docker swarm unlock) to list services and nodes.' };
  return { manager: false, why: 'This engine is not in a swarm (docker swarm init makes it a manager).' };
}

/**
 * The status for one pane, and what it shows: the list only on a manager (asked for once,
 * when first shown), else the reason. The status is read when first needed and again when
 * asked (the pane gains focus while it has no list), never twice at once; another daemon
 * resets it.
 */
export class SwarmStatusHolder {
  status: SwarmStatus | undefined;
  private reading: Promise<void> | undefined;
  private asked = false;

  constructor(
    private readonly ctx: ScreenContext,
    private readonly changed: () => void,
  ) {}

  read(): void {
    this.reading ??= readSwarmStatus(this.ctx.engine)
      .then(
        (s) => {
          this.status = s;
        },
        (err: unknown) => {
          this.status = { manager: false, why: `Could not ask the engine about its swarm: ${err instanceof Error ? err.message : String(err)}` };
        },
      )
      .finally(() => {
        this.reading = undefined;
        this.changed();
      });
  }

  /** The pane's setFocused: once focused, the swarm may have been joined since it was read. */
  setFocused(table: DataTable, focused: boolean): void {
    table.setFocused(focused);
    if (focused && this.status && !this.status.manager) this.read();
  }

  /** The items to show now, and the sentence for an empty table (`none` when a manager has none). */
  shown<T>(spec: ResourceSpec<T>, filtered: boolean, none: string): { items: readonly T[]; empty: string } {
    if (!this.status) this.read();
    const status = this.status;
    const list = listOf(this.ctx.store.snapshot, spec);
    // Listed only once shown, and only by a manager: a session that never looks costs nothing.
    if (status?.manager && !list.loaded && !this.asked) {
      this.asked = true;
      this.ctx.refresh(spec.kind);
    }
    const empty = !status ? 'Loading…' : !status.manager ? (status.why ?? '') : !list.loaded ? 'Loading…' : filtered ? 'Nothing matches the filter.' : none;
    return { items: status?.manager ? list.items : [], empty };
  }

  /**
   * Draws a swarm pane's table: its rows on a manager, else the reason there are none. The
   * items shown, or undefined when the pane is hidden (nothing is read then).
   */
  drawTable<T>(table: DataTable, spec: ResourceSpec<T>, o: { label: string; filter: ListFilter; none: string; rows(items: readonly T[], filter: string): TableModel }): readonly T[] | undefined {
    if (table.box.hidden) {
      table.draw();
      return undefined;
    }
    const { items, empty } = this.shown(spec, !!o.filter.value, o.none);
    table.setModel(o.rows(items, o.filter.value));
    table.setLabel(`${o.label}${o.filter.note}`);
    table.setEmptyText(empty);
    table.draw();
    return items;
  }

  /** Another daemon: forget, read again when shown. */
  reset(): void {
    this.status = undefined;
    this.asked = false;
  }
}
