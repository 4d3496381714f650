// X in the images pane: prune the build cache. Its records cannot be removed one by one
// through the API, so the preview lists what the engine's build prune would take now and
// says so; the report compares what it did remove with that list.
import { prunableRecords, type BuildCacheRow } from '../../docker/build-cache.js';
import { ago, formatSize } from '../../render/format.js';
import type { ScreenContext } from '../context.js';
import { chooseNarrowOrAll, confirmPrune, plural } from '../prune-preview.js';

const sum = (xs: readonly BuildCacheRow[]) => xs.reduce((n, r) => n + r.size, 0);

export async function pruneCacheDialog(ctx: ScreenContext): Promise<void> {
  const read = await ctx.tasks.run('reading the build cache', () => ctx.engine.buildCacheRecords());
  if (!read.ok || !read.value) return;
  const records = read.value;
  const every = prunableRecords(records, true);
  const picked = await chooseNarrowOrAll(
    ctx,
    'build cache record',
    { label: 'unused and not shared (docker builder prune)', items: prunableRecords(records, false) },
    { label: 'every unused record (docker builder prune -a)', items: every },
    sum,
  );
  if (!picked) return;
  const { all, items: chosen } = picked;
  const inUse = records.length - every.length;
  const now = Date.now();
  const items = chosen.map((r) => ({
    name: `${r.id.slice(0, 12)} ${r.type}`,
    detail: `${formatSize(r.size)}${r.lastUsed ? `  used ${ago(Date.parse(r.lastUsed), now)}` : ''}  ${r.description}`,
  }));
  const notes = [
    `The engine's build prune${all ? ' (all)' : ''} removes what is unused when it runs:`,
    `this list, unless a build starts or ends meanwhile.${inUse ? ` ${plural(inUse, 'record')} in use ${inUse === 1 ? 'stays' : 'stay'}.` : ''}`,
    'Build cache records carry no labels: berth.keep=true cannot keep one.',
  ];
  if (!(await confirmPrune(ctx, { noun: 'build cache record', what: 'unused build cache record', items, kept: [], total: formatSize(sum(chosen)), notes }))) return;
  await ctx.tasks.run(
    'pruning the build cache',
    () => ctx.engine.pruneBuildCache({ all }),
    (r) => {
      const listed = new Set(chosen.map((c) => c.id));
      const extra = r.deleted.filter((id) => !listed.has(id)).length;
      const left = chosen.filter((c) => !r.deleted.includes(c.id)).length;
      const changes = [
        ...(extra ? [`${plural(extra, 'record')} not listed went too (unused by then)`] : []),
        ...(left ? [`${plural(left, 'listed record')} stayed (in use again)`] : []),
      ];
      return `removed ${plural(r.deleted.length, 'build cache record')}, reclaimed ${formatSize(r.spaceReclaimed)}${changes.length ? `; ${changes.join('; ')}` : ''}`;
    },
  );
}
