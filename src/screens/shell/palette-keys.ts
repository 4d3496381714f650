// The command palette's rows of the action table: the key that opens it, and its own keys.
import { action } from '../../keys/action.js';

export const PALETTE_ACTIONS = [
  action({ id: 'palette.open', keys: [':'], scope: 'global', hint: 'commands', description: 'Open the command palette: type to find any action or pane (:volumes), enter runs it' }),
  action({ id: 'palette.run', keys: ['enter'], scope: 'palette', hint: 'run', description: 'Run the chosen action, or go to the chosen pane' }),
  action({ id: 'palette.close', keys: ['escape'], scope: 'palette', hint: 'close', description: 'Close the palette' }),
  action({ id: 'palette.down', keys: ['down', 'C-n', 'tab'], scope: 'palette', hint: 'next', description: 'Choose the next match' }),
  action({ id: 'palette.up', keys: ['up', 'C-p', 'S-tab'], scope: 'palette', hint: 'previous', description: 'Choose the previous match' }),
] as const;
