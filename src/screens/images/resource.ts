// The image list: stale after image events, and after a container is created or removed
// (the "used by" count changes).
import type { ImageSummary } from '../../docker/images.js';
import type { ResourceSpec } from '../../state/resources.js';

export const IMAGES: ResourceSpec<ImageSummary> = {
  kind: 'images',
  load: (engine) => engine.listImages({ all: false }),
  touchedBy: (ev) => ev.type === 'image' || (ev.type === 'container' && (ev.action === 'create' || ev.action === 'destroy')),
  idOf: (i) => i.id,
};
