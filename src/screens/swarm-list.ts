// What the services and nodes panes share: a swarm manager's objects in a table with a filter,
// or, on an engine that is no manager, the reason there is nothing to list (the status is read
// again when the pane gains focus). Each pane adds its own keys and flows.
import type { TableModel } from '../render/cells.js';
import { itemsOf, type ResourceSpec } from '../state/resources.js';
import { DataTable } from '../widgets/data-table.js';
import type { ScreenContext } from './context.js';
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
  private filter = '';

  constructor(
    private readonly ctx: ScreenContext,
    private readonly shell: Shell,
    private readonly o: SwarmListOptions<T>,
  ) {
    this.table = new DataTable({ parent: ctx.host.screen, label: o.label, theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
    this.swarm = new SwarmStatusHolder(ctx, () => shell.requestFrame());
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
    this.shell.startFilter(this.o.label, {
      value: this.filter,
      set: (v) => {
        this.filter = v;
      },
    });
  }

  setFocused(focused: boolean): void {
    this.table.setFocused(focused);
    // The swarm may have been joined since the reason was read.
    if (focused) this.swarm.focused();
  }

  /** Draws the table; returns the objects shown, or undefined while the pane is hidden. */
  draw(): readonly T[] | undefined {
    if (this.table.box.hidden) {
      this.table.draw();
      return undefined;
    }
    const filter = this.filter;
    const { items, empty } = this.swarm.shown(this.o.spec, !!filter, this.o.none);
    this.table.setModel(this.o.model(items, filter ? { filter } : {}));
    this.table.setLabel(`${this.o.label}${filter ? ` /${filter}` : ''}`);
    this.table.setEmptyText(empty);
    this.table.draw();
    return items;
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
