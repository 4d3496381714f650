// x: remove the dangling images (untagged and unused), after saying how many and how
// much space they hold.

import { formatSize } from '../../render/format.js';
import { confirm } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';

export async function pruneDialog(ctx: ScreenContext): Promise<void> {
  const listed = await ctx.tasks.run('looking for dangling images', () => ctx.engine.listImages());
  if (!listed.ok || !listed.value) return;
  // What the engine's prune takes: no tag and no container (stopped ones count) using it.
  const dangling = listed.value.filter((i) => i.dangling && i.containers === 0);
  if (!dangling.length) return ctx.store.say('There are no dangling images to remove.');
  const total = dangling.reduce((n, i) => n + i.size, 0);
  const n = dangling.length;
  const ok = await confirm(
    ctx.host,
    'prune images',
    [`Remove ${n} dangling image${n === 1 ? '' : 's'} (untagged, used by no container), ${formatSize(total)} in all?`],
    [{ key: 'y', label: 'remove them', value: 'yes' as const }],
  );
  if (!ok) return ctx.store.say('nothing removed');
  await ctx.tasks.run(
    'pruning images',
    () => ctx.engine.pruneImages(),
    (r) => {
      const ids = new Set(r.deleted);
      const removed = dangling.filter((i) => ids.has(i.id)).length || r.deleted.length;
      return `removed ${removed} image${removed === 1 ? '' : 's'}, reclaimed ${formatSize(r.spaceReclaimed)}`;
    },
  );
  ctx.refresh('images');
}
