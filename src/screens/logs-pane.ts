// The logs pane: follows the selected container's logs. Switching containers quickly
// (scrolling the list) opens a stream only once the selection rests.
import blessed from 'blessed';
import type { ContainerSummary } from '../docker/containers.js';
import { followLogs, type LogChunk } from '../docker/logs.js';
import type { Stoppable } from '../docker/events.js';
import { sanitizeLogLine } from '../render/log-sanitize.js';
import type { KeyPress } from '../keys/dispatch.js';
import type { Theme } from '../widgets/theme.js';
import { escapeTags } from '../widgets/theme.js';
import type { ScreenContext } from './context.js';

export interface LogsPane {
  readonly box: blessed.Widgets.BoxElement;
  follow(c: ContainerSummary | undefined): void;
  setFocused(focused: boolean): void;
  draw(): void;
  key(press: KeyPress): void;
  close(): void;
}

const SETTLE_MS = 150;
const KEEP_LINES = 2000;

export function openLogsPane(ctx: ScreenContext, opts: { parent: blessed.Widgets.Screen; theme: Theme; requestRender: () => void }): LogsPane {
  const { theme } = opts;
  const box = blessed.box({ parent: opts.parent, label: ' logs ', border: { type: 'line' }, tags: true, wrap: false, style: { border: { fg: theme.border } } });
  let current: { id: string; name: string } | undefined;
  let stream: Stoppable | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let lines: string[] = [];
  let partial = { stdout: '', stderr: '', tty: '' };
  let focused = false;
  let ended: string | undefined;

  const push = (chunk: LogChunk) => {
    const text = partial[chunk.stream] + chunk.data.toString('utf8');
    const parts = text.split('\n');
    partial[chunk.stream] = parts.pop() ?? '';
    for (const p of parts) {
      const clean = sanitizeLogLine(p, { keepColor: false });
      lines.push(chunk.stream === 'stderr' ? `${theme.paint('▌', 'error')}${escapeTags(clean)}` : ` ${escapeTags(clean)}`);
    }
    if (lines.length > KEEP_LINES * 1.5) lines = lines.slice(-KEEP_LINES);
    opts.requestRender();
  };

  const open = (id: string) => {
    stream?.stop();
    lines = [];
    partial = { stdout: '', stderr: '', tty: '' };
    ended = undefined;
    stream = followLogs(ctx.docker(), id, { tail: 200 }, {
      onChunk: push,
      onEnd: (err) => {
        ended = err ? `log stream ended: ${err.message}` : 'container stopped';
        opts.requestRender();
      },
    });
  };

  const label = () => `${focused ? '▶ ' : ''}logs${current ? ` · ${current.name}` : ''}`;

  return {
    box,
    follow(c) {
      if (c?.id === current?.id) return;
      current = c ? { id: c.id, name: c.name } : undefined;
      if (settle) clearTimeout(settle);
      stream?.stop();
      stream = undefined;
      lines = [];
      if (!c) return;
      settle = setTimeout(() => {
        settle = undefined;
        open(c.id);
      }, SETTLE_MS);
    },
    setFocused(f) {
      focused = f;
      box.style.border = { fg: f ? theme.focusBorder : theme.border };
    },
    draw() {
      box.setLabel(` ${label()} `);
      const h = Math.max(0, (box.height as number) - 2);
      const shown = lines.slice(-(ended ? h - 1 : h));
      if (ended) shown.push(theme.paint(escapeTags(`— ${ended} —`), 'muted'));
      box.setContent(current ? shown.join('\n') : theme.paint('Select a container to follow its logs.', 'muted'));
    },
    key() {
      /* scrolling and search arrive with the full log view */
    },
    close() {
      if (settle) clearTimeout(settle);
      stream?.stop();
    },
  };
}
