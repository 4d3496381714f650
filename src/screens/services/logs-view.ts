// The logs of every task of a service in one view, interleaved as the engine sends them, each
// line prefixed with its task (web.2) and node in a colour of its own, like `docker service
// logs`. It takes the logs pane's keys (scroll, search, filter, save): the same scope.
import type { NodeSummary } from '../../docker/nodes.js';
import { serviceLogDetails, type ServiceSummary, type TaskSummary } from '../../docker/services.js';
import { LineAssembler, type LogLine, type ParsedLine } from '../../render/log-lines.js';
import { itemsOf } from '../../state/resources.js';
import { LogBuffer } from '../../state/log-buffer.js';
import { LogView } from '../../widgets/log-view/log-view.js';
import type { ScreenContext } from '../context.js';
import { logsActions } from '../logs/actions.js';
import type { LOG_ACTIONS } from '../logs/keys.js';
import { NODES } from '../nodes/resource.js';
import type { Handlers, Shell, View } from '../view.js';
import { taskName } from './table.js';

const TAIL = 200;
const COLORS = [36, 33, 35, 32, 34, 31];

export function openServiceLogs(ctx: ScreenContext, shell: Shell, service: ServiceSummary): View {
  const buffer = new LogBuffer<LogLine>({ capacity: 10_000, maxSize: 8_000_000, sizeOf: (l) => l.text.length });
  const view = new LogView({ parent: ctx.host.screen, theme: ctx.host.theme, buffer, requestRender: () => shell.requestLogFrame(), top: 1, left: 0, width: '100%', height: '100%-2' });
  view.setFocused(true);
  const asm = new LineAssembler({ timestamps: true });
  let tasks = new Map<string, TaskSummary>();
  const colours = new Map<string, number>();
  let reading: Promise<void> | undefined;
  let stream: { stop(): void } | undefined;

  // A task id not seen yet (a replica started after the view opened): read the tasks again.
  const readTasks = () =>
    (reading ??= ctx.engine
      .listTasks(service.id)
      .then((ts) => void (tasks = new Map(ts.map((t) => [t.id, t]))), () => undefined)
      .finally(() => (reading = undefined)));

  const prefix = (taskId: string | undefined, nodeId: string | undefined): string => {
    const nodes = new Map<string, NodeSummary>(itemsOf(ctx.store.snapshot, NODES).map((n) => [n.id, n]));
    const t = taskId ? tasks.get(taskId) : undefined;
    if (taskId && !t) void readTasks();
    const name = t ? taskName(service.name, t, nodes) : taskId ? `${service.name}.${taskId.slice(0, 8)}` : service.name;
    const node = nodeId ? (nodes.get(nodeId)?.hostname ?? nodeId.slice(0, 12)) : '';
    const label = `${name}${node ? `@${node}` : ''}`;
    if (!ctx.host.theme.color) return `${label} │ `;
    const key = taskId ?? '';
    if (!colours.has(key)) colours.set(key, COLORS[colours.size % COLORS.length]!);
    return `\x1b[${colours.get(key)}m${label}\x1b[39m │ `;
  };
  const label = (lines: readonly ParsedLine[]): ParsedLine[] =>
    lines.map((l) => {
      if (l.stream === 'event') return l;
      const d = serviceLogDetails(l.text);
      return { ...l, text: prefix(d.taskId, d.nodeId) + d.text };
    });

  const open = () => {
    view.attach(`logs · service ${service.name} (every task)`, { timestamps: true });
    stream = ctx.engine.followServiceLogs(service.id, { tail: TAIL }, {
      onChunk: (c) => view.append(label(asm.push(c))),
      onEnd: (err) => {
        view.append(label(asm.flush()));
        view.markEvent(err ? `the logs ended: ${err.message}` : 'the service logs ended (the service was removed?)');
      },
    });
  };
  void readTasks().then(() => shell.requestLogFrame());
  const current = () => ({ id: service.id, name: service.name });
  const shared = logsActions(ctx, view, current);
  const handlers: Handlers<typeof LOG_ACTIONS, 'logs'> = {
    ...shared,
    'logs.window': () => ctx.store.say('A log window applies to a container\'s logs; a service\'s logs show the last lines of every task.', 'error'),
    // The logs' own esc clears a search or a filter; with neither, it goes back, as in every view.
    'logs.clear': () => {
      const st = view.status();
      if (st.search !== undefined || st.filter !== undefined) return shared['logs.clear']();
      shell.closeView(self);
    },
  };
  const self: View = {
    scope: 'logs',
    box: view.box,
    handlers,
    actionContext: () => ({ hasSelection: true }),
    draw: () => view.draw(),
    start() {
      if (!stream) open();
    },
    stop() {
      // Covered: stop the stream; uncovered, it opens again (the last lines come again).
      stream?.stop();
      stream = undefined;
    },
    close() {
      stream?.stop();
      view.destroy();
    },
  };
  return self;
}
