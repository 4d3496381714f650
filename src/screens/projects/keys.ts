// The compose projects view's rows of the action table.
import { action, cursorActions, needSelection } from '../../keys/action.js';

const scope = 'projects';
const needProject = needSelection('project');

export const PROJECT_ACTIONS = [
  action({ id: 'projects.show', keys: ['C'], scope: 'global', hint: 'projects', description: 'Show the compose projects (from the containers\' labels; no compose file needed)' }),
  ...cursorActions('projects', scope),
  action({ id: 'projects.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter by project or service name' }),
  action({ id: 'projects.stop', keys: ['s'], scope, hint: 'stop', description: 'Stop every container of the project (asks first, listing them)', changes: true, footer: true, whyNot: needProject }),
  action({ id: 'projects.start', keys: ['t'], scope, hint: 'start', description: 'Start every container of the project', changes: true, footer: true, whyNot: needProject }),
  action({ id: 'projects.restart', keys: ['r'], scope, hint: 'restart', description: 'Restart every container of the project', changes: true, whyNot: needProject }),
  action({ id: 'projects.pause', keys: ['p'], scope, hint: 'pause', description: 'Pause every running container of the project', changes: true, whyNot: needProject }),
  action({ id: 'projects.unpause', keys: ['P'], scope, hint: 'unpause', description: 'Unpause every paused container of the project', changes: true, whyNot: needProject }),
  action({ id: 'projects.remove', keys: ['d'], scope, hint: 'remove', description: 'Remove every container of the project (running ones are stopped first)', changes: true, footer: true, whyNot: needProject }),
  action({ id: 'projects.takeDown', keys: ['D'], scope, hint: 'down', description: 'Down: remove the project\'s containers and the networks it created; its volumes only if you say so', changes: true, footer: true, whyNot: needProject }),
  action({ id: 'projects.logs', keys: ['L'], scope, hint: 'logs', description: 'Follow the logs of the project\'s running containers, interleaved', footer: true, whyNot: needProject }),
] as const;
