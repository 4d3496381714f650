// Actions on marked rows: one question listing them all, then each one on its own, and a
// report that says what happened to each ("web: removed; db: is running, not removed").
import { DockerError } from '../docker/errors.js';
import { confirm } from '../widgets/dialogs.js';
import type { DataTable } from '../widgets/data-table.js';
import type { ScreenContext } from './context.js';

export interface BulkItem {
  readonly id: string;
  readonly name: string;
}

export interface BulkAction<T extends BulkItem> {
  /** "remove", "stop" */
  readonly verb: string;
  /** "removed", "stopped" */
  readonly past: string;
  /** "container" */
  readonly noun: string;
  /** "of shop": what the items belong to; without it they are the marked rows. */
  readonly of?: string;
  readonly items: readonly T[];
  run(item: T): Promise<unknown>;
  /** The kinds to reload after. */
  readonly refresh: readonly string[];
  /** After the steps: what changed since the list was shown, for the report (see runEach). */
  changed?(): Promise<string | undefined>;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Asks once, runs each, reports each. Resolves with the ids that succeeded. */
export async function runBulk<T extends BulkItem>(ctx: ScreenContext, a: BulkAction<T>): Promise<string[]> {
  const room = Math.max(3, (ctx.host.screen.height as number) - 10);
  const names = a.items.map((i) => i.name);
  const listed = names.length > room ? [...names.slice(0, room - 1), `… and ${names.length - room + 1} more`] : names;
  const what = a.of ? `${plural(a.items.length, a.noun)} ${a.of}` : plural(a.items.length, `marked ${a.noun}`);
  const yes = await confirm(ctx.host, `${a.verb} ${plural(a.items.length, a.noun)}`, [`${a.verb[0]!.toUpperCase()}${a.verb.slice(1)} ${what}?`, ...listed.map((n) => `  ${n}`)], [
    { key: 'y', label: `${a.verb} ${plural(a.items.length, a.noun)}`, value: 'yes' as const },
  ]);
  if (yes !== 'yes') {
    ctx.store.say(`nothing ${a.past}`);
    return [];
  }
  const label = `${a.verb === 'stop' ? 'stopping' : `${a.verb.replace(/e$/, '')}ing`} ${plural(a.items.length, a.noun)}`;
  const done = await runEach(ctx, label, a.items.map((item) => ({ id: item.id, name: item.name, past: a.past, run: () => a.run(item) })), a.changed);
  for (const k of a.refresh) ctx.refresh(k);
  return done;
}

export interface Step {
  readonly id: string;
  readonly name: string;
  /** What the report says when it worked ("removed"). */
  readonly past: string;
  run(): Promise<unknown>;
}

/**
 * Runs each step in turn (one failing does not stop the rest), then reports each, and what
 * `changed` says changed since the list was shown; resolves with the ids that worked.
 */
export async function runEach(ctx: ScreenContext, label: string, steps: readonly Step[], changed?: () => Promise<string | undefined>): Promise<string[]> {
  const done: string[] = [];
  const report: string[] = [];
  ctx.store.update({ busy: [...ctx.store.snapshot.busy, label] });
  try {
    for (const step of steps) {
      try {
        await step.run();
        done.push(step.id);
        report.push(`${step.name}: ${step.past}`);
      } catch (err) {
        // Listed, then removed by someone else before its turn: say that, not the engine's 404.
        const gone = err instanceof DockerError && err.kind === 'notFound';
        report.push(`${step.name}: ${gone ? 'gone since the list' : err instanceof Error ? err.message : String(err)}`);
      }
    }
    const note = await changed?.().catch(() => undefined);
    if (note) report.push(note);
  } finally {
    ctx.store.update({ busy: ctx.store.snapshot.busy.filter((b) => b !== label) });
  }
  ctx.store.say(report.join('; '), done.length === steps.length ? 'info' : 'error');
  return done;
}

/** The marked items that still exist, in the order they were marked. */
export function markedItems<T>(table: DataTable, find: (id: string) => T | undefined): T[] {
  return table.marked.flatMap((id) => {
    const t = find(id);
    return t ? [t] : [];
  });
}
