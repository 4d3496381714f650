// The tasks of one service, as `docker service ps` shows them: each slot's live task and its
// history, the node, desired and current state (and since when), the error. Live from the
// engine's events; while a task is on its way (starting, stopping) a poll every few seconds
// covers what other nodes do, which sends this manager no event. A service removed while the
// view is open says so.
import type { NodeSummary } from '../../docker/nodes.js';
import type { ServiceSummary, TaskSummary } from '../../docker/services.js';
import { DockerError } from '../../docker/errors.js';
import { itemsOf, listOf } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { cursorHandlers } from '../cursor.js';
import { NODES } from '../nodes/resource.js';
import type { Handlers, Shell, View } from '../view.js';
import type { TASK_ACTIONS } from './keys.js';
import { openServiceLogs } from './logs-view.js';
import { SERVICES } from './resource.js';
import { taskTable } from './table.js';

const POLL_MS = 5000;
const SETTLE_MS = 250;

const settling = (t: TaskSummary) => (t.desiredState === 'running' ? t.state !== 'running' : ['running', 'starting', 'preparing', 'assigned', 'accepted', 'ready'].includes(t.state));

export function openTasksView(ctx: ScreenContext, shell: Shell, service: ServiceSummary): View {
  const table = new DataTable({ parent: ctx.host.screen, label: `tasks · ${service.name}`, theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  table.setFocused(true);
  let tasks: readonly TaskSummary[] = [];
  let loaded = false;
  let removed = false;
  let error: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loading = false;
  let again = false;
  let off: (() => void) | undefined;
  if (!listOf(ctx.store.snapshot, NODES).loaded) ctx.refresh(NODES.kind);

  const schedule = (ms: number) => {
    if (removed || !off) return;
    clearTimeout(timer);
    timer = setTimeout(load, ms);
  };
  async function load(): Promise<void> {
    if (loading) return void (again = true);
    loading = true;
    try {
      tasks = await ctx.engine.listTasks(service.id);
      loaded = true;
      error = undefined;
    } catch (err) {
      if (err instanceof DockerError && err.kind === 'notFound') removed = true;
      else error = err instanceof Error ? err.message : String(err);
    } finally {
      loading = false;
      shell.requestFrame();
    }
    if (again) {
      again = false;
      return load();
    }
    if (tasks.some(settling)) schedule(POLL_MS);
  }

  const handlers: Handlers<typeof TASK_ACTIONS, 'tasks'> = {
    ...cursorHandlers(table, 'tasks'),
    'tasks.logs': () => (removed ? ctx.store.say(`The service ${service.name} was removed.`, 'error') : shell.push(openServiceLogs(ctx, shell, service))),
  };
  return {
    scope: 'tasks',
    box: table.box,
    handlers,
    actionContext: () => ({ hasSelection: !!table.selected }),
    draw(_snap, now) {
      // Also gone when the service list no longer has it (its remove event came first).
      const list = listOf(ctx.store.snapshot, SERVICES);
      if (list.loaded && !list.items.some((s) => s.id === service.id)) removed = true;
      const nodes = new Map<string, NodeSummary>(itemsOf(ctx.store.snapshot, NODES).map((n) => [n.id, n]));
      table.setModel(taskTable(service.name, removed ? [] : tasks, nodes, now));
      const live = tasks.filter((t) => t.desiredState === 'running');
      table.setLabel(`tasks · ${service.name}${loaded && !removed ? ` · ${live.filter((t) => t.state === 'running').length}/${live.length} running` : ''}`);
      table.setEmptyText(removed ? `The service ${service.name} was removed.` : error ? `Could not list the tasks: ${error}` : loaded ? 'No tasks.' : 'Loading…');
      table.draw();
    },
    start() {
      off = ctx.events.subscribe(() => {
        const ev = ctx.events.list().at(-1);
        if (ev && SERVICES.touchedBy(ev)) schedule(SETTLE_MS);
      });
      void load();
    },
    stop() {
      off?.();
      off = undefined;
      clearTimeout(timer);
    },
    close() {
      off?.();
      off = undefined;
      clearTimeout(timer);
      table.box.destroy();
    },
  };
}
