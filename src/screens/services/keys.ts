// The services pane's rows of the action table (a swarm manager's services).
import { action, cursorActions, needSelection } from '../../keys/action.js';

const scope = 'services';

export const SERVICE_ACTIONS = [
  action({ id: 'focus.services', keys: ['6'], scope: 'global', hint: 'services', description: 'Focus the services pane (swarm)' }),
  ...cursorActions('services', scope),
  action({ id: 'services.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter services by name, image or label', footer: true }),
  action({ id: 'services.tasks', keys: ['enter'], scope, hint: 'tasks', description: "Show the selected service's tasks: slot, node, desired and current state, error", footer: true, whyNot: needSelection('service') }),
  action({ id: 'services.logs', keys: ['L'], scope, hint: 'logs', description: 'Follow the logs of every task of the selected service, each line with its task and node', footer: true, whyNot: needSelection('service') }),
  action({ id: 'services.scale', keys: ['s'], scope, hint: 'scale', description: 'Scale the selected service to a number of replicas', changes: true, footer: true, whyNot: needSelection('service') }),
  action({ id: 'services.image', keys: ['u'], scope, hint: 'update image', description: 'Update the image of the selected service (the engine rolls it out task by task)', changes: true, footer: true, whyNot: needSelection('service') }),
  action({ id: 'services.rollback', keys: ['b'], scope, hint: 'roll back', description: 'Roll the selected service back to its previous version', changes: true, whyNot: needSelection('service') }),
  action({ id: 'services.remove', keys: ['d'], scope, hint: 'remove', description: 'Remove the selected service and its tasks (asks first)', changes: true, footer: true, whyNot: needSelection('service') }),
] as const;

/** The tasks view's rows (opened on a service with its tasks key). */
export const TASK_ACTIONS = [
  ...cursorActions('tasks', 'tasks'),
  action({ id: 'tasks.logs', keys: ['L'], scope: 'tasks', hint: 'logs', description: 'Follow the logs of every task of this service', footer: true }),
] as const;
