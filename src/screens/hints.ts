// Hint lines that name keys as they are bound now, so a remapped key shows everywhere.
import type { Action } from '../keys/action.js';
import { keysOf } from '../keys/dispatch.js';

/** "j: job · enter: full text · esc: close", from [action id, what it does] pairs. */
export function hintLine(actions: readonly Action[], pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([id, what]) => `${keysOf(actions, id)}: ${what}`).join(' · ');
}
