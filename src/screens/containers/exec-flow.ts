// e: a shell in the selected container, on the user's real terminal; A: attach to its main
// process. berth hands the terminal over (leaves the alternate screen, stops drawing and
// reading keys), the session owns it until it ends, and berth takes it back and repaints.
import type { ContainerSummary } from '../../docker/containers.js';
import type { InteractiveSession, SessionEnd, SessionIo } from '../../docker/exec.js';
import type { ScreenContext } from '../context.js';

type Start = (size: { columns: number; rows: number }, io: SessionIo) => Promise<InteractiveSession>;

/** Runs a session on the real terminal; resolves with how it ended. */
function onTerminal(ctx: ScreenContext, banner: string, start: Start): Promise<SessionEnd> {
  return ctx.suspend(async () => {
    const { stdin, stdout } = process;
    stdout.write(`\r\n${banner}\r\n`);
    const size = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    // Raw: every key, ctrl-c included, goes to the process in the container.
    if (stdin.isTTY) stdin.setRawMode(true);
    let session: InteractiveSession | undefined;
    const onResize = () => void session?.resize(size().columns, size().rows).catch(() => undefined);
    stdout.on('resize', onResize);
    try {
      session = await start(size(), { stdin, stdout });
      return await session.done;
    } finally {
      stdout.removeListener('resize', onResize);
      if (stdin.isTTY) stdin.setRawMode(false);
    }
  });
}

const ended = (what: string, end: SessionEnd) =>
  end.how === 'detached' ? `detached from ${what} (it runs on)` : end.how === 'stopped' ? `left ${what}` : `${what} ended${end.exitCode !== undefined ? ` (exit ${end.exitCode})` : ''}`;

export async function execShell(ctx: ScreenContext, c: ContainerSummary): Promise<void> {
  // The shells tried in order (the config's, else bash, zsh, ash, sh): the first that runs is used.
  const shells = ctx.settings.shells;
  const found = await ctx.tasks.run(`looking for a shell in ${c.name}`, () => ctx.engine.findShell(c.id, shells));
  if (!found.ok) return;
  const shell = found.value;
  if (!shell) return ctx.store.say(`${c.name} has no shell (tried ${shells.join(', ')}).`, 'error');
  try {
    const end = await onTerminal(ctx, `berth: ${shell} in ${c.name} (exit to come back)`, (size, io) => ctx.engine.execInteractive(c.id, { cmd: [shell], tty: true, ...size }, io));
    ctx.store.say(ended(`the shell in ${c.name}`, end));
  } catch (err) {
    ctx.store.say(err instanceof Error ? err.message : String(err), 'error');
  }
}

export async function attach(ctx: ScreenContext, c: ContainerSummary): Promise<void> {
  try {
    const end = await onTerminal(ctx, `berth: attached to ${c.name} (ctrl-p ctrl-q detaches and leaves it running)`, (size, io) => ctx.engine.attachInteractive(c.id, size, io));
    ctx.store.say(ended(c.name, end));
  } catch (err) {
    ctx.store.say(err instanceof Error ? err.message : String(err), 'error');
  }
}
