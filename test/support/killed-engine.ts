// For tests where the daemon dies mid-stream: a private engine of the test's own (the
// shared one stays up for the other tests), killed with SIGKILL as a crash would, and
// cleared afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopEngine, type EngineHandle } from './engine.js';

/** SIGKILLs the engine's dockerd: its sockets close at once, as in a crash. */
export function killDaemon(engine: EngineHandle): void {
  process.kill(Number(readFileSync(join(engine.dir, 'dockerd.pid'), 'utf8')), 'SIGKILL');
}

/** Pids in the cgroups under the engine's own cgroup parent: the containers it can no longer stop. */
function enginePids(id: string): number[] {
  const pids: number[] = [];
  const walk = (dir: string) => {
    const procs = join(dir, 'cgroup.procs');
    if (existsSync(procs)) pids.push(...readFileSync(procs, 'utf8').split('\n').filter(Boolean).map(Number));
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
  };
  for (const root of ['/sys/fs/cgroup', ...readdirSync('/sys/fs/cgroup').map((c) => join('/sys/fs/cgroup', c))]) {
    if (existsSync(join(root, id))) walk(join(root, id));
  }
  return [...new Set(pids)];
}

/** The engine's cgroup directories, deepest first (stopEngine removes only the top one). */
function engineCgroups(id: string): string[] {
  const dirs: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
    dirs.push(dir);
  };
  for (const c of readdirSync('/sys/fs/cgroup')) if (existsSync(join('/sys/fs/cgroup', c, id))) walk(join('/sys/fs/cgroup', c, id));
  return dirs;
}

/**
 * Removes an engine whose dockerd was killed. A killed dockerd leaves its containers
 * running and its mounts in place; both are cleared first, or removing its directory fails.
 */
export async function removeKilledEngine(engine: EngineHandle): Promise<void> {
  for (const pid of enginePids(engine.id)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(engine.dir + '/'))
    .sort()
    .reverse();
  for (const m of mounts) execFileSync('umount', ['-l', m]);
  for (let i = 0; i < 50 && enginePids(engine.id).length; i++) await new Promise((r) => setTimeout(r, 50));
  for (const d of engineCgroups(engine.id)) {
    try {
      execFileSync('rmdir', [d], { stdio: 'ignore' });
    } catch {
      /* stopEngine tries again */
    }
  }
  await stopEngine(engine);
}
