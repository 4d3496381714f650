// The service list: stale after service and node events, and after an event of a container
// that is a task (its counts of running tasks change). Task changes on other nodes send no
// event to this manager: the pane polls while a shown service is converging (see pane.ts).
import type { DockerEvent } from '../../docker/events.js';
import type { ServiceSummary } from '../../docker/services.js';
import type { ResourceSpec } from '../../state/resources.js';

export const isTaskEvent = (ev: DockerEvent): boolean => ev.type === 'container' && !!ev.attributes['com.docker.swarm.service.id'];

export const SERVICES: ResourceSpec<ServiceSummary> = {
  kind: 'services',
  load: (engine) => engine.listServices(),
  touchedBy: (ev) => ev.type === 'service' || ev.type === 'node' || isTaskEvent(ev),
  lazy: true,
  idOf: (s) => s.id,
};

/** Still on its way: tasks starting or stopping, or a rolling update under way. */
export function converging(s: ServiceSummary): boolean {
  return s.running !== s.desired || s.updateState === 'updating' || s.updateState === 'rollback_started';
}
