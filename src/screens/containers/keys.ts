// The containers pane's rows of the action table.
import { action, cursorActions, needSelection, needState } from '../../keys/action.js';

const scope = 'containers';

export const CONTAINER_ACTIONS = [
  action({ id: 'focus.containers', keys: ['1'], scope: 'global', hint: 'containers', description: 'Focus the containers pane' }),
  ...cursorActions('cursor', scope),
  action({ id: 'containers.toggleAll', keys: ['a'], scope, hint: 'all', description: 'Show all containers or only running ones (docker ps -a)', footer: true }),
  action({ id: 'containers.filter', keys: ['/'], scope, hint: 'filter', description: 'Filter by name, image, id or label (clear it from the filter prompt)', footer: true }),
  action({ id: 'containers.toggleStats', keys: ['%'], scope, hint: 'stats', description: 'Show or hide live CPU and memory (each shown container costs the daemon a stats stream)' }),
  action({ id: 'containers.sort', keys: ['o'], scope, hint: 'sort', description: 'Sort by the next column (name, image, state, status, CPU, memory, ports, project)' }),
  action({ id: 'containers.sortReverse', keys: ['O'], scope, hint: 'reverse', description: 'Reverse the sort order' }),
  action({
    id: 'containers.stop',
    keys: ['s'],
    scope,
    hint: 'stop',
    description: 'Stop the selected container',
    changes: true,
    footer: true,
    whyNot: needState(['running', 'paused', 'restarting'], (s) => `The container is not running (it is ${s}).`),
  }),
  action({
    id: 'containers.start',
    keys: ['t'],
    scope,
    hint: 'start',
    description: 'Start the selected container',
    changes: true,
    whyNot: needState(['exited', 'created', 'dead'], (s) => (s === 'paused' ? 'The container is paused: unpause it with p.' : `The container is already ${s}.`)),
  }),
  action({ id: 'containers.restart', keys: ['r'], scope, hint: 'restart', description: 'Restart the selected container', changes: true, footer: true, whyNot: needSelection('container') }),
  action({
    id: 'containers.pause',
    keys: ['p'],
    scope,
    hint: 'pause',
    description: 'Pause or unpause the selected container',
    changes: true,
    whyNot: needState(['running', 'paused'], (s) => `Only a running container can be paused (it is ${s}).`),
  }),
  action({ id: 'containers.remove', keys: ['d'], scope, hint: 'remove', description: 'Remove the selected container (asks first; a running one can be forced)', changes: true, footer: true, whyNot: needSelection('container') }),
  action({ id: 'containers.copy', keys: ['c'], scope, hint: 'copy', description: 'Copy files between the selected container and the host (docker cp)', changes: true, footer: true, whyNot: needSelection('container') }),
  action({
    id: 'containers.projectLogs',
    keys: ['L'],
    scope,
    hint: 'project logs',
    description: "Follow the logs of every container of the selected one's compose project, interleaved, named",
    whyNot: (ctx) => (!ctx.container ? 'No container is selected.' : ctx.container.project ? undefined : 'This container is not part of a compose project.'),
  }),
  action({ id: 'containers.copyId', keys: ['y'], scope, hint: 'show id', description: "Show the selected container's full id in the status line, to copy it", whyNot: needSelection('container') }),
] as const;
