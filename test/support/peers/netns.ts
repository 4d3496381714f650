// Where the peers (TLS dockerd, sshd) live: the private engine's network namespace, so that
// 127.0.0.1 is the namespace's own loopback and nothing listens on the host's.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Runs a command inside the namespace (nsenter: `ip netns exec` breaks dockerd's cgroup view). */
export function inNetns(netns: string, cmd: string, args: readonly string[]): string[] {
  return [`--net=/var/run/netns/${netns}`, cmd, ...args];
}

/** Starts a long-running process in the namespace, output to a log file; the caller stops it by pid. */
export function spawnInNetns(netns: string, cmd: string, args: readonly string[], logFd: number, env: NodeJS.ProcessEnv = process.env): number {
  const child = spawn('nsenter', inNetns(netns, cmd, args), { stdio: ['ignore', logFd, logFd], detached: true, env });
  child.unref();
  return child.pid!;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopPid(pid: number | undefined, graceMs = 5000): Promise<void> {
  if (!pid || !pidAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + graceMs;
  while (pidAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (pidAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export function pidFromFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return pid > 0 ? pid : undefined;
}

/** A port for a peer: inside a private namespace almost anything is free. */
export function randomPort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms: number, log?: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const tail = log && existsSync(log) ? `\n${readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}` : '';
  throw new Error(`${what} did not become ready in ${ms / 1000} s${tail}`);
}

export function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
}

/**
 * Starts peers side by side. If any fails, the ones that did start are stopped before the
 * error is thrown: a test's afterAll never learns of them, and a dockerd left running keeps
 * its data root mounted ("EBUSY ... rmdir .../tls/data" when the test removes its directory).
 */
export async function startAll<T extends readonly { stop(): Promise<void> }[]>(starts: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts as readonly Promise<T[number]>[]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return settled.map((s) => (s as PromiseFulfilledResult<T[number]>).value) as unknown as T;
  await Promise.allSettled(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
  throw failed.reason;
}
