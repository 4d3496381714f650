// Drives berth's whole screen in-process: the real shell and panes on an in-memory blessed
// screen, over a fake engine. Keys go in as blessed key events; the screen is read back as
// text. A key flow runs in milliseconds, with no daemon and no pseudo-terminal.
import blessed from 'blessed';
import { PassThrough } from 'node:stream';
import type { Action } from '../../src/keys/action.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/screens/context.js';
import type { CustomCommand } from '../../src/screens/custom/command.js';
import { ACTIONS, HELP_TITLES, PANES, RESOURCES, VIEWS, shellStatus } from '../../src/screens/registry.js';
import { openShell, type OpenShell } from '../../src/screens/shell/shell.js';
import { EventLog } from '../../src/state/event-log.js';
import { Jobs } from '../../src/state/jobs.js';
import { Store } from '../../src/state/store.js';
import { TaskRunner } from '../../src/state/tasks.js';
import { keepAscii } from '../../src/widgets/ascii.js';
import { makeTheme, type Theme } from '../../src/widgets/theme.js';
import { FakeEngine } from './fake-engine.js';

export interface Driver {
  readonly store: Store;
  /** The events the shell has seen: push to it as the refresher would. */
  readonly events: EventLog;
  readonly engine: FakeEngine;
  readonly shell: OpenShell;
  readonly screen: blessed.Widgets.Screen;
  /** Keys in blessed's naming: 'j', 'enter', 'escape', 'S-tab', 'C-c'; plain text types each character. */
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  /** Keys that arrive in one read, as a fast typist's or a paste's do: no frame runs between them. */
  burst(...keys: string[]): Promise<void>;
  /** The screen as lines of text, after the next frame. */
  text(): Promise<string>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Reloads every list from the fake engine, as the refresher would after an event. */
  refresh(): Promise<void>;
  quitCalls(): number;
  /** Everything written to the terminal so far (escape sequences included). */
  written(): string;
  close(): void;
}

const FRAME_MS = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cellsOf = (screen: blessed.Widgets.Screen) => (screen as unknown as { lines: Array<Array<[number, string]>> }).lines;

function keyEvent(name: string): [string | undefined, { full: string; name: string; ctrl: boolean; shift: boolean; meta: boolean; sequence: string }] {
  const ch = name.length === 1 ? name : name === 'space' ? ' ' : undefined;
  const shift = /^S-/.test(name) || (name.length === 1 && name !== name.toLowerCase());
  return [ch, { full: name, name: name.replace(/^[SC]-/, '').toLowerCase(), ctrl: /^C-/.test(name), shift, meta: false, sequence: ch ?? '' }];
}

export interface MountOptions {
  engine?: FakeEngine;
  cols?: number;
  rows?: number;
  readOnly?: boolean;
  /** Colour with the default theme (ignored when `theme` is given). */
  color?: boolean;
  theme?: Theme;
  /** The action table (the config's remapped one); ACTIONS by default. */
  actions?: readonly Action[];
  settings?: Partial<Settings>;
  /** The config's custom commands (give their rows in `actions` too: actionTable does both). */
  commands?: readonly CustomCommand[];
  /** Click and wheel, as mouse: true sets them. */
  mouse?: boolean;
  /** ASCII mode, as --ascii sets it. */
  ascii?: boolean;
  /** blessed's terminal description ('xterm' has 8 colours). */
  terminal?: string;
}

export async function mountShell(opts: MountOptions = {}): Promise<Driver> {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: () => void };
  input.isTTY = true;
  input.setRawMode = () => {};
  const output = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; rows: number };
  output.isTTY = true;
  output.columns = opts.cols ?? 120;
  output.rows = opts.rows ?? 35;
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const screen = blessed.screen({ input, output, terminal: opts.terminal ?? 'xterm-256color', fullUnicode: true, warnings: false } as blessed.Widgets.IScreenOptions);
  if (opts.ascii) keepAscii(screen);
  const engine = opts.engine ?? new FakeEngine();
  const store = new Store();
  const events = new EventLog();
  store.update({ connection: { status: 'connected' }, endpoint: { url: 'unix:///fake.sock', source: 'test' } });
  const refresh = async () => {
    for (const spec of RESOURCES) {
      try {
        store.setList(spec, await spec.load(engine.port));
      } catch (err) {
        // A kind loaded only when shown may fail where it does not apply (services outside a swarm), as with the refresher.
        if (!spec.lazy) throw err;
      }
    }
  };
  await refresh();
  let quits = 0;
  const shell = openShell(
    {
      store,
      tasks: new TaskRunner(store),
      engine: engine.port,
      jobs: new Jobs(),
      events,
      refresh: () => void refresh(),
      readOnly: opts.readOnly ?? false,
      settings: { ...DEFAULT_SETTINGS, ...opts.settings },
      switchHost: async () => 'not in tests',
      visible: () => undefined,
    },
    {
      screen,
      theme: opts.theme ?? makeTheme(opts.color ?? false),
      quit: () => void quits++,
      panes: PANES,
      views: VIEWS,
      actions: opts.actions ?? ACTIONS,
      ...(opts.commands ? { commands: opts.commands } : {}),
      ...(opts.mouse ? { mouse: true } : {}),
      helpTitles: HELP_TITLES,
      statusCells: shellStatus,
      suspendTerminal: (_s, run) => run(),
    },
  );
  const frame = async () => {
    await sleep(FRAME_MS);
    return cellsOf(screen)
      .map((row) => row.map((c) => c[1].replace('\x03', '')).join('').trimEnd())
      .join('\n');
  };
  const d: Driver = {
    store,
    events,
    engine,
    shell,
    screen,
    async press(...keys) {
      for (const k of keys) {
        const [ch, key] = keyEvent(k);
        screen.emit('keypress', ch, key);
        // Let promises (dialogs, tasks) settle between keys, as a person's typing would.
        await sleep(5);
      }
    },
    async burst(...keys) {
      for (const k of keys) screen.emit('keypress', ...keyEvent(k));
      await sleep(5);
    },
    async type(text) {
      await d.press(...[...text]);
    },
    text: frame,
    async waitForText(text, timeoutMs = 2000) {
      const until = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < until) {
        last = await frame();
        if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      }
      throw new Error(`"${String(text)}" did not appear on the screen:\n${last}`);
    },
    refresh,
    quitCalls: () => quits,
    written: () => written,
    close() {
      shell.close();
      screen.destroy();
    },
  };
  return d;
}
