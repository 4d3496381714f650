// Runs a TUI in a pseudo-terminal and reads its screen through a headless terminal, with
// timings taken when the bytes arrive: time to first paint (spawn until a predicate on the
// screen holds) and key latency (key written until the screen shows its effect).
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { performance } from 'node:perf_hooks';

const { Terminal } = xterm;
type Term = InstanceType<typeof Terminal>;

export interface ScreenView {
  /** The visible screen as text, lines joined by newlines. */
  text(): string;
  /**
   * Where the screen is highlighted (inverse video or a background colour), row by row.
   * A navigation key moves the highlighted row, so this changes when the key took
   * effect, while a log pane scrolling plain text under it leaves it alone.
   */
  highlight(): string;
}

export interface ProbeOptions {
  readonly argv: readonly string[];
  readonly env: Record<string, string>;
  readonly cols: number;
  readonly rows: number;
  readonly cwd?: string;
}

interface Waiter {
  readonly pred: (v: ScreenView) => boolean;
  readonly resolve: (t: number | undefined) => void;
  readonly timer: NodeJS.Timeout;
}

export class TuiProbe {
  readonly spawnedAt: number;
  readonly pid: number;
  readonly exited: Promise<number>;
  private done = false;
  private readonly term: Term;
  private readonly proc: pty.IPty;
  private waiters: Waiter[] = [];
  private bytes = 0;

  constructor(opts: ProbeOptions) {
    this.term = new Terminal({ cols: opts.cols, rows: opts.rows, allowProposedApi: true, scrollback: 0 });
    const [file, ...args] = opts.argv;
    if (!file) throw new Error('no command to run');
    this.spawnedAt = performance.now();
    this.proc = pty.spawn(file, args, { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, env: opts.env, cwd: opts.cwd ?? process.cwd() });
    this.pid = this.proc.pid;
    this.proc.onData((d) => {
      const arrived = performance.now();
      this.bytes += d.length;
      // Checked once this chunk is parsed, and timed by its arrival: what a user would see then.
      this.term.write(d, () => this.check(arrived));
    });
    // Answer the app's terminal queries (cursor position, device attributes) as a real terminal would.
    this.term.onData((d) => {
      if (!this.done) this.proc.write(d);
    });
    this.exited = new Promise((resolve) =>
      this.proc.onExit(({ exitCode }) => {
        this.done = true;
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.resolve(undefined);
        }
        this.waiters = [];
        resolve(exitCode);
      }),
    );
  }

  get running(): boolean {
    return !this.done;
  }

  /** Bytes the app has written to its terminal so far. */
  get outputBytes(): number {
    return this.bytes;
  }

  view(): ScreenView {
    let text: string | undefined;
    let hl: string | undefined;
    return {
      text: () => (text ??= screenText(this.term)),
      highlight: () => (hl ??= highlightSignature(this.term)),
    };
  }

  /** Resolves with the arrival time of the output that made `pred` true, or undefined on timeout or exit. */
  waitFor(pred: (v: ScreenView) => boolean, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      // Flush what is already written, then look: the screen may already satisfy it.
      this.term.write('', () => {
        if (pred(this.view())) return resolve(performance.now());
        if (this.done) return resolve(undefined);
        const waiter: Waiter = {
          pred,
          resolve,
          timer: setTimeout(() => {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            resolve(undefined);
          }, timeoutMs),
        };
        this.waiters.push(waiter);
      });
    });
  }

  /**
   * Writes a key and resolves with the milliseconds until the screen's highlight
   * changed (undefined when it did not within the timeout).
   */
  async keyLatency(key: string, timeoutMs: number): Promise<number | undefined> {
    await this.flush();
    const before = highlightSignature(this.term);
    const sent = performance.now();
    this.proc.write(key);
    const at = await this.waitFor((v) => v.highlight() !== before, timeoutMs);
    return at === undefined ? undefined : at - sent;
  }

  /** Rows that carry inverse video or a background colour somewhere (a selection, a bar). */
  highlightedRows(): number[] {
    return highlightSignature(this.term)
      .split('|')
      .filter(Boolean)
      .map((r) => Number(r.slice(0, r.indexOf(':'))));
  }

  write(data: string): void {
    if (!this.done) this.proc.write(data);
  }

  flush(): Promise<void> {
    return new Promise((r) => this.term.write('', r));
  }

  /** Ends the app and its process group: SIGTERM, then SIGKILL if it lingers. */
  async close(graceMs = 1500): Promise<void> {
    if (!this.done) {
      signalGroup(this.pid, 'SIGTERM');
      const gone = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!gone) {
        signalGroup(this.pid, 'SIGKILL');
        await Promise.race([this.exited, sleep(2000)]);
      }
    }
    // Anything it left in its group (a helper process) goes too.
    signalGroup(this.pid, 'SIGKILL');
    this.term.dispose();
  }

  private check(arrived: number): void {
    if (!this.waiters.length) return;
    const v = this.view();
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.pred(v)) {
        clearTimeout(w.timer);
        w.resolve(arrived);
      } else still.push(w);
    }
    this.waiters = still;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // The pty made the app a session and group leader: its group is its own pid.
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function screenText(term: Term): string {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < term.rows; i++) lines.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
  return lines.join('\n');
}

function highlightSignature(term: Term): string {
  const buf = term.buffer.active;
  const rows: string[] = [];
  let cell = buf.getNullCell();
  for (let y = 0; y < term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y);
    if (!line) continue;
    let runs = '';
    let prev = '';
    for (let x = 0; x < term.cols; x++) {
      cell = line.getCell(x, cell) ?? cell;
      const mark = cell.isInverse() ? 'i' : cell.isBgDefault() ? '' : `${cell.getBgColorMode()}:${cell.getBgColor()}`;
      if (mark !== prev) {
        runs += `${x}=${mark};`;
        prev = mark;
      }
    }
    if (runs) rows.push(`${y}:${runs}`);
  }
  return rows.join('|');
}
