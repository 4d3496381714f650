// The services pane: a swarm manager's services (mode, replicas running/desired, image, ports,
// the last update's state), with scale, image update, roll back, remove, tasks and logs. On
// an engine that is no manager it says why there is nothing to list.
import type { ServiceSummary } from '../../docker/services.js';
import type { ResourceSpec } from '../../state/resources.js';
import type { ScreenContext } from '../context.js';
import { cursorHandlers } from '../cursor.js';
import { SwarmList } from '../swarm-list.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { removeServiceFlow, rollbackFlow, scaleFlow, updateImageFlow } from './actions.js';
import { SERVICE_ACTIONS } from './keys.js';
import { openServiceLogs } from './logs-view.js';
import { converging, SERVICES } from './resource.js';
import { serviceTable } from './table.js';
import { openTasksView } from './tasks-view.js';

/** How often the list is read while a shown service converges: other nodes' tasks send this manager no event. */
const POLL_MS = 5000;

function createServicesPane(ctx: ScreenContext, shell: Shell): Pane {
  const list = new SwarmList<ServiceSummary>(ctx, shell, { label: 'services', spec: SERVICES, none: 'No services (docker service create makes one).', model: serviceTable });
  const { table } = list;
  let covered = false;
  let poll: ReturnType<typeof setTimeout> | undefined;

  const pollWhileConverging = (services: readonly ServiceSummary[]) => {
    const wanted = !covered && !table.box.hidden && services.some(converging);
    if (wanted && !poll) {
      poll = setTimeout(() => {
        poll = undefined;
        ctx.refresh(SERVICES.kind);
      }, POLL_MS);
    } else if (!wanted && poll) {
      clearTimeout(poll);
      poll = undefined;
    }
  };

  const handlers: Handlers<typeof SERVICE_ACTIONS, 'services'> = {
    ...cursorHandlers(table, 'services'),
    'services.filter': () => list.startFilter(),
    'services.tasks': list.withSelected((s) => shell.push(openTasksView(ctx, shell, s))),
    'services.logs': list.withSelected((s) => shell.push(openServiceLogs(ctx, shell, s))),
    'services.scale': list.withSelected((s) => scaleFlow(ctx, s)),
    'services.image': list.withSelected((s) => updateImageFlow(ctx, s)),
    'services.rollback': list.withSelected((s) => rollbackFlow(ctx, s)),
    'services.remove': list.withSelected((s) => removeServiceFlow(ctx, s)),
  };

  return {
    ...list.paneParts(),
    handlers,
    draw() {
      const items = list.draw();
      if (items) pollWhileConverging(items);
    },
    pause() {
      covered = true;
      pollWhileConverging([]);
    },
    resume() {
      covered = false;
    },
    reset() {
      list.reset();
      pollWhileConverging([]);
    },
    close() {
      pollWhileConverging([]);
    },
  };
}

export const servicesPane: PaneDef<typeof SERVICE_ACTIONS> = {
  id: 'services',
  title: 'services',
  scope: 'services',
  slot: 'side',
  actions: SERVICE_ACTIONS,
  resource: SERVICES as ResourceSpec<unknown>,
  create: createServicesPane,
};
