// x in the images pane: remove the dangling images, or every unused one (the user chooses),
// after listing each with the space it alone holds; then exactly those go, one by one.
import type { UnusedImage } from '../../docker/prune.js';
import { ago, formatSize } from '../../render/format.js';
import type { ScreenContext } from '../context.js';
import { chooseNarrowOrAll, confirmPrune, namedResult, removedSentence } from '../prune-preview.js';

/** What removing an image frees for sure: the bytes no other image shares (its size when unknown). */
const frees = (i: UnusedImage) => i.unique ?? i.size;
const sum = (xs: readonly UnusedImage[]) => xs.reduce((n, i) => n + frees(i), 0);

export async function pruneDialog(ctx: ScreenContext): Promise<void> {
  const preview = await ctx.tasks.run('looking for unused images', () => ctx.engine.unusedImages());
  if (!preview.ok || !preview.value) return;
  const { unused, kept } = preview.value;
  // With tagged unused images there is a choice to make; with only dangling ones, none.
  const picked = await chooseNarrowOrAll(ctx, 'image', { label: 'dangling (untagged) only', items: unused.filter((i) => i.dangling) }, { label: 'every unused image, tagged ones too', items: unused }, sum);
  if (!picked) return;
  const chosen = picked.items;
  const now = Date.now();
  const items = chosen.map((i) => ({ name: i.name, detail: `${formatSize(frees(i))}${i.unique !== undefined && i.unique < i.size ? ` of ${formatSize(i.size)} (the rest is shared)` : ''}  ${ago(i.created * 1000, now)}` }));
  const notes = [
    'Sizes are what each image alone holds: layers shared with images that stay are not freed.',
    ...(chosen.some((i) => !i.dangling) ? ['Tagged images go too: using one again means pulling or building it again.'] : []),
  ];
  const what = picked.all ? 'unused image' : 'dangling image';
  if (!(await confirmPrune(ctx, { noun: 'image', what, items, kept: kept.map((i) => i.name), total: formatSize(sum(chosen)), notes }))) return;
  const nameOf = (id: string) => chosen.find((i) => i.id === id)?.name ?? id;
  await ctx.tasks.run(
    `removing ${chosen.length} images`,
    () => ctx.engine.removeUnusedImages(chosen),
    (r) => removedSentence('image', namedResult(r, nameOf), formatSize(sum(chosen.filter((i) => r.removed.includes(i.id))))),
  );
  ctx.refresh('images');
}
