// Draws berth's first frame once inside the startup snapshot's builder (src/snapshot.ts): on
// an in-memory terminal, with made-up containers and an engine that never answers, then takes
// it all down. V8 keeps the bytecode compiled on the way in the snapshot, so a real start does
// not compile the screen, the panes and blessed's drawing again (npm run bench: about 12 ms
// of first paint).
//
// Nothing of it may outlive the warm-up: V8 cannot save an open handle or an ICU object, and
// what a real start sets up (the terminal, signal handlers, the locale's collator) must be its
// own. Each point where that needs care says so below.
import { PassThrough } from 'node:stream';
import { DEFAULT_CONFIG } from './config/config.js';
import type { ContainerSummary } from './docker/containers.js';
import type { EnginePort } from './docker/port.js';
import { forgetIntl } from './render/intl.js';
import { CONTAINERS } from './screens/containers/resource.js';
import { openShell } from './screens/shell/shell.js';
import { shellParts, shellSettings } from './shell-parts.js';
import { EventLog } from './state/event-log.js';
import { Jobs } from './state/jobs.js';
import { Store } from './state/store.js';
import { TaskRunner } from './state/tasks.js';
import { screen as screenClass } from './widgets/blessed.js';
import { createScreen } from './widgets/terminal.js';
import { themeFor } from './widgets/theme.js';

const STREAMS = new Set<string>(['followLogs', 'watchStats', 'watchEvents', 'followServiceLogs']);

/** Streams that open and stop, calls that never settle: no request, no rejection. */
const silentEngine = new Proxy({} as EnginePort, {
  get: (_, name) => (STREAMS.has(String(name)) ? () => ({ stop: () => undefined }) : () => new Promise(() => undefined)),
});

function container(i: number): ContainerSummary {
  const running = i % 4 !== 3;
  return {
    id: i.toString(16).padStart(64, '0'),
    name: `web-${i}`,
    image: 'registry.example:5000/team/web:1.2',
    imageId: `sha256:${'0'.repeat(64)}`,
    command: 'serve',
    created: 1_700_000_000 + i,
    state: running ? 'running' : 'exited',
    status: running ? 'Up 3 minutes' : 'Exited (0) 2 hours ago',
    labels: { 'com.docker.compose.project': 'shop' },
    ports: [],
    mounts: [],
    networks: ['none'],
  };
}

export async function warmUp(): Promise<void> {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 160, rows: 45 });
  output.resume();
  // blessed's first screen listens for SIGINT, SIGTERM and SIGQUIT, and a signal's handle
  // cannot be saved: it is told it already did. It takes these handlers off again when its
  // last screen goes, so it is given ones that were never added.
  const never = () => undefined;
  Object.assign(screenClass, { _bound: true, _exceptionHandler: never, _sigtermHandler: never, _sigintHandler: never, _sigquitHandler: never, _exitHandler: never });
  const screen = createScreen({ input, output });
  const store = new Store();
  store.update({ connection: { status: 'connected' }, endpoint: { url: 'unix:///warm-up.sock', source: 'warm-up' }, engineVersion: '27.0.0' });
  store.setList(CONTAINERS, Array.from({ length: 40 }, (_, i) => container(i)));
  const config = DEFAULT_CONFIG;
  const shell = openShell(
    {
      store,
      tasks: new TaskRunner(store),
      engine: silentEngine,
      jobs: new Jobs(),
      events: new EventLog(),
      refresh: never,
      readOnly: false,
      settings: shellSettings(config),
      switchHost: async () => undefined,
      visible: never,
    },
    {
      screen,
      // In colour, whatever the builder's terminal: the colour paths are the ones most starts take.
      theme: themeFor(config.theme, config.colors, true),
      quit: never,
      ...shellParts(config),
    },
  );
  // The shell draws on its frame timer: two frames' time.
  await new Promise((resolve) => setTimeout(resolve, 100));
  shell.close();
  if (!(screen as unknown as { destroyed?: boolean }).destroyed) screen.destroy();
  forgetIntl();
  // Node's timers remember when the next one is due, and clearing the last one does not reset
  // that: saved so, it names a moment of the build's clock, long past at a real start, and no
  // new timer would be scheduled (the first frame drawn, then never another). One timer run
  // to the end leaves the queue empty and nothing due.
  await new Promise((resolve) => setTimeout(resolve, 1));
}
