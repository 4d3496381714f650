// docker history for the selected image: its layers in an overlay; Enter shows one
// layer's full created-by text.
import type { ImageSummary } from '../../docker/images.js';

import { shortId } from '../../docker/reference.js';
import { historyDetail, historyTable } from '../../render/history.js';
import type { ImageRowRef } from '../../render/images.js';
import { OverlayList } from '../../widgets/overlay-list.js';
import type { ScreenContext } from '../context.js';
import { hintLine } from '../hints.js';

export async function showHistory(ctx: ScreenContext, row: ImageRowRef, image: ImageSummary | undefined): Promise<void> {
  const what = row.ref ?? image?.repoTags[0] ?? shortId(row.imageId);
  const r = await ctx.tasks.run(`reading the history of ${what}`, () => ctx.engine.imageHistory(row.imageId));
  if (!r.ok || !r.value) return;
  const layers = r.value;
  const now = Date.now();
  const list = new OverlayList(ctx.host, {
    title: `history of ${what} (${layers.length} layer${layers.length === 1 ? '' : 's'})`,
    help: hintLine(ctx.actions, [['overlay.down', 'next layer'], ['overlay.details', 'full text of the layer'], ['overlay.close', 'close']]),
    emptyText: 'The engine lists no layers for this image.',
    onEnter: (id) => {
      const layer = layers[Number(id)];
      if (!layer) return;
      const width = Math.max(20, (ctx.host.screen.width as number) - 8);
      new OverlayList(ctx.host, { title: `layer ${Number(id) + 1} of ${layers.length} of ${what}`, help: hintLine(ctx.actions, [['overlay.down', 'scroll'], ['overlay.pageDown', 'page'], ['overlay.close', 'back']]) })
        .open()
        .setDetail(historyDetail(layer, Date.now(), width));
    },
  });
  list.open().setTable(historyTable(layers, now));
}
