// The logs pane's rows of the action table.
import { action } from '../../keys/action.js';

const scope = 'logs';

export const LOG_ACTIONS = [
  action({ id: 'focus.logs', keys: ['3'], scope: 'global', hint: 'logs', description: 'Focus the logs pane' }),
  action({ id: 'logs.down', keys: ['j', 'down'], scope, hint: 'down', description: 'Scroll down one line' }),
  action({ id: 'logs.up', keys: ['k', 'up'], scope, hint: 'up', description: 'Scroll up one line (pauses following)' }),
  action({ id: 'logs.pageDown', keys: ['pagedown', 'C-f'], scope, hint: 'page down', description: 'Scroll down one page' }),
  action({ id: 'logs.pageUp', keys: ['pageup', 'C-b'], scope, hint: 'page up', description: 'Scroll up one page (pauses following)' }),
  action({ id: 'logs.top', keys: ['g', 'home'], scope, hint: 'oldest', description: 'Go to the oldest line kept' }),
  action({ id: 'logs.follow', keys: ['G', 'end'], scope, hint: 'follow', description: 'Follow the end again', footer: true }),
  action({ id: 'logs.left', keys: ['h', 'left'], scope, hint: 'left', description: 'Scroll left (when wrap is off)' }),
  action({ id: 'logs.right', keys: ['l', 'right'], scope, hint: 'right', description: 'Scroll right (when wrap is off)' }),
  action({ id: 'logs.search', keys: ['/'], scope, hint: 'search', description: 'Search the log (shows the number of matching lines)', footer: true }),
  action({ id: 'logs.next', keys: ['n'], scope, hint: 'next', description: 'Go to the next match' }),
  action({ id: 'logs.prev', keys: ['N'], scope, hint: 'previous', description: 'Go to the previous match' }),
  action({ id: 'logs.filter', keys: ['&'], scope, hint: 'filter', description: 'Show only the lines that contain a text (empty shows all)', footer: true }),
  action({ id: 'logs.clear', keys: ['escape'], scope, hint: 'clear', description: 'Clear the search and the filter' }),
  action({ id: 'logs.streams', keys: ['s'], scope, hint: 'stdout/stderr', description: 'Show both streams, only stdout, or only stderr (stderr lines are marked)', footer: true }),
  action({ id: 'logs.wrap', keys: ['w'], scope, hint: 'wrap', description: 'Wrap long lines, or scroll sideways' }),
  action({ id: 'logs.timestamps', keys: ['t'], scope, hint: 'time', description: "Show the engine's timestamps as local times, then as local times and ages (3 minutes ago), then hide them" }),
  action({ id: 'logs.window', keys: ['T'], scope, hint: 'window', description: 'Choose what to load: the last N lines, since or until a time or a duration (10m, 14:05, 2026-11-29 14:00)' }),
  action({ id: 'logs.save', keys: ['S'], scope, hint: 'save', description: 'Save the shown lines, or the full log, to a file (asks before overwriting)' }),
] as const;
