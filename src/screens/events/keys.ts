// The events view's rows of the action table.
import { action, cursorActions } from '../../keys/action.js';

const scope = 'events';

export const EVENT_ACTIONS = [
  action({ id: 'events.show', keys: ['E'], scope: 'global', hint: 'events', description: 'Show the engine\'s events as they happen (newest first)' }),
  ...cursorActions('events', scope),
  action({ id: 'events.filter', keys: ['/'], scope, hint: 'filter', description: 'Show only the events that mention a text', footer: true }),
  action({ id: 'events.type', keys: ['t'], scope, hint: 'type', description: 'Show every type of event, or only container, image, volume, network or daemon events', footer: true }),
] as const;
