// The node list: stale after node events.
import type { NodeSummary } from '../../docker/nodes.js';
import type { ResourceSpec } from '../../state/resources.js';

export const NODES: ResourceSpec<NodeSummary> = {
  kind: 'nodes',
  load: (engine) => engine.listNodes(),
  touchedBy: (ev) => ev.type === 'node',
  lazy: true,
  idOf: (n) => n.id,
};
