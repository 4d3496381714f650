// The volume list, stale after volume events and after a container is created or removed
// (the "used by" column reads the containers' mounts).
import type { VolumeSummary } from '../../docker/volumes.js';
import type { ResourceSpec } from '../../state/resources.js';

export const VOLUMES: ResourceSpec<VolumeSummary> = {
  kind: 'volumes',
  load: (engine) => engine.listVolumes(),
  touchedBy: (ev) => ev.type === 'volume',
  lazy: true,
  idOf: (v) => v.name,
};
