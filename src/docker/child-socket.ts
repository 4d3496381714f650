// A child process's stdin and stdout as one duplex stream shaped like a socket, so node's HTTP
// client (through an http.Agent) can speak the Engine API over `ssh ... docker system dial-stdio`.
// The child is started only once `before` settles (the shared ssh connection is up), and a child
// that ends without sending a byte ends the stream with an error built from its stderr.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';

export interface ChildSocketOptions {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Settles before the child starts; a rejection destroys the stream with that error. */
  readonly before?: Promise<void>;
  /** The error for a child that failed before it sent anything (the tail of its stderr, its exit code). */
  failure(stderr: string, code: number | null): Error;
  /** The error when the program cannot be started at all. */
  spawnFailure(err: NodeJS.ErrnoException): Error;
}

const STDERR_KEPT = 4096;

export class ChildSocket extends Duplex {
  /** The idle timeout in ms (0: none), as on a net.Socket; the HTTP agent reads it. */
  timeout = 0;
  private child: ChildProcessWithoutNullStreams | undefined;
  private received = 0;
  private stderr = '';
  private pending: { chunk: Buffer; done: (err?: Error | null) => void }[] = [];
  private endPending = false;
  private referenced = true;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: ChildSocketOptions) {
    // When the far side closes, close our side too (a net.Socket's default for HTTP).
    super({ allowHalfOpen: false });
    if (opts.before) opts.before.then(() => this.start(), (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))));
    else this.start();
  }

  private start(): void {
    if (this.destroyed) return;
    // detached: a session of its own, so the child has no controlling terminal (ssh can never
    // prompt over berth's screen) and a Ctrl-C meant for berth does not reach it.
    const child = spawn(this.opts.file, [...this.opts.args], { env: this.opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    child.on('error', (err: NodeJS.ErrnoException) => this.destroy(this.opts.spawnFailure(err)));
    // A write after the child died fails with EPIPE; the exit below says why it died.
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (d: Buffer) => {
      this.received += d.length;
      this.touch();
      if (!this.push(d)) child.stdout.pause();
    });
    child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-STDERR_KEPT);
    });
    child.on('close', (code) => {
      this.child = undefined;
      if (this.destroyed) return;
      if (this.received === 0 && code !== 0) this.destroy(this.opts.failure(this.stderr, code));
      else this.push(null);
    });
    if (!this.referenced) this.unref();
    for (const { chunk, done } of this.pending.splice(0)) this.writeToChild(chunk, done);
    if (this.endPending) child.stdin.end();
  }

  private writeToChild(chunk: Buffer, done: (err?: Error | null) => void): void {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return done();
    this.touch();
    if (stdin.write(chunk)) done();
    else stdin.once('drain', () => done());
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.child) this.writeToChild(chunk, done);
    else this.pending.push({ chunk, done });
  }

  override _final(done: (err?: Error | null) => void): void {
    if (this.child) this.child.stdin.end();
    else this.endPending = true;
    done();
  }

  override _read(): void {
    this.child?.stdout.resume();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    clearTimeout(this.idle);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    done(err);
  }

  private touch(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    if (this.timeout > 0 && !this.destroyed) {
      this.idle = setTimeout(() => this.emit('timeout'), this.timeout);
      if (!this.referenced) this.idle.unref();
    }
  }

  // What node's HTTP client and agent call on a socket.
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.timeout = ms;
    if (onTimeout) {
      if (ms > 0) this.once('timeout', onTimeout);
      else this.removeListener('timeout', onTimeout);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  /** An idle kept-alive connection must not keep berth running (as a net.Socket's unref). */
  unref(): this {
    this.referenced = false;
    const c = this.child;
    if (c) {
      c.unref();
      for (const s of [c.stdin, c.stdout, c.stderr] as unknown as { unref?: () => void }[]) s.unref?.();
    }
    this.idle?.unref();
    return this;
  }

  ref(): this {
    this.referenced = true;
    const c = this.child;
    if (c) {
      c.ref();
      for (const s of [c.stdin, c.stdout, c.stderr] as unknown as { ref?: () => void }[]) s.ref?.();
    }
    this.idle?.ref();
    return this;
  }
}
