// The container list: loaded whole (docker ps -a), stale after container events that
// change what a row shows.
import type { ContainerSummary } from '../../docker/containers.js';
import type { ResourceSpec } from '../../state/resources.js';

// exec_*, top and the like do not change the list; health changes show in the status.
const QUIET = /^(exec_|top$|attach$|resize$|archive-path$|extract-to-dir$|commit$|copy$|export$)/;

export const CONTAINERS: ResourceSpec<ContainerSummary> = {
  kind: 'containers',
  load: (engine) => engine.listContainers({ all: true }),
  // A network connect or disconnect changes the container's network list.
  touchedBy: (ev) => (ev.type === 'container' && !QUIET.test(ev.action)) || (ev.type === 'network' && (ev.action === 'connect' || ev.action === 'disconnect')),
  idOf: (c) => c.id,
};
