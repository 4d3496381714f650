// The nodes pane's rows of the action table (a swarm manager's nodes).
import { action, cursorActions, needSelection } from '../../keys/action.js';

const scope = 'nodes';

export const NODE_ACTIONS = [
  action({ id: 'focus.nodes', keys: ['7'], scope: 'global', hint: 'nodes', description: 'Focus the nodes pane (swarm)' }),
  ...cursorActions('nodes', scope),
  action({ id: 'nodes.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter nodes by hostname, role or label', footer: true }),
  action({ id: 'nodes.drain', keys: ['D'], scope, hint: 'drain', description: 'Drain the selected node: its tasks stop there and move to other nodes (asks first)', changes: true, footer: true, whyNot: needSelection('node') }),
  action({ id: 'nodes.pause', keys: ['p'], scope, hint: 'pause', description: 'Pause the selected node: it keeps its tasks but takes no new ones', changes: true, footer: true, whyNot: needSelection('node') }),
  action({ id: 'nodes.activate', keys: ['a'], scope, hint: 'activate', description: 'Make the selected node active again: it takes new tasks', changes: true, footer: true, whyNot: needSelection('node') }),
] as const;
