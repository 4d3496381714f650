// The actions that belong to no resource: quitting, help, focus, host switching, and the
// keys of the modal widgets (dialogs, filters, overlays, help), so that every key berth
// reads comes from one table. Each pane adds its own rows (src/screens/<kind>/keys.ts).
import { action } from './action.js';

export const GLOBAL_ACTIONS = [
  action({ id: 'quit', keys: ['q', 'C-c'], scope: 'global', hint: 'quit', description: 'Quit berth', footer: true }),
  action({ id: 'help', keys: ['?'], scope: 'global', hint: 'help', description: 'Show or hide this help', footer: true }),
  action({ id: 'focus.next', keys: ['tab'], scope: 'global', hint: 'next pane', description: 'Focus the next pane (containers, images, volumes, networks, logs)', footer: true }),
  action({ id: 'focus.prev', keys: ['S-tab'], scope: 'global', hint: 'prev pane', description: 'Focus the previous pane' }),
  action({ id: 'host.switch', keys: ['H'], scope: 'global', hint: 'host', description: 'Switch to another docker context or host URL (the new one is reached first)', footer: true }),
  action({ id: 'jobs.show', keys: ['J'], scope: 'global', hint: 'jobs', description: 'Show the progress of builds, pulls and pushes (they go on while hidden)' }),
] as const;

/** Keys of every view opened on top of the panes, and of the inspect views. */
export const VIEW_ACTIONS = [
  action({ id: 'view.close', keys: ['escape'], scope: 'stack', hint: 'back', description: 'Close the view and go back to what was below it', footer: true }),
  action({ id: 'view.down', keys: ['j', 'down'], scope: 'view', hint: 'down', description: 'Scroll down one line' }),
  action({ id: 'view.up', keys: ['k', 'up'], scope: 'view', hint: 'up', description: 'Scroll up one line' }),
  action({ id: 'view.pageDown', keys: ['pagedown', 'C-f', 'space'], scope: 'view', hint: 'page down', description: 'Scroll down one page' }),
  action({ id: 'view.pageUp', keys: ['pageup', 'C-b'], scope: 'view', hint: 'page up', description: 'Scroll up one page' }),
  action({ id: 'view.top', keys: ['g', 'home'], scope: 'view', hint: 'top', description: 'Go to the top' }),
  action({ id: 'view.bottom', keys: ['G', 'end'], scope: 'view', hint: 'bottom', description: 'Go to the end' }),
  action({ id: 'view.search', keys: ['/'], scope: 'view', hint: 'search', description: 'Search the text (n and N go to the next and previous match)', footer: true }),
  action({ id: 'view.next', keys: ['n'], scope: 'view', hint: 'next', description: 'Go to the next match' }),
  action({ id: 'view.prev', keys: ['N'], scope: 'view', hint: 'previous', description: 'Go to the previous match' }),
  action({ id: 'view.save', keys: ['S'], scope: 'view', hint: 'save', description: 'Save the text to a file (asks before overwriting)', footer: true }),
] as const;

/** Keys of the modal widgets; the widgets learn them through the screen, never as literals. */
export const WIDGET_ACTIONS = [
  action({ id: 'dialog.cancel', keys: ['escape'], scope: 'dialog', hint: 'cancel', description: 'Cancel the dialog' }),
  action({ id: 'dialog.submit', keys: ['enter'], scope: 'dialog', hint: 'ok', description: 'Accept the form (it checks the values first)' }),
  action({ id: 'dialog.next', keys: ['tab', 'down'], scope: 'dialog', hint: 'next field', description: 'Go to the next field' }),
  action({ id: 'dialog.prev', keys: ['S-tab', 'up'], scope: 'dialog', hint: 'previous field', description: 'Go to the previous field' }),
  action({ id: 'dialog.change', keys: ['space', 'right'], scope: 'dialog', hint: 'change', description: 'Choose the next value of a choice field' }),
  action({ id: 'dialog.changeBack', keys: ['left'], scope: 'dialog', hint: 'change back', description: 'Choose the previous value of a choice field' }),

  action({ id: 'filter.keep', keys: ['enter'], scope: 'filter', hint: 'keep', description: 'Keep the filter typed so far and go back to the list' }),
  action({ id: 'filter.clear', keys: ['escape'], scope: 'filter', hint: 'clear', description: 'Clear the filter and go back to the list' }),

  action({ id: 'overlay.close', keys: ['escape'], scope: 'overlay', hint: 'close', description: 'Close the history or jobs view (jobs go on)' }),
  action({ id: 'overlay.down', keys: ['j', 'down'], scope: 'overlay', hint: 'down', description: 'Move the selection down (or scroll the text)' }),
  action({ id: 'overlay.up', keys: ['k', 'up'], scope: 'overlay', hint: 'up', description: 'Move the selection up (or scroll the text)' }),
  action({ id: 'overlay.pageDown', keys: ['pagedown', 'C-f'], scope: 'overlay', hint: 'page down', description: 'Scroll the text one page down' }),
  action({ id: 'overlay.pageUp', keys: ['pageup', 'C-b'], scope: 'overlay', hint: 'page up', description: 'Scroll the text one page up' }),
  action({ id: 'overlay.top', keys: ['g', 'home'], scope: 'overlay', hint: 'top', description: 'Go to the first row or the top of the text' }),
  action({ id: 'overlay.bottom', keys: ['G', 'end'], scope: 'overlay', hint: 'end', description: 'Go to the last row or the end of the text (following it)' }),
  action({ id: 'overlay.details', keys: ['enter'], scope: 'overlay', hint: 'details', description: 'Show the full text of the selected layer or job' }),
  action({ id: 'jobs.cancel', keys: ['c'], scope: 'overlay', hint: 'cancel job', description: 'Cancel the selected running build, pull or push (jobs view)', changes: true }),

  action({ id: 'help.close', keys: ['escape', '?', 'q'], scope: 'help', hint: 'close', description: 'Close the help', footer: true }),
  action({ id: 'help.down', keys: ['j', 'down'], scope: 'help', hint: 'scroll', description: 'Scroll the help' }),
  action({ id: 'help.up', keys: ['k', 'up'], scope: 'help', hint: 'scroll back', description: 'Scroll the help back' }),
] as const;
