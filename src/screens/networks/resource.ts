// The network list, stale after network events (create, destroy, connect, disconnect).
import type { NetworkSummary } from '../../docker/networks.js';
import type { ResourceSpec } from '../../state/resources.js';

export const NETWORKS: ResourceSpec<NetworkSummary> = {
  kind: 'networks',
  load: (engine) => engine.listNetworks(),
  touchedBy: (ev) => ev.type === 'network',
  lazy: true,
  idOf: (n) => n.id,
};
