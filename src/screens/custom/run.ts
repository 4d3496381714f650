// Runs a custom command for the selected object and shows its output and exit code in a
// view. On the host it is a child process (argv, no shell unless the config asked); inside
// the container it is an exec without a TTY. Either way the output is collected (bounded)
// and sanitised like a log line, and closing the view stops a command still running.
import { spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import { sanitizeLogLine } from '../../render/log-sanitize.js';
import type { ScreenContext } from '../context.js';
import { openInspectView } from '../inspect-view.js';
import type { Shell, View } from '../view.js';
import { commandLine, type CustomCommand } from './command.js';

/** Output kept per run: a command that prints more shows its start and says so. */
const MAX_OUTPUT = 1024 * 1024;

interface Outcome {
  readonly output: string;
  readonly exitCode: number | undefined;
  readonly cut: boolean;
}

function collector(): { sink: Writable; result(): { output: string; cut: boolean } } {
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (size < MAX_OUTPUT) {
        chunks.push(chunk.subarray(0, MAX_OUTPUT - size));
        size += Math.min(chunk.length, MAX_OUTPUT - size);
      }
      if (size >= MAX_OUTPUT && chunk.length) cut = true;
      done();
    },
  });
  return { sink, result: () => ({ output: Buffer.concat(chunks).toString('utf8'), cut }) };
}

function onHost(argv: readonly string[], env: Record<string, string>, stopper: { stop?: () => void }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const out = collector();
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    stopper.stop = () => child.kill('SIGTERM');
    child.stdout.pipe(out.sink, { end: false });
    child.stderr.pipe(out.sink, { end: false });
    child.on('error', (err: NodeJS.ErrnoException) => reject(new Error(err.code === 'ENOENT' ? `${argv[0]} is not a program on this machine's PATH.` : err.message)));
    child.on('close', (code, signal) => resolve({ ...out.result(), exitCode: code ?? (signal ? 128 : undefined) }));
  });
}

async function inContainer(ctx: ScreenContext, containerId: string, argv: readonly string[], env: Record<string, string>, stopper: { stop?: () => void }): Promise<Outcome> {
  const out = collector();
  // No TTY: stdout and stderr come apart and nothing is read from a keyboard (stdin stays open and empty).
  const session = await ctx.engine.execInteractive(
    containerId,
    { cmd: argv, tty: false, columns: 80, rows: 24, env: Object.entries(env).map(([k, v]) => `${k}=${v}`) },
    { stdin: new PassThrough(), stdout: out.sink, stderr: out.sink },
  );
  stopper.stop = () => session.stop();
  const end = await session.done;
  return { ...out.result(), exitCode: end.exitCode };
}

/** The lines of the view: the command as run, its output, its exit code. */
export function outcomeLines(shown: string, o: Outcome): string[] {
  const body = o.output.replace(/\n$/, '').split(/\r?\n/).map((l) => sanitizeLogLine(l, { keepColor: false }));
  return [
    `$ ${shown}`,
    ...(o.output ? body : ['(no output)']),
    ...(o.cut ? [`(output cut at ${MAX_OUTPUT / 1024 / 1024} MB)`] : []),
    '',
    o.exitCode === undefined ? 'exit code unknown' : `exit code ${o.exitCode}`,
  ];
}

export function runCustomCommand(ctx: ScreenContext, shell: Shell, c: CustomCommand, fields: Readonly<Record<string, string>>): void {
  const { argv, env } = commandLine(c, fields);
  const target = fields.Name ?? fields.ID ?? '';
  const shown = c.shell ? `${c.command[0]} (sh -c, with ${Object.keys(env).join(', ') || 'no fields'})` : argv.join(' ');
  const stopper: { stop?: () => void } = {};
  const view: View = openInspectView(ctx, shell, {
    title: `${c.name} · ${target}`,
    fileName: `${c.name.replace(/[^\w.-]+/g, '-')}.txt`,
    load: async () => {
      const o = c.where === 'container' ? await inContainer(ctx, fields.ID!, argv, env, stopper) : await onHost(argv, env, stopper);
      ctx.store.say(`${c.name} on ${target}: exit code ${o.exitCode ?? 'unknown'}`, o.exitCode === 0 ? 'info' : 'error');
      return outcomeLines(shown, o);
    },
  });
  shell.push({
    ...view,
    close() {
      stopper.stop?.();
      view.close();
    },
  });
}
