// Creates the blessed screen with a terminal description blessed can read, and
// restores the user's terminal whatever way the app ends.
import type blessed from 'blessed';
import * as lite from './blessed.js';

/**
 * blessed 0.1.81 cannot parse ncurses 6 terminfo files and misreads some entries
 * (screen-256color prints garbage), so it gets one of its bundled, known-good entries.
 * BERTH_TERM overrides the choice.
 */
export function blessedTerminal(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_TERM) return env.BERTH_TERM;
  const term = env.TERM ?? '';
  if (term === 'dumb' || term === '') return 'xterm';
  if (/256col|truecolor|direct/.test(term) || env.COLORTERM) return 'xterm-256color';
  return 'xterm';
}

export function createScreen(opts: { title?: string; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): blessed.Widgets.Screen {
  const screen = lite.screen({
    smartCSR: true,
    fullUnicode: true,
    // Box characters as Unicode, not VT100 line drawing: tmux and some SSH
    // clients show the latter as "lqqk".
    forceUnicode: true,
    terminal: blessedTerminal(),
    title: opts.title ?? 'berth',
    autoPadding: true,
    warnings: false,
    ...(opts.input ? { input: opts.input } : {}),
    ...(opts.output ? { output: opts.output } : {}),
  } as blessed.Widgets.IScreenOptions);
  // forceUnicode alone does not stop blessed from translating box characters to
  // VT100 line drawing; marking ACS as broken does (as NCURSES_NO_UTF8_ACS=1 would).
  (screen as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = process.env.BERTH_ACS !== '1';
  return screen;
}

/**
 * Leaves the alternate screen, shows the cursor and turns raw mode off. Safe to call
 * twice, and from a crash handler where the screen may be half torn down.
 */
export function restoreTerminal(screen: blessed.Widgets.Screen | undefined): void {
  try {
    screen?.destroy();
  } catch {
    /* fall through to the raw escapes */
  }
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    /* stdin may already be closed */
  }
  if (process.stdout.isTTY) {
    // Leave the alternate screen, show the cursor, reset attributes, mouse off.
    process.stdout.write('\x1b[?1049l\x1b[?25h\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l');
  }
}
