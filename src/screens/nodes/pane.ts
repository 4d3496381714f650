// The nodes pane: a swarm manager's nodes (hostname, role, availability, status, manager
// status, engine version), with drain, pause and activate. On an engine that is no manager
// it says why there is nothing to list.
import type { NodeSummary } from '../../docker/nodes.js';
import type { ResourceSpec } from '../../state/resources.js';
import type { ScreenContext } from '../context.js';
import { cursorHandlers } from '../cursor.js';
import { SwarmList } from '../swarm-list.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { setAvailabilityFlow } from './actions.js';
import { NODE_ACTIONS } from './keys.js';
import { NODES } from './resource.js';
import { nodeTable } from './table.js';

function createNodesPane(ctx: ScreenContext, shell: Shell): Pane {
  const list = new SwarmList<NodeSummary>(ctx, shell, { label: 'nodes', spec: NODES, none: 'No nodes.', model: nodeTable });
  const handlers: Handlers<typeof NODE_ACTIONS, 'nodes'> = {
    ...cursorHandlers(list.table, 'nodes'),
    'nodes.filter': () => list.startFilter(),
    'nodes.drain': list.withSelected((n) => setAvailabilityFlow(ctx, n, 'drain')),
    'nodes.pause': list.withSelected((n) => setAvailabilityFlow(ctx, n, 'pause')),
    'nodes.activate': list.withSelected((n) => setAvailabilityFlow(ctx, n, 'active')),
  };

  return { ...list.paneParts(), handlers, close() {} };
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
