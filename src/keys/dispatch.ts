// Turns a key press into the action bound to it in the active scopes.
import { ACTIONS, type Action, type Scope } from './actions.js';

export interface KeyPress {
  /** blessed's full key name ("C-c", "up", "S-g", "q"). */
  readonly full?: string;
  /** The character typed, when there is one ("G", "?"). */
  readonly ch?: string;
}

/** The first action of the given scopes (in order) bound to the key. */
export function actionFor(press: KeyPress, scopes: readonly Scope[], actions: readonly Action[] = ACTIONS): Action | undefined {
  for (const scope of scopes) {
    for (const a of actions) {
      if (a.scope !== scope) continue;
      if (a.keys.some((k) => k === press.full || (press.ch !== undefined && k === press.ch && press.ch.length === 1))) return a;
    }
  }
  return undefined;
}
