// The images pane: tagged images (and dangling ones on request), with the operations of
// docker image: rmi, history, build, pull, push, tag, run, prune.
import type { ImageSummary } from '../../docker/images.js';
import { imageRowId, imageTable, parseImageRowId, type ImageRowRef } from '../../render/images.js';
import { shortId } from '../../docker/reference.js';
import { cell } from '../../render/cells.js';
import { itemsOf, listOf, type ResourceSpec } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { markedItems, runBulk } from '../bulk.js';
import { clickRowOf, cursorHandlers, markHandlers } from '../cursor.js';
import type { Handlers, Pane, PaneDef, Shell } from '../view.js';
import { listFilter } from '../list-filter.js';
import { removeSelectedImage } from './actions.js';
import { IMAGE_ACTIONS } from './keys.js';
import { imageOps } from './ops.js';
import { IMAGES } from './resource.js';

function createImagesPane(ctx: ScreenContext, shell: Shell): Pane {
  const table = new DataTable({ parent: ctx.host.screen, label: 'images', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  let showDangling = false;
  const filter = listFilter(shell, 'images');
  let pending: string | undefined;
  const ops = imageOps(ctx, {
    selectContainer: (id) => shell.reveal('containers', id),
    selectImage: (imageId, ref) => {
      pending = imageRowId(imageId, ref);
      shell.requestFrame();
    },
    showJobs: (id) => shell.showJobs(id),
  });

  const withImage = (fn: (row: ImageRowRef, image: ImageSummary | undefined) => unknown) => () => {
    const row = table.selected ? parseImageRowId(table.selected) : undefined;
    if (row) fn(row, itemsOf(ctx.store.snapshot, IMAGES).find((i) => i.id === row.imageId));
  };

  const handlers: Handlers<typeof IMAGE_ACTIONS, 'images'> = {
    ...cursorHandlers(table, 'images'),
    'images.filter': filter.start,
    'images.toggleDangling': () => {
      showDangling = !showDangling;
    },
    ...markHandlers(table, 'images', (text, level) => ctx.store.say(text, level)),
    'images.remove': () => {
      const items = markedItems(table, (id) => {
        const row = parseImageRowId(id);
        return { id, name: row.ref ?? shortId(row.imageId), ref: row.ref ?? row.imageId };
      });
      if (!items.length) return withImage((row, image) => removeSelectedImage(ctx, row, image))();
      return runBulk(ctx, { verb: 'remove', past: 'removed', noun: 'image', items, run: (i) => ctx.engine.removeImage(i.ref), refresh: ['images'] }).then((done) => {
        for (const id of done) table.toggleMark(id);
      });
    },
    'images.history': withImage((row, image) => ops.history(row, image)),
    'images.push': withImage((row, image) => ops.push(row, image)),
    'images.tag': withImage((row, image) => ops.tag(row, image)),
    'images.run': withImage((row, image) => ops.run(row, image)),
    'images.build': () => ops.build(),
    'images.pull': () => ops.pull(),
    'images.prune': () => ops.prune(),
    'images.pruneCache': () => ops.pruneCache(),
  };

  return {
    box: table.box,
    handlers,
    clickRow: clickRowOf(table),
    actionContext: () => ({ hasSelection: !!table.selected, marked: table.marked.length }),
    selectedFields: () => {
      const row = table.selected ? parseImageRowId(table.selected) : undefined;
      return row && { ID: row.imageId, Name: row.ref ?? row.imageId };
    },
    footer: () => (table.marked.length ? [cell(`${table.marked.length} marked`, 'warn')] : []),
    setFocused: (f) => table.setFocused(f),
    draw(snap, now) {
      const list = listOf(snap, IMAGES);
      if (list.loaded) table.keepMarksIn(list.items, (i) => i.id, (id) => parseImageRowId(id).imageId);
      table.setModel(imageTable(list.items, { dangling: showDangling, filter: filter.value, now }));
      if (pending && table.select(pending)) pending = undefined;
      table.setLabel(`images${showDangling ? ' (with dangling)' : ''}${filter.note}`);
      table.setEmptyText(!list.loaded ? 'Loading…' : filter.empty('No images.'));
      table.draw();
    },
    reveal(id) {
      pending = id;
    },
    close() {},
  };
}

export const imagesPane: PaneDef<typeof IMAGE_ACTIONS> = {
  id: 'images',
  title: 'images',
  scope: 'images',
  slot: 'side',
  actions: IMAGE_ACTIONS,
  resource: IMAGES as ResourceSpec<unknown>,
  create: createImagesPane,
};
