// The services pane: a swarm manager's services (mode, replicas running/desired, image, ports,
// the last update's state), with scale, image update, roll back, remove, tasks and logs. On
// an engine that is no manager it says why there is nothing to list.
import type { ServiceSummary } from '../../docker/services.js';
import { itemsOf, type ResourceSpec } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { cursorHandlers } from '../cursor.js';
import { SwarmStatusHolder } from '../swarm-status.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { listFilter } from '../list-filter.js';
import { removeServiceFlow, rollbackFlow, scaleFlow, updateImageFlow } from './actions.js';
import { SERVICE_ACTIONS } from './keys.js';
import { openServiceLogs } from './logs-view.js';
import { converging, SERVICES } from './resource.js';
import { serviceTable } from './table.js';
import { openTasksView } from './tasks-view.js';

/** How often the list is read while a shown service converges: other nodes' tasks send this manager no event. */
const POLL_MS = 5000;

function createServicesPane(ctx: ScreenContext, shell: Shell): Pane {
  const table = new DataTable({ parent: ctx.host.screen, label: 'services', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  const swarm = new SwarmStatusHolder(ctx, () => shell.requestFrame());
  const filter = listFilter(shell, 'services');
  let covered = false;
  let poll: ReturnType<typeof setTimeout> | undefined;

  const selected = (): ServiceSummary | undefined => itemsOf(ctx.store.snapshot, SERVICES).find((s) => s.id === table.selected);
  const withService = (fn: (s: ServiceSummary) => void | Promise<unknown>) => (): void | Promise<unknown> => {
    const s = selected();
    return s ? fn(s) : undefined;
  };
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
    'services.filter': filter.start,
    'services.tasks': withService((s) => shell.push(openTasksView(ctx, shell, s))),
    'services.logs': withService((s) => shell.push(openServiceLogs(ctx, shell, s))),
    'services.scale': withService((s) => scaleFlow(ctx, s)),
    'services.image': withService((s) => updateImageFlow(ctx, s)),
    'services.rollback': withService((s) => rollbackFlow(ctx, s)),
    'services.remove': withService((s) => removeServiceFlow(ctx, s)),
  };

  return {
    box: table.box,
    handlers,
    actionContext: () => ({ hasSelection: !!selected() }),
    setFocused: (f) => swarm.setFocused(table, f),
    draw() {
      const none = 'No services (docker service create makes one).';
      const items = swarm.drawTable(table, SERVICES, { label: 'services', filter, none, rows: (list, f) => serviceTable(list, f ? { filter: f } : {}) });
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
      swarm.reset();
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
