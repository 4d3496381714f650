// The preview every prune shows before anything is removed: exactly what goes (with sizes
// where known), what a berth.keep=true label keeps, then one question. And the report after.
import type { RemoveMany } from '../docker/prune-shared.js';
import { formatSize } from '../render/format.js';
import { confirm } from '../widgets/dialogs.js';
import type { ScreenContext } from './context.js';

export interface PruneItem {
  readonly name: string;
  /** "12.3MB", "2 containers": shown beside the name. */
  readonly detail?: string;
}

export interface PrunePreview {
  /** "volume": the dialog's title and its button. */
  readonly noun: string;
  /** What the items are, singular ("stopped container"); `unused <noun>` by default. */
  readonly what?: string;
  readonly items: readonly PruneItem[];
  /** Names labelled berth.keep=true, left out. */
  readonly kept: readonly string[];
  /** "12MB": the space the items hold in all. */
  readonly total?: string;
  /** Lines after the list: what the engine will do, what cannot be kept. */
  readonly notes?: readonly string[];
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Resolves true when the user said yes. Nothing to remove: says so and resolves false. */
export async function confirmPrune(ctx: ScreenContext, p: PrunePreview): Promise<boolean> {
  const what = p.what ?? `unused ${p.noun}`;
  const keptLine = p.kept.length ? [`Kept by the label berth.keep=true: ${p.kept.join(', ')}.`] : [];
  if (!p.items.length) {
    ctx.store.say(`No ${what}s to remove.${p.kept.length ? ` ${keptLine[0]}` : ''}`);
    return false;
  }
  const notes = [...keptLine, ...(p.notes ?? [])];
  // The dialog must fit the screen: list as many as fit, then say how many more.
  const room = Math.max(3, (ctx.host.screen.height as number) - 10 - notes.length);
  const shown = p.items.length > room ? p.items.slice(0, room - 1) : p.items;
  const lines = [
    `Remove ${plural(p.items.length, what)}${p.total ? ` (${p.total} in all)` : ''}? This cannot be undone.`,
    ...shown.map((i) => `  ${i.name}${i.detail ? `  ${i.detail}` : ''}`),
    ...(shown.length < p.items.length ? [`  … and ${p.items.length - shown.length} more`] : []),
    ...notes,
  ];
  const yes = await confirm(ctx.host, `prune ${p.noun}s`, lines, [{ key: 'y', label: `remove ${plural(p.items.length, p.noun)}`, value: 'yes' as const }]);
  if (yes !== 'yes') ctx.store.say(`nothing removed`);
  return yes === 'yes';
}

export interface PruneSet<T> {
  /** "dangling (untagged) only" */
  readonly label: string;
  readonly items: readonly T[];
}

/**
 * Which set a prune takes: the narrow one (dangling images, say) or everything unused. Asks
 * only when everything holds more, showing each set's count and size; undefined when the user
 * cancelled. The sets are then listed in full by confirmPrune.
 */
export async function chooseNarrowOrAll<T>(ctx: ScreenContext, noun: string, narrow: PruneSet<T>, all: PruneSet<T>, bytes: (items: readonly T[]) => number): Promise<{ all: boolean; items: readonly T[] } | undefined> {
  if (all.items.length <= narrow.items.length) return { all: false, items: narrow.items };
  const sets = [{ key: 'd', value: 'narrow' as const, set: narrow }, { key: 'a', value: 'all' as const, set: all }];
  const line = (c: (typeof sets)[number]) => `  ${c.key}: ${c.set.label}: ${plural(c.set.items.length, noun)}, ${formatSize(bytes(c.set.items))}`;
  const picked = await confirm(ctx.host, `prune ${noun}s`, ['Which do you want to prune? The next step lists them before anything is removed.', ...sets.map(line)], sets.map((c) => ({ key: c.key, label: c.set.label, value: c.value })));
  if (!picked) {
    ctx.store.say('nothing removed');
    return undefined;
  }
  return picked === 'all' ? { all: true, items: all.items } : { all: false, items: narrow.items };
}

/** "removed 3 volumes, reclaimed 12MB; db-data: in use by db" */
export function removedSentence(noun: string, r: RemoveMany, reclaimed?: string): string {
  const done = `removed ${plural(r.removed.length, noun)}${reclaimed && r.removed.length ? `, reclaimed ${reclaimed}` : ''}`;
  return r.failed.length ? `${done}; ${r.failed.map((f) => `${f.name}: ${f.reason}`).join('; ')}` : done;
}

/** The names of what a removal by id did, for removedSentence. */
export function namedResult(r: RemoveMany, nameOf: (id: string) => string): RemoveMany {
  return { removed: r.removed.map(nameOf), failed: r.failed.map((f) => ({ ...f, name: nameOf(f.name) })) };
}
