// Turns a key press into the action bound to it in the active scopes, and runs it through
// the one gate every view shares: read-only mode and the action's own why-not rule.
import { keyLabel, whyNot, type Action, type ActionContext, type Scope } from './action.js';

export interface KeyPress {
  /** blessed's full key name ("C-c", "up", "S-g", "q"). */
  readonly full?: string;
  /** The character typed, when there is one ("G", "?"). */
  readonly ch?: string;
}

export type Handler = () => void | Promise<unknown>;

/** The first action of the given scopes (in order) bound to the key. */
export function actionFor<A extends Action>(press: KeyPress, scopes: readonly Scope[], actions: readonly A[]): A | undefined {
  for (const scope of scopes) {
    for (const a of actions) {
      if (a.scope !== scope) continue;
      if (a.keys.some((k) => k === press.full || (press.ch !== undefined && k === press.ch && press.ch.length === 1))) return a;
    }
  }
  return undefined;
}

export interface DispatchOptions {
  readonly actions: readonly Action[];
  readonly scopes: readonly Scope[];
  readonly context: ActionContext;
  readonly handlers: Readonly<Partial<Record<string, Handler>>>;
  /** Where refusals and failures are told (the status line). */
  say(text: string, level: 'info' | 'error'): void;
}

/**
 * Runs the action bound to the key. Returns false when no action is bound to it.
 * A key that cannot apply says why; a bound key with no handler here says so too: a key
 * never silently does nothing.
 */
export function dispatch(press: KeyPress, o: DispatchOptions): boolean {
  const a = actionFor(press, o.scopes, o.actions);
  if (!a) return false;
  runAction(a, o);
  return true;
}

/** Runs an action chosen some other way (the command palette) through the same gate as a key. */
export function runAction(a: Action, o: Omit<DispatchOptions, 'scopes' | 'actions'>): void {
  const why = whyNot(a, o.context);
  if (why) return o.say(why, 'error');
  const handler = o.handlers[a.id];
  if (!handler) return o.say(`"${a.description}" is not available here.`, 'error');
  try {
    const r = handler();
    if (r && typeof (r as Promise<unknown>).catch === 'function') {
      (r as Promise<unknown>).catch((err: unknown) => o.say(err instanceof Error ? err.message : String(err), 'error'));
    }
  } catch (err) {
    o.say(err instanceof Error ? err.message : String(err), 'error');
  }
}

/** How to write an action's keys in a hint: "esc", "j/down". */
export function keysOf(actions: readonly Action[], id: string, max = 1): string {
  const a = actions.find((x) => x.id === id);
  return a ? a.keys.slice(0, max).map(keyLabel).join('/') : '?';
}
