// Hands the real terminal to something else (a child process, a docker exec stream)
// and takes it back with every cell repainted.
//
// blessed's own `screen.spawn`/`program.pause` are not used: they replace
// `output.write` with a no-op, which would also silence a caller that writes an
// exec stream to process.stdout (the same object), and they only pause stdin, which
// leaves blessed's 'data'/'keypress' listeners in place for a caller that resumes
// stdin to pipe it into the exec.
import type blessed from 'blessed';

/** The parts of blessed's program this module reaches into (untyped in @types/blessed). */
interface ProgramInternals {
  input: NodeJS.ReadStream & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };
  output: NodeJS.WriteStream;
  isAlt: boolean;
  cursorHidden: boolean;
  mouseEnabled?: boolean;
  _buf: string;
  flush(): void;
  showCursor(): void;
  hideCursor(): void;
  enableMouse(): void;
  disableMouse(): void;
  setMouse(opts: { sendFocus: boolean }, enable: boolean): void;
}

/** Screen methods @types/blessed does not declare. */
interface ScreenInternals {
  enter(): void;
  leave(): void;
}

/** Input events blessed listens to on its input stream (keys.js decodes 'data' into 'keypress'). */
const INPUT_EVENTS = ['data', 'keypress'] as const;
/** Signals a terminal sends to the whole foreground group: while the child has the terminal they are its alone. */
const CHILD_SIGNALS = ['SIGINT', 'SIGQUIT'] as const;
/** How long those signals stay ignored after the child: a late event of the child's Ctrl-C still finds our listener. */
const SIGNAL_GRACE_MS = 500;
/** The program's own write paths, stubbed while suspended so no frame lands on the child's screen. */
const WRITE_METHODS = ['_owrite', 'write'] as const;

/** Screens whose terminal is handed over now: a second suspend would save blessed's listeners as none. */
const suspended = new WeakSet<blessed.Widgets.Screen>();

/**
 * Leaves the alternate screen, shows the cursor, turns mouse reporting and raw mode
 * off and detaches blessed from stdin, then runs `run` (which owns the real terminal:
 * it may spawn a child with stdio 'inherit', or set raw mode itself and pipe stdin to
 * an exec stream), then takes the terminal back and repaints every cell at the size
 * the terminal has now. Restores also when `run` throws.
 *
 * While suspended: blessed draws nothing (its renders and resize repaints go nowhere),
 * keys reach only the child, and Ctrl-C / Ctrl-\ in cooked mode do not end this
 * process (as system(3) ignores them while it waits). Write to process.stdout
 * directly, never through `screen.program`, inside `run`.
 */
export async function suspendTerminal<T>(screen: blessed.Widgets.Screen, run: () => Promise<T>): Promise<T> {
  if (suspended.has(screen)) throw new Error('the terminal is already handed over');
  suspended.add(screen);
  const program = screen.program as unknown as ProgramInternals;
  const terminal = screen as unknown as ScreenInternals;
  const { input } = program;
  const wasRaw = input.isRaw === true;
  const wasAlt = program.isAlt;
  const cursorHidden = program.cursorHidden;
  const mouse = program.mouseEnabled === true;

  // The frame blessed has buffered belongs on the alternate screen: send it there first.
  program.flush();
  terminal.leave();
  if (program.mouseEnabled) program.disableMouse();
  program.flush();

  const listeners = INPUT_EVENTS.map((event) => {
    const saved = input.listeners(event) as ((...args: unknown[]) => void)[];
    input.removeAllListeners(event);
    return { event, saved };
  });
  if (input.setRawMode && wasRaw) input.setRawMode(false);
  input.pause();

  const ignore = () => undefined;
  for (const sig of CHILD_SIGNALS) process.on(sig, ignore);

  // Own properties shadow the prototype's write methods; deleting them restores it exactly.
  const target = program as unknown as Record<string, unknown>;
  const ownWrites = WRITE_METHODS.map((name) => ({ name, own: Object.getOwnPropertyDescriptor(target, name) }));
  for (const name of WRITE_METHODS) target[name] = () => true;

  try {
    return await run();
  } finally {
    suspended.delete(screen);
    for (const { name, own } of ownWrites) {
      if (own) Object.defineProperty(target, name, own);
      else delete target[name];
    }
    // Frames "drawn" while suspended were discarded, so is what is still buffered.
    program._buf = '';
    // Not at once: the Ctrl-C that ended the child reached this process too, and under load its
    // event can come after the child's exit. Without a listener of ours then, blessed's own
    // handler (it exits when it is the only SIGINT listener) would end the app.
    const release = setTimeout(() => {
      for (const sig of CHILD_SIGNALS) process.removeListener(sig, ignore);
    }, SIGNAL_GRACE_MS);
    release.unref?.();

    if (input.setRawMode && wasRaw) input.setRawMode(true);
    for (const { event, saved } of listeners) for (const listener of saved) input.on(event, listener);
    input.resume();

    if (wasAlt) terminal.enter();
    if (!cursorHidden) program.showCursor();
    if (mouse) {
      program.enableMouse();
      if ((screen.options as { sendFocus?: boolean }).sendFocus) program.setMouse({ sendFocus: true }, true);
    }
    // alloc() forgets what the terminal showed, so render() draws every cell again.
    screen.alloc();
    screen.render();
  }
}
