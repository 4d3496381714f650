// The test's own look at the engine's real state, independent of berth's code: what a
// command prints inside a container, which events the engine recorded, and waiting until
// the engine agrees with what the screen said.
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';

export interface ExecResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly exitCode: number | null;
}

/** Runs a command in a running container and returns its exact output bytes. */
export async function execIn(docker: Docker, container: string, cmd: string[]): Promise<ExecResult> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough().on('data', (d: Buffer) => out.push(d));
  const stderr = new PassThrough().on('data', (d: Buffer) => err.push(d));
  // dockerode's own demultiplexer (not berth's log-frames) splits the framed stream.
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode: info.ExitCode };
}

export interface EngineEvent {
  readonly Type: string;
  readonly Action: string;
  readonly Actor: { readonly ID: string; readonly Attributes: Record<string, string> };
  readonly timeNano: number;
}

/** The engine's seconds clock, for `since`: the test machine and the engine share it. */
export function engineNow(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The events the engine recorded for one container from `since` (seconds) until now. The
 * stream ends by itself because `until` is given.
 */
export async function containerEvents(docker: Docker, container: string, since: number): Promise<EngineEvent[]> {
  const until = engineNow() + 1;
  const stream = (await docker.getEvents({ since, until, filters: { type: ['container'], container: [container] } })) as NodeJS.ReadableStream;
  let text = '';
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EngineEvent);
}

/** Polls until the check holds; throws with `what` when the deadline passes. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
