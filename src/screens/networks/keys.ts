// The networks pane's rows of the action table.
import { action, cursorActions, markActions, needChangeable, needSelection } from '../../keys/action.js';

const scope = 'networks';

export const NETWORK_ACTIONS = [
  action({ id: 'focus.networks', keys: ['5'], scope: 'global', hint: 'networks', description: 'Focus the networks pane' }),
  ...cursorActions('networks', scope),
  ...markActions('networks', scope, 'network'),
  action({ id: 'networks.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter by name, driver, id or subnet', footer: true }),
  action({ id: 'networks.inspect', keys: ['enter'], scope, hint: 'inspect', description: 'Show everything about the selected network (attached containers and addresses, IPAM, options)', footer: true, whyNot: needSelection('network') }),
  action({ id: 'networks.create', keys: ['n'], scope, hint: 'new', description: 'Create a network (name, driver, subnet, gateway, internal)', changes: true, footer: true }),
  action({ id: 'networks.remove', keys: ['d'], scope, hint: 'remove', description: 'Remove the selected network (asks first; the engine\'s bridge, host and none cannot be removed)', changes: true, footer: true, whyNot: needChangeable('network') }),
  action({ id: 'networks.connect', keys: ['c'], scope, hint: 'connect', description: 'Connect a container to the selected network', changes: true, footer: true, whyNot: needSelection('network') }),
  action({ id: 'networks.disconnect', keys: ['D'], scope, hint: 'disconnect', description: 'Disconnect a container from the selected network', changes: true, whyNot: needSelection('network') }),
  action({ id: 'networks.prune', keys: ['x'], scope, hint: 'prune', description: 'Remove every network no container uses (lists them first; berth.keep=true is kept)', changes: true }),
] as const;
