// In-memory terminal ends for exec/attach sessions in engine tests: keys typed in,
// output collected.
import { PassThrough, Writable } from 'node:stream';

export interface TestSessionIo {
  readonly stdin: PassThrough;
  readonly stdout: Writable;
  readonly stderr: Writable;
  type(keys: string): void;
  stdoutText(): string;
  stderrText(): string;
}

export function sessionIo(): TestSessionIo {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        into.push(chunk);
        cb();
      },
    });
  const stdin = new PassThrough();
  // As suspendTerminal leaves process.stdin: paused, so the session must resume it.
  stdin.pause();
  return {
    stdin,
    stdout: sink(out),
    stderr: sink(err),
    type: (keys) => void stdin.write(keys),
    stdoutText: () => Buffer.concat(out).toString('utf8'),
    stderrText: () => Buffer.concat(err).toString('utf8'),
  };
}

/** Waits until stdout matches; throws with what came so far on timeout. */
export async function waitForOutput(io: TestSessionIo, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const text = io.stdoutText();
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${String(pattern)} in the session output:\n${JSON.stringify(io.stdoutText())}`);
}
