// The containers pane: docker ps (running, or all), sorted and filtered, with live CPU and
// memory for the rows on screen. Its selection tells the logs pane what to follow.
import type { ContainerSummary } from '../../docker/containers.js';
import { COMPOSE_PROJECT, CONTAINER_SORT_KEYS, type ContainerSortKey } from '../../render/containers.js';
import { cell } from '../../render/cells.js';
import { itemsOf, listOf, type ResourceSpec } from '../../state/resources.js';
import type { Snapshot } from '../../state/store.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { markedItems, runBulk } from '../bulk.js';
import { clickRowOf, cursorHandlers, markHandlers } from '../cursor.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import * as act from './actions.js';
import { openContainerDetail } from '../container/detail-view.js';
import { killDialog, renameDialog } from '../container/kill-rename.js';
import { listFilter } from '../list-filter.js';
import type { CopyMemory } from './copy-flow.js';
import { CONTAINER_ACTIONS } from './keys.js';
import { CONTAINERS } from './resource.js';
import { ContainerRows } from './table-cache.js';

function createContainersPane(ctx: ScreenContext, shell: Shell): Pane {
  const table = new DataTable({ parent: ctx.host.screen, label: 'containers', theme: ctx.host.theme, top: 1, height: 10, emptyText: 'Loading…' });
  let showAll = false;
  let showStats = ctx.settings.stats;
  const filter = listFilter(shell, 'containers');
  let sort: { key: ContainerSortKey; descending: boolean } = { key: ctx.settings.sort.by, descending: ctx.settings.sort.descending };
  // A container run a moment ago appears only with the next refresh: select it once its row exists.
  let pending: string | undefined;
  let paused = false;
  let copyMemory: CopyMemory | undefined;
  const rows = new ContainerRows();

  const selected = (): ContainerSummary | undefined => itemsOf(ctx.store.snapshot, CONTAINERS).find((c) => c.id === table.selected);
  table.onSelect = () => shell.emit('containerSelected', selected());
  // The followed container's state changes (stopped, restarted) reach the logs pane too.
  const unsubscribe = ctx.store.subscribe(() => shell.emit('containerSelected', selected()));

  const withContainer = (fn: (c: ContainerSummary) => unknown) => () => {
    const c = selected();
    if (c) fn(c);
  };
  const say = (text: string) => ctx.store.say(text);
  const find = (id: string) => itemsOf(ctx.store.snapshot, CONTAINERS).find((c) => c.id === id);
  /** On marked rows: one question, each on its own, a report; else on the selected row. */
  const onMarkedOr = (verb: string, past: string, run: (c: ContainerSummary) => Promise<unknown>, single: (c: ContainerSummary) => unknown) => () => {
    const items = markedItems(table, find);
    if (!items.length) return withContainer(single)();
    return runBulk(ctx, { verb, past, noun: 'container', items, run, refresh: ['containers'] }).then((done) => {
      // What worked is unmarked; what failed stays marked, to try again.
      for (const id of done) if (table.marked.includes(id)) table.toggleMark(id);
    });
  };

  const handlers: Handlers<typeof CONTAINER_ACTIONS, 'containers'> = {
    ...cursorHandlers(table, 'cursor'),
    'containers.toggleAll': () => {
      showAll = !showAll;
    },
    'containers.filter': filter.start,
    'containers.toggleStats': () => {
      showStats = !showStats;
      say(showStats ? 'live CPU and memory on' : 'live CPU and memory off: nothing is read');
    },
    'containers.sort': () => {
      const i = CONTAINER_SORT_KEYS.indexOf(sort.key);
      sort = { key: CONTAINER_SORT_KEYS[(i + 1) % CONTAINER_SORT_KEYS.length]!, descending: false };
      say(`sorted by ${sort.key}`);
    },
    'containers.sortReverse': () => {
      sort = { ...sort, descending: !sort.descending };
      say(`sorted by ${sort.key}, ${sort.descending ? 'reversed' : 'normal order'}`);
    },
    ...markHandlers(table, 'containers', (text, level) => ctx.store.say(text, level)),
    'containers.stop': onMarkedOr('stop', 'stopped', (c) => ctx.engine.stopContainer(c.id, { timeoutSec: 10 }), (c) => act.stop(ctx, c)),
    'containers.start': onMarkedOr('start', 'started', (c) => ctx.engine.startContainer(c.id), (c) => act.start(ctx, c)),
    'containers.restart': onMarkedOr('restart', 'restarted', (c) => ctx.engine.restartContainer(c.id, { timeoutSec: 10 }), (c) => act.restart(ctx, c)),
    'containers.pause': withContainer((c) => act.togglePause(ctx, c)),
    'containers.remove': onMarkedOr('remove', 'removed', (c) => ctx.engine.removeContainer(c.id), (c) => act.remove(ctx, c)),
    'containers.prune': () => import('./prune.js').then((m) => m.pruneContainersFlow(ctx)),
    // The copy code (tar streaming, safe extraction) loads on first use.
    'containers.copy': withContainer((c) =>
      import('./copy-flow.js').then(
        (m) => m.copyDialog(ctx, c, (copyMemory ??= m.newCopyMemory())),
        (err: unknown) => ctx.store.say(`Could not load the copy tool: ${err instanceof Error ? err.message : String(err)}`, 'error'),
      ),
    ),
    'containers.projectLogs': withContainer((c) => {
      const project = c.labels[COMPOSE_PROJECT];
      if (!project) return;
      const members = itemsOf(ctx.store.snapshot, CONTAINERS).filter((x) => x.labels[COMPOSE_PROJECT] === project && x.state === 'running');
      shell.emit('followProject', { anchor: c, project, members: members.length ? members : [c] });
      shell.focus('logs');
    }),
    'containers.copyId': withContainer((c) => say(`${c.name}: ${c.id}${ctx.copy(c.id) ? ' (copied to the clipboard)' : ''}`)),
    'containers.detail': withContainer((c) => shell.push(openContainerDetail(ctx, shell, c))),
    'containers.kill': withContainer((c) => killDialog(ctx, c)),
    'containers.rename': withContainer((c) => renameDialog(ctx, c)),
    'containers.exec': withContainer((c) => import('./exec-flow.js').then((m) => m.execShell(ctx, c))),
    'containers.attach': withContainer((c) => import('./exec-flow.js').then((m) => m.attach(ctx, c))),
  };

  const reportVisible = (snap: Snapshot) => {
    if (paused || table.box.hidden) return ctx.visible([], { stats: false });
    ctx.visible(
      table.visibleIds().filter((id) => rows.container(id)?.state === 'running'),
      { stats: showStats && snap.connection.status === 'connected' },
    );
  };

  return {
    box: table.box,
    handlers,
    clickRow: clickRowOf(table),
    actionContext() {
      const c = selected();
      const project = c?.labels[COMPOSE_PROJECT];
      return { hasSelection: !!c, marked: table.marked.length, ...(c ? { container: { state: c.state, ...(project ? { project } : {}) } } : {}) };
    },
    selectedFields: () => {
      const c = selected();
      return c && { ID: c.id, Name: c.name, Image: c.image };
    },
    setFocused: (f) => table.setFocused(f),
    draw(snap, now) {
      const list = listOf(snap, CONTAINERS);
      if (list.loaded) table.keepMarksIn(list.items, (c) => c.id);
      table.setModel(rows.table(list.items, { all: showAll, filter: filter.value, sort, now, times: snap.times, usage: snap.usage, stats: showStats }));
      if (pending && table.select(pending)) pending = undefined;
      const sortNote = sort.key !== 'state' || sort.descending ? ` ↕${sort.key}${sort.descending ? '↓' : ''}` : '';
      table.setLabel(`containers (${showAll ? 'all' : 'running'})${filter.note}${sortNote}`);
      table.setEmptyText(
        !list.loaded
          ? 'Loading…'
          : filter.value
            ? `Nothing matches the filter (${shell.keyOf('containers.filter')} then ${shell.keyOf('filter.clear')} clears it).`
            : showAll
              ? 'No containers.'
              : `No running containers (${shell.keyOf('containers.toggleAll')}: show all).`,
      );
      table.draw();
      reportVisible(snap);
    },
    footer: () => (table.marked.length ? [cell(`${table.marked.length} marked`, 'warn')] : []),
    pause() {
      paused = true;
      ctx.visible([], { stats: false });
    },
    resume() {
      paused = false;
    },
    reveal(id) {
      showAll = true;
      pending = id;
    },
    close() {
      unsubscribe();
    },
  };
}

export const containersPane: PaneDef<typeof CONTAINER_ACTIONS> = {
  id: 'containers',
  title: 'containers',
  scope: 'containers',
  slot: 'main',
  actions: CONTAINER_ACTIONS,
  resource: CONTAINERS as ResourceSpec<unknown>,
  create: createContainersPane,
};
