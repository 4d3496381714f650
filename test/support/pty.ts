// Drives the built berth in a pseudo-terminal and reads the screen through a
// headless terminal, as a user would see it.
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { BIN } from './berth-bin.js';

const { Terminal } = xterm;

export interface AppSession {
  /** Types keys: plain text, or named keys from KEYS. */
  press(...keys: string[]): Promise<void>;
  /** The screen as lines of text (trailing spaces trimmed). */
  screenText(): Promise<string>;
  /** Waits until the screen contains the text (or matches the regexp); throws with the screen on timeout. */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  waitForNoText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /**
   * The first wait after launch (by default for "● connected"), with a deadline generous
   * enough for a busy 2-core machine: it proves the app comes up, not how fast (that is
   * `npm run bench`'s job).
   */
  waitForStart(text?: string | RegExp): Promise<string>;
  /** Resolves with the exit code when the app exits. */
  readonly exited: Promise<number>;
  /** Everything the app wrote, raw (to check the escapes it sent). */
  rawOutput(): string;
  /** The terminal's title as the app left it. */
  title(): string;
  /** Which screen buffer the terminal shows and whether it reports the mouse. */
  modes(): Promise<{ buffer: 'normal' | 'alternate'; mouse: string }>;
  readonly pid: number;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  /** Kills the app if it still runs and frees the terminal. */
  close(): Promise<void>;
}

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  ctrlC: '\x03',
  home: '\x1b[H',
  end: '\x1b[F',
} as const;

/** How long a launch may take to show its first screen on a loaded machine. */
export const START_TIMEOUT_MS = 20_000;

export interface LaunchOptions {
  readonly args?: readonly string[];
  readonly env?: Record<string, string | undefined>;
  readonly cols?: number;
  readonly rows?: number;
  /** Runs this instead of the built berth (test programs). */
  readonly command?: { readonly file: string; readonly args: readonly string[] };
}

export function launch(opts: LaunchOptions = {}): AppSession {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 35;
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  let raw = '';
  let title = '';
  term.onTitleChange((t) => (title = t));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    TERM: 'xterm-256color',
    // UTF-8 whatever the caller's locale (else berth draws in ASCII), and no user config.
    LANG: 'C.UTF-8',
    LC_ALL: undefined,
    LC_CTYPE: undefined,
    XDG_CONFIG_HOME: '/nonexistent/berth-tests',
    ...(opts.env ?? {}),
  })) {
    if (v !== undefined) env[k] = v;
  }
  const proc = pty.spawn(opts.command?.file ?? BIN, [...(opts.command?.args ?? []), ...(opts.args ?? [])], { name: 'xterm-256color', cols, rows, env, cwd: process.cwd() });
  proc.onData((d) => {
    raw += d;
    term.write(d);
  });
  // The headless terminal answers queries (cursor position, device attributes) the way a real one would.
  term.onData((d) => proc.write(d));
  let done = false;
  const exited = new Promise<number>((resolve) =>
    proc.onExit(({ exitCode }) => {
      done = true;
      resolve(exitCode);
    }),
  );

  const flush = () => new Promise<void>((r) => term.write('', r));
  const screenText = async () => {
    await flush();
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const matches = (screen: string, text: string | RegExp) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
  const waitFor = async (text: string | RegExp, present: boolean, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < until) {
      screen = await screenText();
      if (matches(screen, text) === present) return screen;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${present ? '' : 'no '}${String(text)} on screen:\n${screen}`);
  };

  return {
    pid: proc.pid,
    exited,
    async press(...keys) {
      for (const k of keys) {
        proc.write(k);
        // A lone ESC followed too soon by another key reads as alt+key (ESC J = M-J):
        // give the app time to take it as Escape, as a person's typing would.
        await new Promise((r) => setTimeout(r, k === '\x1b' ? 150 : 30));
      }
    },
    screenText,
    waitForText: (t, ms = 5000) => waitFor(t, true, ms),
    waitForNoText: (t, ms = 5000) => waitFor(t, false, ms),
    waitForStart: (t = '● connected') => waitFor(t, true, START_TIMEOUT_MS),
    rawOutput: () => raw,
    title: () => title,
    async modes() {
      await flush();
      return { buffer: term.buffer.active.type, mouse: term.modes.mouseTrackingMode };
    },
    resize(c, r) {
      proc.resize(c, r);
      term.resize(c, r);
    },
    kill(signal = 'SIGTERM') {
      if (!done) proc.kill(signal);
    },
    async close() {
      if (!done) {
        proc.kill('SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      }
      term.dispose();
    },
  };
}
