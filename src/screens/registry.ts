// The registry: every pane berth has, in focus order. Adding a kind of resource is its own
// folder under src/screens plus one line here; the action table, the refresher's kinds and
// the help all follow from this list.
import type { Action } from '../keys/action.js';
import { GLOBAL_ACTIONS, VIEW_ACTIONS, WIDGET_ACTIONS } from '../keys/core-actions.js';
import type { Cell } from '../render/cells.js';
import { statusCells } from '../render/status.js';
import type { ResourceSpec } from '../state/resources.js';
import { itemsOf } from '../state/resources.js';
import type { Snapshot } from '../state/store.js';
import { containersPane } from './containers/pane.js';
import { CONTAINERS } from './containers/resource.js';
import { DETAIL_ACTIONS } from './container/keys.js';
import { diskUsageView } from './disk-usage/view.js';
import { eventsView } from './events/view.js';
import { imagesPane } from './images/pane.js';
import { IMAGES } from './images/resource.js';
import { logsPane } from './logs/pane.js';
import { networksPane } from './networks/pane.js';
import { nodesPane } from './nodes/pane.js';
import { projectsView } from './projects/view.js';
import { servicesPane } from './services/pane.js';
import { TASK_ACTIONS } from './services/keys.js';
import { PALETTE_ACTIONS } from './shell/palette-keys.js';
import { volumesPane } from './volumes/pane.js';

export const PANES = [containersPane, imagesPane, logsPane, volumesPane, networksPane, servicesPane, nodesPane] as const;

/** Views a global key opens on top of the panes. */
export const VIEWS = [eventsView, projectsView, diskUsageView] as const;

/** The action rows of views a pane pushes on top of the panes (each in its own scope). */
export const VIEW_TABLES = [DETAIL_ACTIONS, TASK_ACTIONS] as const;

/** The whole action table: the dispatcher, the footer, the help and the README read it. */
export const ACTIONS: readonly Action[] = [
  ...GLOBAL_ACTIONS,
  ...PANES.flatMap((p): readonly Action[] => p.actions),
  ...VIEWS.flatMap((v): readonly Action[] => v.actions),
  ...VIEW_ACTIONS,
  ...VIEW_TABLES.flat(),
  ...WIDGET_ACTIONS,
  ...PALETTE_ACTIONS,
];

/** Every action id berth has: handlers keyed by it are checked by the compiler. */
export type ActionId =
  | (typeof GLOBAL_ACTIONS)[number]['id']
  | (typeof VIEW_ACTIONS)[number]['id']
  | (typeof WIDGET_ACTIONS)[number]['id']
  | (typeof PALETTE_ACTIONS)[number]['id']
  | (typeof PANES)[number]['actions'][number]['id']
  | (typeof VIEWS)[number]['actions'][number]['id']
  | (typeof VIEW_TABLES)[number][number]['id'];

/** The help's section titles of the panes' and views' scopes. */
export const HELP_TITLES: Readonly<Record<string, string>> = Object.fromEntries([
  ...PANES.map((p) => [p.scope, `${p.title[0]!.toUpperCase()}${p.title.slice(1)} pane`]),
  ...VIEWS.flatMap((v) => (v.scope ? [[v.scope, v.title]] : [])),
  ['detail', 'Container detail'],
  ['tasks', 'Service tasks'],
]);

/** The lists the refresher keeps current. */
export const RESOURCES: readonly ResourceSpec<unknown>[] = PANES.flatMap((p) => (p.resource ? [p.resource] : []));

/** The status bar: connection, endpoint, counts. */
export function shellStatus(snap: Snapshot): Cell[] {
  const containers = itemsOf(snap, CONTAINERS);
  return statusCells({
    endpointUrl: snap.endpoint?.url ?? '',
    endpointSource: snap.endpoint?.source ?? '',
    ...(snap.engineVersion ? { engineVersion: snap.engineVersion } : {}),
    connection: snap.connection.status,
    running: containers.filter((c) => c.state === 'running').length,
    total: containers.length,
    images: itemsOf(snap, IMAGES).length,
  });
}

