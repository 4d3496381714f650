// The preview every prune shows before anything is removed: exactly what goes (with sizes
// where known), what a berth.keep=true label keeps, then one question. And the report after.
import type { RemoveMany } from '../docker/prune-shared.js';
import { confirm } from '../widgets/dialogs.js';
import type { ScreenContext } from './context.js';

export interface PruneItem {
  readonly name: string;
  /** "12.3MB", "2 containers": shown beside the name. */
  readonly detail?: string;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Resolves true when the user said yes. Nothing to remove: says so and resolves false. */
export async function confirmPrune(ctx: ScreenContext, noun: string, items: readonly PruneItem[], kept: readonly string[], total?: string): Promise<boolean> {
  const keptLine = kept.length ? [`Kept by the label berth.keep=true: ${kept.join(', ')}.`] : [];
  if (!items.length) {
    ctx.store.say(`No unused ${noun}s to remove.${kept.length ? ` ${keptLine[0]}` : ''}`);
    return false;
  }
  // The dialog must fit the screen: list as many as fit, then say how many more.
  const room = Math.max(3, (ctx.host.screen.height as number) - 10 - keptLine.length);
  const shown = items.length > room ? items.slice(0, room - 1) : items;
  const lines = [
    `Remove ${plural(items.length, `unused ${noun}`)}${total ? ` (${total} in all)` : ''}? This cannot be undone.`,
    ...shown.map((i) => `  ${i.name}${i.detail ? `  ${i.detail}` : ''}`),
    ...(shown.length < items.length ? [`  … and ${items.length - shown.length} more`] : []),
    ...keptLine,
  ];
  const yes = await confirm(ctx.host, `prune ${noun}s`, lines, [{ key: 'y', label: `remove ${plural(items.length, noun)}`, value: 'yes' as const }]);
  if (yes !== 'yes') ctx.store.say(`nothing removed`);
  return yes === 'yes';
}

/** "removed 3 volumes, reclaimed 12MB; db-data: in use by db" */
export function removedSentence(noun: string, r: RemoveMany, reclaimed?: string): string {
  const done = `removed ${plural(r.removed.length, noun)}${reclaimed && r.removed.length ? `, reclaimed ${reclaimed}` : ''}`;
  return r.failed.length ? `${done}; ${r.failed.map((f) => `${f.name}: ${f.reason}`).join('; ')}` : done;
}
