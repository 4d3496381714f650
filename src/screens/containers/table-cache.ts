// The containers pane's rows, kept from one draw to the next. The pane draws at every key and
// every stats flush; at 1,000 containers, filtering, sorting and making the rows again each
// time was most of what a cursor move cost. The order is worked out again only when something
// it depends on changed (the list, all/running, the filter, the sort, and the figures or
// times only when the sort is on them), and a row's cells are formatted again only when what
// it shows changed: the table then finds the same cells and keeps the line it drew.
import type { ContainerSummary } from '../../docker/containers.js';
import type { ContainerTimes, ContainerUsage } from '../../docker/usage.js';
import type { Cell, Row, TableModel } from '../../render/cells.js';
import { containerCells, containerColumns, statusText, visibleContainers, type ContainerSortKey, type ContainerViewOptions } from '../../render/containers.js';

export interface ContainerRowsOptions extends ContainerViewOptions {
  readonly now: number;
  readonly stats: boolean;
  readonly sort: { readonly key: ContainerSortKey; readonly descending: boolean };
}

interface Formatted {
  readonly c: ContainerSummary;
  readonly usage: ContainerUsage | undefined;
  readonly times: ContainerTimes | undefined;
  readonly stats: boolean;
  /** The status as of the draw that formatted it (it moves with the clock when exact times are known). */
  readonly status: string;
  readonly cells: readonly Cell[];
}

const sameUsage = (a: ContainerUsage | undefined, b: ContainerUsage | undefined) =>
  a === b || (!!a && !!b && a.cpuPercent === b.cpuPercent && a.memoryBytes === b.memoryBytes && a.memoryLimit === b.memoryLimit);
const sameTimes = (a: ContainerTimes | undefined, b: ContainerTimes | undefined) =>
  a === b || (!!a && !!b && a.startedAtMs === b.startedAtMs && a.finishedAtMs === b.finishedAtMs && a.exitCode === b.exitCode);

/** What the order depends on, compared by identity. */
function orderInputs(list: readonly ContainerSummary[], o: ContainerRowsOptions): readonly unknown[] {
  const key = o.sort.key;
  return [list, o.all, o.filter?.trim().toLowerCase() ?? '', key, o.sort.descending, o.stats, key === 'cpu' || key === 'memory' ? o.usage : undefined, key === 'status' ? o.times : undefined];
}

export class ContainerRows {
  private model: TableModel = { columns: containerColumns(true), rows: [] };
  private inputs: readonly unknown[] = [];
  private shown = new Map<string, ContainerSummary>();
  private readonly formatted = new Map<string, Formatted>();
  /** The options of the latest draw: rows format from these when the table reads them. */
  private current: ContainerRowsOptions | undefined;
  /** How many times the order was worked out (tests read it). */
  orders = 0;

  /**
   * The table for this list and these options. The same model as the last call's when the
   * order did not change (a cursor move, a flush of figures the sort is not on): the table
   * then keeps its selection without looking it up again.
   */
  table(list: readonly ContainerSummary[], o: ContainerRowsOptions): TableModel {
    this.current = o;
    const inputs = orderInputs(list, o);
    if (inputs.length === this.inputs.length && inputs.every((x, i) => x === this.inputs[i])) return this.model;
    this.inputs = inputs;
    this.orders++;
    const order = visibleContainers(list, o);
    this.shown = new Map(order.map((c) => [c.id, c]));
    for (const id of this.formatted.keys()) if (!this.shown.has(id)) this.formatted.delete(id);
    const rows: Row[] = order.map((c) => {
      const cellsOf = () => this.cellsOf(c);
      return {
        id: c.id,
        get cells() {
          return cellsOf();
        },
      };
    });
    this.model = { columns: containerColumns(o.stats), rows };
    return this.model;
  }

  /** The container of a row shown now. */
  container(id: string): ContainerSummary | undefined {
    return this.shown.get(id);
  }

  /** A row's cells for the latest options: the same array as before when nothing it shows changed. */
  private cellsOf(c: ContainerSummary): readonly Cell[] {
    const o = this.current!;
    const usage = o.usage?.get(c.id);
    const times = o.times?.get(c.id);
    const status = statusText(c, times, o.now);
    const f = this.formatted.get(c.id);
    if (f && f.c === c && f.stats === o.stats && f.status === status && sameUsage(f.usage, usage) && sameTimes(f.times, times)) return f.cells;
    const cells = containerCells(c, { usage, times, now: o.now, stats: o.stats });
    this.formatted.set(c.id, { c, usage, times, stats: o.stats, status, cells });
    return cells;
  }
}
