// A private, throwaway dockerd for the engine and end-to-end tests.
// It runs in its own network namespace (a dockerd in the host's namespace deletes
// the host's docker0 bridge), with its own data, exec root, containerd namespace
// and cgroup parent, so nothing of the user's engine is ever visible or touched.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';

export const ENGINES_ROOT = join(tmpdir(), 'berth-test-engines');

export interface EngineHandle {
  readonly id: string;
  readonly dir: string;
  readonly socket: string;
  readonly dockerHost: string;
  /** The network namespace the engine lives in ("" when an external engine is used). */
  readonly netns: string;
  readonly external: boolean;
}

export class EngineUnavailable extends Error {}

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Says what is missing to run a private engine here, or undefined when all is there. */
export function missingPrerequisites(): string | undefined {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('the tests must run as root (they start a private dockerd in its own network namespace)');
  if (!which('dockerd')) problems.push('dockerd is not installed: apt-get install -y docker.io');
  if (!existsSync('/bin/busybox') || !/static/.test(safeFile('/bin/busybox'))) problems.push('a static /bin/busybox is needed for the fixture image: apt-get install -y busybox-static');
  if (!which('nsenter') || !which('ip')) problems.push('nsenter and ip are needed: apt-get install -y util-linux iproute2');
  return problems.length ? problems.join('; ') : undefined;
}

function safeFile(path: string): string {
  try {
    return execFileSync('file', ['-L', path], { encoding: 'utf8' });
  } catch {
    // No `file` command: check the ELF has no interpreter (dynamic binaries have one).
    try {
      const buf = readFileSync(path);
      return buf.includes(Buffer.from('/lib64/ld-linux')) || buf.includes(Buffer.from('/lib/ld-linux')) ? 'dynamic' : 'static';
    } catch {
      return '';
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A GET/POST/DELETE on the engine's socket; resolves with status and body. */
export function engineRequest(socket: string, method: string, path: string, timeoutMs = 30_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, method, path, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${method} ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

async function waitForEngine(socket: string, logFile: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < until) {
    if (existsSync(socket)) {
      try {
        const r = await engineRequest(socket, 'GET', '/_ping', 2000);
        if (r.status === 200) return;
      } catch (err) {
        last = err;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new EngineUnavailable(`the private dockerd did not become ready in ${deadlineMs / 1000} s (${String(last)}).\n${log}`);
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: 'ignore' });
}

/** Starts a private engine. The caller must stopEngine() it (also on failure). */
export async function startEngine(label = 'test'): Promise<EngineHandle> {
  reapStaleEngines();
  const missing = missingPrerequisites();
  if (missing) throw new EngineUnavailable(missing);
  const id = `berth-${label}-${process.pid}-${Date.now().toString(36)}`;
  const dir = join(ENGINES_ROOT, id);
  mkdirSync(dir, { recursive: true });
  // Who owns this engine: a later run reaps it if this process died without cleaning up.
  writeFileSync(join(dir, 'owner'), String(process.pid));
  const netns = id;
  run('ip', ['netns', 'add', netns]);
  writeFileSync(join(dir, 'netns'), netns);
  run('ip', ['netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up']);
  const socket = join(dir, 'docker.sock');
  const handle: EngineHandle = { id, dir, socket, dockerHost: `unix://${socket}`, netns, external: false };
  try {
    await spawnDaemon(handle);
  } catch (err) {
    await stopEngine(handle);
    throw err;
  }
  return handle;
}

/**
 * The flags that keep a test dockerd away from the host's network and the user's engine:
 * no bridge or iptables changes, its own cgroup parent and containerd namespaces.
 */
export function isolationArgs(unique: string): string[] {
  return [
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-masq=false',
    `--cgroup-parent=${unique}`,
    `--containerd-namespace=${unique}`,
    `--containerd-plugins-namespace=${unique}-plugins`,
    '--log-level=warn',
  ];
}

/** Starts dockerd for an engine whose directories and namespace exist; resolves when it answers. */
async function spawnDaemon(h: EngineHandle): Promise<void> {
  const { id, dir, netns, socket } = h;
  const logFile = join(dir, 'dockerd.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(
    'nsenter',
    [
      `--net=/var/run/netns/${netns}`,
      'dockerd',
      '--data-root', join(dir, 'data'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', join(dir, 'dockerd.pid'),
      '-H', `unix://${socket}`,
      ...isolationArgs(id),
    ],
    { stdio: ['ignore', fd, fd], detached: true },
  );
  closeSync(fd);
  child.unref();
  await waitForEngine(socket, logFile, 30_000);
}

/**
 * Stops the engine's dockerd as `systemctl restart docker` would (SIGTERM, so it takes its
 * containerd down cleanly), waits `downMs`, and starts it again with the same data: for
 * testing that clients notice and recover. (A SIGKILLed dockerd leaves a containerd whose
 * successor here cannot start in time, so the crash variant is not reliable to test.)
 */
export async function restartDaemon(h: EngineHandle, downMs = 1000): Promise<void> {
  const pid = killPidFile(join(h.dir, 'dockerd.pid'), 'SIGTERM');
  if (!(await waitGone(pid, 20_000)) && pid) process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, downMs));
  await spawnDaemon(h);
}

async function removeAllContainers(socket: string): Promise<void> {
  try {
    const r = await engineRequest(socket, 'GET', '/containers/json?all=1', 5000);
    const list = JSON.parse(r.body) as { Id: string }[];
    await Promise.all(list.map((c) => engineRequest(socket, 'DELETE', `/containers/${c.Id}?force=1&v=1`, 20_000).catch(() => undefined)));
  } catch {
    /* the engine may already be gone */
  }
}

function killPidFile(file: string, signal: NodeJS.Signals): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!pid || !pidAlive(pid)) return undefined;
  try {
    process.kill(pid, signal);
  } catch {
    return undefined;
  }
  return pid;
}

async function waitGone(pid: number | undefined, ms: number): Promise<boolean> {
  if (pid === undefined) return true;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!pidAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !pidAlive(pid);
}

/** The engine's cgroup directories (its --cgroup-parent) under every hierarchy. */
function engineCgroups(id: string): string[] {
  const out: string[] = [];
  const root = '/sys/fs/cgroup';
  if (!existsSync(root)) return out;
  if (existsSync(join(root, id))) out.push(join(root, id)); // cgroup v2
  for (const ctrl of readdirSync(root)) {
    const dir = join(root, ctrl, id);
    if (existsSync(dir)) out.push(dir);
  }
  return out;
}

/** Kills what still runs in the engine's cgroups, then removes them, deepest first. */
function removeCgroups(id: string): void {
  const remove = (dir: string) => {
    let children: string[] = [];
    try {
      children = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name));
    } catch {
      return;
    }
    for (const c of children) remove(c);
    try {
      for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').map(Number).filter(Boolean)) {
        if (pid !== process.pid) process.kill(pid, 'SIGKILL');
      }
    } catch {
      /* no procs file or already gone */
    }
    try {
      execFileSync('rmdir', [dir], { stdio: 'ignore' });
    } catch {
      /* busy a moment longer, or gone: an empty cgroup dir holds nothing */
    }
  };
  for (const dir of engineCgroups(id)) remove(dir);
}

/**
 * Lazily unmounts everything mounted under `dir`, deepest first: dockerd bind-mounts its
 * data root onto itself, and a killed dockerd leaves container rootfs and netns mounts.
 */
export function unmountUnder(dir: string): void {
  let mounts: string[] = [];
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .map((m) => m.replace(/\\040/g, ' '))
      .filter((m) => m === dir || m.startsWith(dir + '/'));
  } catch {
    return;
  }
  for (const m of [...new Set(mounts)].sort((a, b) => b.length - a.length)) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  }
}

/** This process and every process above it. */
function ancestors(): Set<number> {
  const out = new Set<number>([process.pid]);
  let pid = process.ppid;
  while (pid > 1 && !out.has(pid)) {
    out.add(pid);
    try {
      // Field 4 of /proc/PID/stat, after the parenthesised command name.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return out;
}

/**
 * SIGKILLs every process whose command line names `dir` (containerd, shims, a registry),
 * except this process and its ancestors, whose own arguments may name it too
 * (npx, tsx, timeout...).
 */
export function killProcessesMentioning(dir: string): void {
  let pids: number[] = [];
  try {
    pids = execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return; // none
  }
  const mine = ancestors();
  for (const pid of pids) {
    if (mine.has(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Stops an engine started by startEngine and removes every trace of it. */
export async function stopEngine(h: Pick<EngineHandle, 'id' | 'dir' | 'socket' | 'external'>): Promise<void> {
  if (h.external) return;
  if (existsSync(h.socket)) await removeAllContainers(h.socket);
  const pid = killPidFile(join(h.dir, 'dockerd.pid'), 'SIGTERM');
  if (!(await waitGone(pid, 15_000)) && pid) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await waitGone(pid, 5000);
  }
  // The engine's own containerd and shims, should any outlive it.
  killProcessesMentioning(h.dir);
  try {
    execFileSync('ip', ['netns', 'del', h.id], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
  removeCgroups(h.id);
  unmountUnder(h.dir);
  rmSync(h.dir, { recursive: true, force: true });
}

/** Removes engines whose owning process died (an interrupted run). */
export function reapStaleEngines(): void {
  if (!existsSync(ENGINES_ROOT)) return;
  for (const id of readdirSync(ENGINES_ROOT)) {
    try {
      reapOne(id);
    } catch {
      /* a stale engine that cannot be removed now must not stop a new one from starting */
    }
  }
}

function reapOne(id: string): void {
  const dir = join(ENGINES_ROOT, id);
  const ownerFile = join(dir, 'owner');
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
  if (owner && pidAlive(owner)) return;
  killPidFile(join(dir, 'dockerd.pid'), 'SIGKILL');
  killProcessesMentioning(dir);
  removeCgroups(id);
  try {
    execFileSync('ip', ['netns', 'del', id], { stdio: 'ignore' });
  } catch {
    /* none */
  }
  unmountUnder(dir);
  rmSync(dir, { recursive: true, force: true });
}
