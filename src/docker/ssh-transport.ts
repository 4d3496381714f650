// ssh:// the way the docker CLI does it: the system ssh runs `docker system dial-stdio` on the
// far side and the Engine API travels over its stdin and stdout. Each HTTP connection is one
// ssh session over one shared, authenticated connection (ControlMaster), which berth opens
// first: before the full screen with ssh free to ask on the terminal, later in BatchMode.
import { spawn, spawnSync } from 'node:child_process';
import { Agent } from 'node:http';
import type { Duplex } from 'node:stream';
import { ChildSocket } from './child-socket.js';
import type { Endpoint } from './endpoint.js';
import { newControlPath, removeControlDir, sshDialArgs, sshExitArgs, sshMasterArgs } from './ssh-command.js';
import { sshError, sshMissing } from './ssh-errors.js';

/** How long an idle kept-alive session (a remote dial-stdio process) is kept for the next request. */
const IDLE_SESSION_MS = 15_000;

let open = 0;

export class SshTransport {
  /** The agent dockerode sends every request through. */
  readonly agent: Agent;
  private readonly controlPath: string;
  private master: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly ep: Endpoint,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.controlPath = newControlPath();
    open++;
    const dial = () => this.dial();
    this.agent = new (class extends Agent {
      override createConnection(): Duplex {
        return dial();
      }
    })({ keepAlive: true, timeout: IDLE_SESSION_MS });
  }

  /**
   * Opens the shared connection, or finds it open. `interactive` lets ssh ask for a passphrase
   * or about an unknown host key on the terminal: only before berth's screen opens. There is no
   * deadline of berth's own: ssh's ConnectTimeout bounds the network, the user the prompt.
   */
  connect(opts: { interactive?: boolean } = {}): Promise<void> {
    const attempt = new Promise<void>((resolve, reject) => {
      const child = spawn('ssh', sshMasterArgs(this.ep, { controlPath: this.controlPath, ...(opts.interactive ? { interactive: true } : {}) }), {
        env: this.env,
        stdio: ['ignore', 'ignore', 'pipe'],
        // Without a terminal of its own, ssh cannot prompt (BatchMode says so too).
        detached: !opts.interactive,
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4096)));
      child.on('error', (err: NodeJS.ErrnoException) => reject(sshMissing(this.ep.url, err)));
      // With ControlPersist, ssh leaves the connection to a background process once logged in
      // and exits 0; it exits 255 when it could not connect or log in.
      child.on('close', (code) => (code === 0 ? resolve() : reject(sshError({ stderr, code, url: this.ep.url, host: this.ep.host! }))));
    });
    this.master = attempt;
    // A failed attempt is not remembered: the next connection tries again (a reconnect).
    attempt.catch(() => {
      if (this.master === attempt) this.master = undefined;
    });
    return attempt;
  }

  private dial(): Duplex {
    const before = this.master ?? this.connect();
    return new ChildSocket({
      file: 'ssh',
      args: sshDialArgs(this.ep, { controlPath: this.controlPath }),
      env: this.env,
      before,
      failure: (stderr, code) => {
        // ssh's own failure (the connection went away): open it again next time.
        if (code === 255 && this.master === before) this.master = undefined;
        return sshError({ stderr, code, url: this.ep.url, host: this.ep.host! });
      },
      spawnFailure: (err) => sshMissing(this.ep.url, err),
    });
  }

  /** Ends every session and the shared connection (synchronously: berth may be exiting). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.agent.destroy();
    if (this.master) {
      spawnSync('ssh', sshExitArgs(this.ep, this.controlPath), { env: this.env, stdio: 'ignore', timeout: 3000 });
    }
    if (--open === 0) removeControlDir();
  }
}
