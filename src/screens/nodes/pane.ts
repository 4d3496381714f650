// The nodes pane: a swarm manager's nodes (hostname, role, availability, status, manager
// status, engine version), with drain, pause and activate. On an engine that is no manager
// it says why there is nothing to list.
import type { NodeSummary } from '../../docker/nodes.js';
import { itemsOf, type ResourceSpec } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { cursorHandlers } from '../cursor.js';
import { SwarmStatusHolder } from '../swarm-status.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { listFilter } from '../list-filter.js';
import { setAvailabilityFlow } from './actions.js';
import { NODE_ACTIONS } from './keys.js';
import { NODES } from './resource.js';
import { nodeTable } from './table.js';

function createNodesPane(ctx: ScreenContext, shell: Shell): Pane {
  const table = new DataTable({ parent: ctx.host.screen, label: 'nodes', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  const swarm = new SwarmStatusHolder(ctx, () => shell.requestFrame());
  const filter = listFilter(shell, 'nodes');

  const selected = (): NodeSummary | undefined => itemsOf(ctx.store.snapshot, NODES).find((n) => n.id === table.selected);
  const withNode = (fn: (n: NodeSummary) => Promise<unknown>) => (): void | Promise<unknown> => {
    const n = selected();
    return n ? fn(n) : undefined;
  };

  const handlers: Handlers<typeof NODE_ACTIONS, 'nodes'> = {
    ...cursorHandlers(table, 'nodes'),
    'nodes.filter': filter.start,
    'nodes.drain': withNode((n) => setAvailabilityFlow(ctx, n, 'drain')),
    'nodes.pause': withNode((n) => setAvailabilityFlow(ctx, n, 'pause')),
    'nodes.activate': withNode((n) => setAvailabilityFlow(ctx, n, 'active')),
  };

  return {
    box: table.box,
    handlers,
    actionContext: () => ({ hasSelection: !!selected() }),
    setFocused: (f) => swarm.setFocused(table, f),
    draw() {
      swarm.drawTable(table, NODES, { label: 'nodes', filter, none: 'No nodes.', rows: (items, f) => nodeTable(items, f ? { filter: f } : {}) });
    },
    reset() {
      swarm.reset();
    },
    close() {},
  };
}

export const nodesPane: PaneDef<typeof NODE_ACTIONS> = {
  id: 'nodes',
  title: 'nodes',
  scope: 'nodes',
  slot: 'side',
  actions: NODE_ACTIONS,
  resource: NODES as ResourceSpec<unknown>,
  create: createNodesPane,
};
