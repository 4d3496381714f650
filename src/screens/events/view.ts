// The events view: the engine's events as they happen, newest first, from the events stream
// berth already holds; filter by text, cycle the type shown. A view on the shell's stack.
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { cursorHandlers } from '../cursor.js';
import type { Handlers, Shell, View, ViewDef } from '../view.js';
import { listFilter } from '../list-filter.js';
import { EVENT_ACTIONS } from './keys.js';
import { EVENT_TYPES, eventTable, type EventTypeFilter } from './table.js';

export function openEventsView(ctx: ScreenContext, shell: Shell): View {
  const table = new DataTable({ parent: ctx.host.screen, label: 'events', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: '' });
  table.setFocused(true);
  let type: EventTypeFilter = 'all';
  const filter = listFilter(shell, 'events');
  let unsubscribe: (() => void) | undefined;
  const handlers: Handlers<typeof EVENT_ACTIONS, 'events'> = {
    ...cursorHandlers(table, 'events'),
    'events.filter': filter.start,
    'events.type': () => {
      type = EVENT_TYPES[(EVENT_TYPES.indexOf(type) + 1) % EVENT_TYPES.length]!;
      ctx.store.say(type === 'all' ? 'showing every type of event' : `showing ${type} events`);
    },
  };
  return {
    scope: 'events',
    box: table.box,
    handlers,
    actionContext: () => ({ hasSelection: !!table.selected }),
    draw() {
      const events = ctx.events.list();
      table.setModel(eventTable(events, { type, filter: filter.value }));
      table.setLabel(`events${type === 'all' ? '' : ` (${type})`}${filter.note} · ${events.length} seen${ctx.events.dropped ? `, oldest dropped` : ''}`);
      table.setEmptyText(events.length ? 'No event matches.' : 'No events yet: they appear here as the engine sends them (start or stop a container, say).');
      table.draw();
    },
    start() {
      unsubscribe = ctx.events.subscribe(() => shell.requestFrame());
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
    close() {
      unsubscribe?.();
      table.box.destroy();
    },
  };
}

export const eventsView: ViewDef<typeof EVENT_ACTIONS> = { title: 'Events view', scope: 'events', actions: EVENT_ACTIONS, open: { 'events.show': openEventsView } };
