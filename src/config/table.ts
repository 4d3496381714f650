// The effective action table: berth's actions and the custom commands, with the user's
// bindings laid over them. The dispatcher, footer, help, hints and palette all read it.
import type { Action } from '../keys/action.js';
import { applyBindings } from '../keys/keymap.js';
import { commandActions } from '../screens/custom/command.js';
import { ACTIONS } from '../screens/registry.js';
import type { Config } from './config.js';

export function actionTable(config: Pick<Config, 'keys' | 'commands'>, base: readonly Action[] = ACTIONS): Action[] {
  return applyBindings([...base, ...commandActions(config.commands)], new Map(Object.entries(config.keys)));
}
