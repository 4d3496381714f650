// What each action of the main screen does.
import type { ContainerSummary } from '../docker/containers.js';
import type { ImageSummary } from '../docker/images.js';
import { ACTIONS } from '../keys/actions.js';
import { COMPOSE_PROJECT, CONTAINER_SORT_KEYS, type ContainerSortKey } from '../render/containers.js';
import type { ImageRowRef } from '../render/images.js';
import { PANE_ORDER, type PaneId } from '../render/panes.js';
import type { DataTable } from '../widgets/data-table.js';
import type { HelpOverlay } from '../widgets/help-overlay.js';
import * as containerActions from './container-actions.js';
import type { ScreenContext } from './context.js';
import type { CopyMemory } from './copy-flow.js';
import { hostDialog } from './host-switch.js';
import { removeSelectedImage } from './image-actions.js';
import type { ImageOps } from './image-ops.js';
import type { LogsPane } from './logs-pane.js';

export interface MainState {
  focus: PaneId;
  showAll: boolean;
  /** Live CPU and memory columns, from stats streams of the visible containers. */
  showStats: boolean;
  showDangling: boolean;
  containerFilter: string;
  imageFilter: string;
  sort: { key: ContainerSortKey; descending: boolean };
  /** Which list's filter is being typed, if any. */
  filtering: 'containers' | 'images' | undefined;
}

export interface MainParts {
  readonly state: MainState;
  readonly containers: DataTable;
  readonly images: DataTable;
  readonly logs: LogsPane;
  readonly help: HelpOverlay;
  readonly imageOps: ImageOps;
  readonly quit: () => void;
  selectedContainer(): ContainerSummary | undefined;
  selectedImageRow(): ImageRowRef | undefined;
  startFilter(which: 'containers' | 'images'): void;
}

export function mainHandlers(ctx: ScreenContext, p: MainParts): Record<string, () => void> {
  const { state } = p;
  let copyMemory: CopyMemory | undefined;
  const withContainer = (fn: (c: ContainerSummary) => void) => () => {
    const c = p.selectedContainer();
    if (c) fn(c);
  };
  const withImage = (fn: (row: ImageRowRef, image: ImageSummary | undefined) => void) => () => {
    const row = p.selectedImageRow();
    if (row) fn(row, ctx.store.snapshot.images.find((i) => i.id === row.imageId));
  };
  const cycleFocus = (delta: number) => {
    const i = PANE_ORDER.indexOf(state.focus);
    state.focus = PANE_ORDER[(i + delta + PANE_ORDER.length) % PANE_ORDER.length]!;
  };
  const cursor = (t: DataTable, prefix: string): Record<string, () => void> => ({
    [`${prefix}.down`]: () => t.move(1),
    [`${prefix}.up`]: () => t.move(-1),
    [`${prefix}.top`]: () => t.moveTo(0),
    [`${prefix}.bottom`]: () => t.moveTo(t.rowCount - 1),
    [`${prefix}.pageDown`]: () => t.move(t.pageSize()),
    [`${prefix}.pageUp`]: () => t.move(-t.pageSize()),
  });
  return {
    quit: p.quit,
    help: () => p.help.show(),
    'help.close': () => p.help.hide(),
    'help.down': () => p.help.scroll(1),
    'help.up': () => p.help.scroll(-1),
    'focus.next': () => cycleFocus(1),
    'focus.prev': () => cycleFocus(-1),
    'focus.containers': () => (state.focus = 'containers'),
    'focus.images': () => (state.focus = 'images'),
    'focus.logs': () => (state.focus = 'logs'),
    ...cursor(p.containers, 'cursor'),
    ...cursor(p.images, 'images'),
    'containers.toggleAll': () => {
      state.showAll = !state.showAll;
    },
    'containers.filter': () => p.startFilter('containers'),
    'containers.toggleStats': () => {
      state.showStats = !state.showStats;
      ctx.store.say(state.showStats ? 'live CPU and memory on' : 'live CPU and memory off: no stats streams are open');
    },
    'containers.sort': () => {
      const i = CONTAINER_SORT_KEYS.indexOf(state.sort.key);
      state.sort = { key: CONTAINER_SORT_KEYS[(i + 1) % CONTAINER_SORT_KEYS.length]!, descending: false };
      ctx.store.say(`sorted by ${state.sort.key}`);
    },
    'containers.sortReverse': () => {
      state.sort = { ...state.sort, descending: !state.sort.descending };
      ctx.store.say(`sorted by ${state.sort.key}, ${state.sort.descending ? 'reversed' : 'normal order'}`);
    },
    'containers.stop': withContainer((c) => containerActions.stop(ctx, c)),
    'containers.start': withContainer((c) => containerActions.start(ctx, c)),
    'containers.restart': withContainer((c) => containerActions.restart(ctx, c)),
    'containers.pause': withContainer((c) => containerActions.togglePause(ctx, c)),
    'containers.remove': withContainer((c) => void containerActions.remove(ctx, c)),
    // The copy code (tar streaming, safe extraction) loads on first use.
    'containers.copy': withContainer((c) => {
      import('./copy-flow.js').then(
        (m) => m.copyDialog(ctx, c, (copyMemory ??= m.newCopyMemory())),
        (err: unknown) => ctx.store.say(`Could not load the copy tool: ${err instanceof Error ? err.message : String(err)}`, 'error'),
      );
    }),
    'containers.projectLogs': withContainer((c) => {
      const project = c.labels[COMPOSE_PROJECT];
      if (!project) return;
      const members = ctx.store.snapshot.containers.filter((x) => x.labels[COMPOSE_PROJECT] === project && x.state === 'running');
      p.logs.followProject(c, project, members.length ? members : [c]);
      state.focus = 'logs';
    }),
    'containers.copyId': withContainer((c) => ctx.store.say(`${c.name}: ${c.id}`)),
    'images.filter': () => p.startFilter('images'),
    'images.toggleDangling': () => {
      state.showDangling = !state.showDangling;
    },
    'images.remove': withImage((row, image) => void removeSelectedImage(ctx, row, image)),
    'images.history': withImage((row, image) => p.imageOps.history(row, image)),
    'images.push': withImage((row, image) => p.imageOps.push(row, image)),
    'images.tag': withImage((row, image) => p.imageOps.tag(row, image)),
    'images.run': withImage((row, image) => p.imageOps.run(row, image)),
    'images.build': () => p.imageOps.build(),
    'images.pull': () => p.imageOps.pull(),
    'images.prune': () => p.imageOps.prune(),
    'jobs.show': () => p.imageOps.showJobs(),
    'host.switch': () => void hostDialog(ctx),
    ...Object.fromEntries(ACTIONS.filter((a) => a.scope === 'logs').map((a) => [a.id, () => p.logs.act(a.id)])),
  };
}
