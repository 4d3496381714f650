// Sending a signal and renaming, from the containers pane or the detail view. Both check
// what was typed before the engine is asked: an unknown signal or an invalid name is
// refused in the dialog, with the reason, and nothing is called.
import { containerNameProblem } from '../../docker/containers.js';
import { COMMON_SIGNALS, parseSignal } from '../../docker/signals.js';
import { itemsOf } from '../../state/resources.js';
import { form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';

export interface Target {
  readonly id: string;
  readonly name: string;
}

/** Resolves once the signal was sent (or the dialog cancelled). */
export async function killDialog(ctx: ScreenContext, c: Target): Promise<void> {
  const chosen = (v: Record<string, string>) => parseSignal(v.typed?.trim() || v.signal || '');
  const values = await form(ctx.host, {
    title: `send a signal to ${c.name}`,
    fields: [
      { kind: 'choice', name: 'signal', label: 'signal', value: COMMON_SIGNALS[0], options: COMMON_SIGNALS },
      { kind: 'text', name: 'typed', label: 'or type', value: '', placeholder: 'a name or number: QUIT, WINCH, 10, RTMIN+1' },
    ],
    validate: (v) => {
      const r = chosen(v);
      return 'problem' in r ? r.problem : undefined;
    },
  });
  if (!values) return;
  const r = chosen(values);
  if ('problem' in r) return;
  await ctx.tasks.run(
    `sending ${r.signal} to ${c.name}`,
    () => ctx.engine.killContainer(c.id, r.signal),
    () => `sent ${r.signal} to ${c.name}`,
  );
}

/** Resolves with the new name once renamed, or undefined. */
export async function renameDialog(ctx: ScreenContext, c: Target): Promise<string | undefined> {
  const problem = (name: string) => {
    if (name.replace(/^\//, '') === c.name) return `${c.name} is already its name.`;
    const taken = itemsOf(ctx.store.snapshot, CONTAINERS).find((x) => x.id !== c.id && x.name === name.replace(/^\//, ''));
    return containerNameProblem(name) ?? (taken ? `The name ${taken.name} is already used by another container.` : undefined);
  };
  const values = await form(ctx.host, {
    title: `rename ${c.name}`,
    fields: [{ kind: 'text', name: 'name', label: 'new name', value: c.name }],
    validate: (v) => problem(v.name?.trim() ?? ''),
  });
  const name = values?.name?.trim().replace(/^\//, '');
  if (!name || problem(name)) return undefined;
  const r = await ctx.tasks.run(
    `renaming ${c.name}`,
    () => ctx.engine.renameContainer(c.id, name),
    () => `renamed ${c.name} to ${name}`,
  );
  ctx.refresh(CONTAINERS.kind);
  return r.ok ? name : undefined;
}
