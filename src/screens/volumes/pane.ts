// The volumes pane: every volume with its size, who uses it, and create, remove, prune
// (with a preview) and inspect.
import type { VolumeSummary, VolumeUsage } from '../../docker/volumes.js';
import { cell } from '../../render/cells.js';
import { itemsOf, listOf, type ResourceSpec } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';
import { markedItems, runBulk } from '../bulk.js';
import { clickRowOf, cursorHandlers, markHandlers } from '../cursor.js';
import { openInspectView } from '../inspect-view.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { listFilter } from '../list-filter.js';
import { createVolumeFlow, pruneVolumesFlow, removeVolumeFlow, volumeInspectSource } from './actions.js';
import { VOLUME_ACTIONS } from './keys.js';
import { VOLUMES } from './resource.js';
import { volumeTable } from './table.js';

function createVolumesPane(ctx: ScreenContext, shell: Shell): Pane {
  const table = new DataTable({ parent: ctx.host.screen, label: 'volumes', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  const filter = listFilter(shell, 'volumes');
  let asked = false;
  let pending: string | undefined;
  // Disk usage walks every volume: read it when the pane is first shown, and when asked.
  let sizes: ReadonlyMap<string, VolumeUsage> | undefined;
  let sizing: Promise<void> | undefined;
  const readSizes = () =>
    (sizing ??= ctx.engine
      .volumeSizes()
      .then(
        (s) => {
          sizes = s;
        },
        (err: unknown) => ctx.store.say(`Could not read the volumes' sizes: ${err instanceof Error ? err.message : String(err)}`, 'error'),
      )
      .finally(() => {
        sizing = undefined;
        shell.requestFrame();
      }));

  const selected = (): VolumeSummary | undefined => itemsOf(ctx.store.snapshot, VOLUMES).find((v) => v.name === table.selected);
  const withVolume = (fn: (v: VolumeSummary) => unknown) => () => {
    const v = selected();
    if (v) fn(v);
  };

  const handlers: Handlers<typeof VOLUME_ACTIONS, 'volumes'> = {
    ...cursorHandlers(table, 'volumes'),
    'volumes.filter': filter.start,
    'volumes.inspect': withVolume((v) => shell.push(openInspectView(ctx, shell, volumeInspectSource(ctx, v)))),
    'volumes.sizes': () => {
      ctx.store.say('reading volume sizes…');
      void readSizes().then(() => sizes && ctx.store.say(`read the sizes of ${sizes.size} volumes`));
    },
    'volumes.create': async () => {
      const name = await createVolumeFlow(ctx);
      if (name) pending = name;
    },
    ...markHandlers(table, 'volumes', (text, level) => ctx.store.say(text, level)),
    'volumes.remove': () => {
      const items = markedItems(table, (id) => {
        const v = itemsOf(ctx.store.snapshot, VOLUMES).find((x) => x.name === id);
        return v ? { id: v.name, name: v.name } : undefined;
      });
      if (!items.length) return (withVolume((v) => removeVolumeFlow(ctx, v)))();
      return runBulk(ctx, { verb: 'remove', past: 'removed', noun: 'volume', items, run: (i) => ctx.engine.removeVolume(i.id), refresh: ['volumes'] }).then((done) => {
        for (const id of done) table.toggleMark(id);
      });
    },
    'volumes.prune': async () => {
      await pruneVolumesFlow(ctx);
      void readSizes();
    },
  };

  return {
    box: table.box,
    handlers,
    clickRow: clickRowOf(table),
    actionContext: () => ({ hasSelection: !!selected(), marked: table.marked.length }),
    selectedFields: () => {
      const v = selected();
      return v && { ID: v.name, Name: v.name };
    },
    footer: () => (table.marked.length ? [cell(`${table.marked.length} marked`, 'warn')] : []),
    setFocused: (f) => table.setFocused(f),
    draw(snap, now) {
      if (!sizes && !table.box.hidden) void readSizes();
      const list = listOf(snap, VOLUMES);
      if (list.loaded) table.keepMarksIn(list.items, (v) => v.name);
      // Listed only once shown: a session that never looks costs the engine nothing.
      if (!list.loaded && !table.box.hidden && !asked) {
        asked = true;
        ctx.refresh(VOLUMES.kind);
      }
      table.setModel(volumeTable(list.items, itemsOf(snap, CONTAINERS), { now, ...(filter.value ? { filter: filter.value } : {}), ...(sizes ? { sizes } : {}) }));
      if (pending && table.select(pending)) pending = undefined;
      table.setLabel(`volumes${filter.note}`);
      table.setEmptyText(!list.loaded ? 'Loading…' : filter.empty(`No volumes (${shell.keyOf('volumes.create')}: create one).`));
      table.draw();
    },
    reset() {
      asked = false;
      sizes = undefined;
    },
    reveal(name) {
      pending = name;
    },
    close() {},
  };
}

export const volumesPane: PaneDef<typeof VOLUME_ACTIONS> = {
  id: 'volumes',
  title: 'volumes',
  scope: 'volumes',
  slot: 'side',
  actions: VOLUME_ACTIONS,
  resource: VOLUMES as ResourceSpec<unknown>,
  create: createVolumesPane,
};
