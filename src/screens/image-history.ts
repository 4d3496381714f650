// docker history for the selected image: its layers in an overlay; Enter shows one
// layer's full created-by text.
import type { ImageSummary } from '../docker/images.js';
import { imageHistory } from '../docker/images.js';
import { shortId } from '../render/format.js';
import { historyDetail, historyTable } from '../render/history.js';
import type { ImageRowRef } from '../render/images.js';
import { OverlayList } from '../widgets/overlay-list.js';
import type { ScreenContext } from './context.js';

export async function showHistory(ctx: ScreenContext, row: ImageRowRef, image: ImageSummary | undefined): Promise<void> {
  const what = row.ref ?? image?.repoTags[0] ?? shortId(row.imageId);
  const r = await ctx.tasks.run(`reading the history of ${what}`, () => imageHistory(ctx.docker(), row.imageId));
  if (!r.ok || !r.value) return;
  const layers = r.value;
  const now = Date.now();
  const list = new OverlayList(ctx.host, {
    title: `history of ${what} (${layers.length} layer${layers.length === 1 ? '' : 's'})`,
    help: 'j/k: layer · enter: full text of the layer · esc: close',
    emptyText: 'The engine lists no layers for this image.',
    onEnter: (id) => {
      const layer = layers[Number(id)];
      if (!layer) return;
      const width = Math.max(20, (ctx.host.screen.width as number) - 8);
      new OverlayList(ctx.host, { title: `layer ${Number(id) + 1} of ${layers.length} of ${what}`, help: 'j/k/pgup/pgdn: scroll · esc: back' })
        .open()
        .setDetail(historyDetail(layer, Date.now(), width));
    },
  });
  list.open().setTable(historyTable(layers, now));
}
