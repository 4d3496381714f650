// The logs pane: follows the selected container's logs in a LogView. Switching containers
// quickly (scrolling the list) opens a stream only once the selection rests; a container
// that stops and starts again continues in the same view, without repeated lines.
import type blessed from 'blessed';
import type { ContainerSummary } from '../../docker/containers.js';
import type { Stoppable } from '../../docker/events.js';
import type { LogLine } from '../../render/log-lines.js';
import type { LogWindow } from '../../render/time-spec.js';
import { LogBuffer } from '../../state/log-buffer.js';
import { LogView } from '../../widgets/log-view/log-view.js';
import type { Theme } from '../../widgets/theme.js';
import type { ScreenContext } from '../context.js';
import { followProject } from './project-logs.js';
import { describeWindow } from './window-flow.js';

export interface LogsPane {
  readonly box: blessed.Widgets.BoxElement;
  /** Follows this container (or none); also told of state changes of the followed one. */
  follow(c: ContainerSummary | undefined): void;
  setFocused(focused: boolean): void;
  /** Covered by a view: closes the stream (resume continues after the last line). */
  pause(): void;
  /** Uncovered: continues following `c` (the selection now). */
  resume(c: ContainerSummary | undefined): void;
  /** Loads only this window of the log (lines from the end, since, until), for this and later containers; undefined: the last 500 lines, following. */
  setWindow(w: LogWindow | undefined): void;
  readonly window: LogWindow | undefined;
  /** Forgets the followed container (another daemon was chosen). */
  reset(): void;
  draw(): void;
  readonly view: LogView;
  /** The container followed now. */
  current(): { id: string; name: string } | undefined;
  /** Follows every container of a compose project at once, until another container is selected. */
  followProject(anchor: ContainerSummary, project: string, members: readonly ContainerSummary[]): void;
  close(): void;
}

const SETTLE_MS = 150;

export function openLogsPane(ctx: ScreenContext, opts: { parent: blessed.Widgets.Screen; theme: Theme; requestRender: () => void }): LogsPane {
  const buffer = new LogBuffer<LogLine>({ capacity: 10_000, maxSize: 8_000_000, sizeOf: (l) => l.text.length });
  // Placed between the status bar and the footer from the start: in the one-pane layout it
  // stays hidden, and a hidden box left at the top-left corner blanked part of the status
  // bar when its label changed.
  const view = new LogView({ parent: opts.parent, theme: opts.theme, buffer, requestRender: opts.requestRender, label: 'logs', top: 1, left: 0, width: '100%', height: '100%-2' });
  let current: { id: string; name: string } | undefined;
  let stream: Stoppable | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  let projectStream: Stoppable | undefined;
  let paused = false;
  let window: LogWindow | undefined;
  view.setLabel('logs');
  view.markEvent('Select a container to follow its logs.');

  const label = (name: string) => `logs · ${name}${window ? ` · ${describeWindow(window)}` : ''}`;

  /** The one teardown of whatever is streaming or about to. */
  const stopStreams = () => {
    if (settle) clearTimeout(settle);
    settle = undefined;
    stream?.stop();
    stream = undefined;
    projectStream?.stop();
    projectStream = undefined;
  };

  /** `since` continues after the last line shown (seconds); otherwise the window decides where to start. */
  const open = (id: string, since?: number) => {
    stopStreams();
    ended = false;
    const from = since ?? (window?.since !== undefined ? Math.floor(window.since / 1000) : undefined);
    const tail = since !== undefined ? 'all' : (window?.tail ?? (window?.since !== undefined ? 'all' : ctx.settings.logLines));
    const until = window?.until !== undefined ? { until: Math.floor(window.until / 1000) } : {};
    stream = ctx.engine.followLogs(id, { tail, timestamps: true, ...(from !== undefined ? { since: from } : {}), ...until }, {
      onChunk: (c) => view.pushChunk(c),
      onEnd: (err) => {
        ended = true;
        stream = undefined;
        view.endOfStream(err && err.kind !== 'notFound' ? `log stream ended: ${err.message}` : window?.until !== undefined ? 'end of the window' : 'container stopped');
      },
    });
  };

  /** Continues after the last line shown (a restart, or the pane uncovered again). */
  const continueFrom = (id: string, note: string) => {
    view.reattach(note);
    const last = view.status().lastTimestamp;
    open(id, last ? Math.floor(Date.parse(last) / 1000) : undefined);
  };

  return {
    box: view.box,
    follow(c) {
      if (paused) return;
      if (c && c.id === current?.id) {
        if (projectStream) return;
        if (ended && (c.state === 'running' || c.state === 'restarting')) continueFrom(c.id, 'container restarted');
        return;
      }
      // Nothing selected (the followed container left a running-only list as it stopped or
      // restarted, or a filter hides it): keep its logs on screen; its stream ends by itself.
      if (!c) return;
      current = { id: c.id, name: c.name };
      stopStreams();
      view.attach(label(c.name), { timestamps: true });
      settle = setTimeout(() => {
        settle = undefined;
        open(c.id);
      }, SETTLE_MS);
    },
    followProject(anchor, project, members) {
      stopStreams();
      // Selecting another container goes back to following that one alone.
      current = { id: anchor.id, name: anchor.name };
      projectStream = followProject(ctx, view, project, members, opts.theme.series);
    },
    pause() {
      // A covered pane holds no stream: the engine keeps the log, and resume continues it.
      if (paused) return;
      paused = true;
      const wasStreaming = !!stream || !!settle;
      stopStreams();
      ended = wasStreaming || ended;
    },
    resume(c) {
      if (!paused) return;
      paused = false;
      if (current && c?.id === current.id && ended && (c.state === 'running' || c.state === 'restarting')) continueFrom(c.id, 'back from another view');
      else if (c && c.id !== current?.id) this.follow(c);
    },
    setWindow(w) {
      window = w;
      if (!current) return;
      const c = current;
      stopStreams();
      view.attach(label(c.name), { timestamps: true });
      open(c.id);
    },
    get window() {
      return window;
    },
    reset() {
      stopStreams();
      current = undefined;
      view.attach('logs', { timestamps: true });
      view.markEvent('Select a container to follow its logs.');
    },
    setFocused: (f) => view.setFocused(f),
    draw: () => view.draw(),
    view,
    current: () => current,
    close() {
      stopStreams();
      view.destroy();
    },
  };
}
