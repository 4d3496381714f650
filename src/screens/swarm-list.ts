// What the services and nodes panes share: a swarm manager's objects in a table with a filter,
// or, on an engine that is no manager, the reason there is nothing to list (the status is read
// again when the pane gains focus). Each pane adds its own keys and flows.
import type { TableModel } from '../render/cells.js';
import { itemsOf, type ResourceSpec } from '../state/resources.js';
import { DataTable } from '../widgets/data-table.js';
import type { ScreenContext } from './context.js';
import { listFilter, type ListFilter } from './list-filter.js';
import { SwarmStatusHolder } from './swarm-status.js';
import type { Pane, Shell } from './view.js';

export interface SwarmListOptions<T> {
  /** The pane's label, also the filter's ("services"). */
  readonly label: string;
  readonly spec: ResourceSpec<T>;
  /** The empty table's sentence on a manager that has none. */
  readonly none: string;
  /** The pure table builder. */
  readonly model: (items: readonly T[], o: { filter?: string }) => TableModel;
}

export class SwarmList<T extends { readonly id: string }> {
  readonly table: DataTable;
  private readonly swarm: SwarmStatusHolder;
  private readonly filter: ListFilter;

  constructor(
    private readonly ctx: ScreenContext,
    shell: Shell,
    private readonly o: SwarmListOptions<T>,
  ) {
    this.table = new DataTable({ parent: ctx.host.screen, label: o.label, theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
    this.swarm = new SwarmStatusHolder(ctx, () => shell.requestFrame());
    this.filter = listFilter(shell, o.label);
  }

  selected(): T | undefined {
    return itemsOf(this.ctx.store.snapshot, this.o.spec).find((x) => x.id === this.table.selected);
  }

  /** A key's handler that runs fn on the selected row's object (nothing when none is selected). */
  withSelected(fn: (item: T) => void | Promise<unknown>): () => void | Promise<unknown> {
    return () => {
      const item = this.selected();
      return item ? fn(item) : undefined;
    };
  }

  /** Starts typing the filter into the footer. */
  startFilter(): void {
    this.filter.start();
  }

  setFocused(focused: boolean): void {
    this.swarm.setFocused(this.table, focused);
  }

  /** Draws the table; returns the objects shown, or undefined while the pane is hidden. */
  draw(): readonly T[] | undefined {
    return this.swarm.drawTable(this.table, this.o.spec, { label: this.o.label, filter: this.filter, none: this.o.none, rows: (items, f) => this.o.model(items, f ? { filter: f } : {}) });
  }

  /** Another daemon: the swarm status is read again when shown. */
  reset(): void {
    this.swarm.reset();
  }

  /** The pane's parts that are the list's alone; a pane spreads them and adds its handlers. */
  paneParts(): Pick<Pane, 'box' | 'actionContext' | 'setFocused' | 'draw' | 'reset'> {
    return {
      box: this.table.box,
      actionContext: () => ({ hasSelection: !!this.selected() }),
      setFocused: (f) => this.setFocused(f),
      draw: () => void this.draw(),
      reset: () => this.reset(),
    };
  }
}
