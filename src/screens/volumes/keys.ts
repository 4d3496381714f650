// The volumes pane's rows of the action table.
import { action, cursorActions, markActions, needSelection } from '../../keys/action.js';

const scope = 'volumes';

export const VOLUME_ACTIONS = [
  action({ id: 'focus.volumes', keys: ['4'], scope: 'global', hint: 'volumes', description: 'Focus the volumes pane' }),
  ...cursorActions('volumes', scope),
  ...markActions('volumes', scope, 'volume'),
  action({ id: 'volumes.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter by name, driver or label', footer: true }),
  action({ id: 'volumes.inspect', keys: ['enter'], scope, hint: 'inspect', description: 'Show everything about the selected volume (labels, options, mountpoint, who uses it)', footer: true, whyNot: needSelection('volume') }),
  action({ id: 'volumes.sizes', keys: ['z'], scope, hint: 'sizes', description: 'Read the volumes\' sizes again (docker system df: slow on a big engine)' }),
  action({ id: 'volumes.create', keys: ['n'], scope, hint: 'new', description: 'Create a volume (name, driver, labels)', changes: true, footer: true }),
  action({ id: 'volumes.remove', keys: ['d'], scope, hint: 'remove', description: 'Remove the selected volume (asks first; one in use is refused, naming its containers)', changes: true, footer: true, whyNot: needSelection('volume') }),
  action({ id: 'volumes.prune', keys: ['x'], scope, hint: 'prune', description: 'Remove every volume no container uses (lists them and their sizes first; berth.keep=true is kept)', changes: true, footer: true }),
] as const;
