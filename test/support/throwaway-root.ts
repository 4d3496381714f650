// A throwaway copy of the whole file system to run hostile code against: an overlay whose
// lower layer is the real / (never written) and whose upper layer is a fresh directory in
// /dev/shm, entered with chroot in a private mount namespace. Whatever the code inside
// writes, links, renames or deletes anywhere (/etc/passwd included) lands in the upper
// layer, where the test sees it from outside, and nothing of the real system changes.
// Needs root (mount namespaces), like the engine tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ThrowawayRoot {
  /** The overlay's upper layer, seen from outside: every change made inside, and only those. */
  readonly upper: string;
  /** Sends one JSON message to the worker and resolves with its one-line JSON answer. */
  request<T>(msg: unknown, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

// Mounts the overlay and a /dev with only the harmless devices node needs (no /proc, no
// /sys, no /dev/shm: nothing inside can reach the real system through them), then runs
// node with tsx in the chroot.
const SETUP = `set -e
U="$1"; CWD="$2"; NODE="$3"; WORKER="$4"
mount -t overlay overlay -o lowerdir=/,upperdir="$U/up",workdir="$U/work" "$U/root"
mount -t tmpfs -o size=1m,mode=755 tmpfs "$U/root/dev"
for d in null zero random urandom; do touch "$U/root/dev/$d"; mount --bind "/dev/$d" "$U/root/dev/$d"; done
cd /
exec chroot "$U/root" /bin/sh -c 'cd "$1" && exec "$2" --import tsx "$3"' sh "$CWD" "$NODE" "$WORKER"`;

/** Starts `worker` (a .ts file under cwd) inside a throwaway root; it answers a JSON line per JSON line. */
export async function startThrowawayRoot(worker: string, cwd = process.cwd()): Promise<ThrowawayRoot> {
  const dir = mkdtempSync('/dev/shm/berth-root-');
  for (const d of ['up', 'work', 'root']) mkdirSync(join(dir, d));
  const child: ChildProcess = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', SETUP, 'sh', dir, cwd, process.execPath, worker], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
  const answers: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else answers.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const next = (timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const ready = answers.shift();
      if (ready !== undefined) return resolve(ready);
      const timer = setTimeout(() => reject(new Error(`the worker in the throwaway root did not answer in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
      void exited.then((code) => reject(new Error(`the worker in the throwaway root exited (${code}):\n${stderr}`)));
    });
  const root: ThrowawayRoot = {
    upper: join(dir, 'up'),
    async request<T>(msg: unknown, timeoutMs = 30_000): Promise<T> {
      child.stdin!.write(`${JSON.stringify(msg)}\n`);
      return JSON.parse(await next(timeoutMs)) as T;
    },
    async close() {
      child.stdin!.end();
      const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
      // The namespace went with its last process, and its mounts with it.
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // The worker says hello once it has loaded everything (so tsx's cache is written before any check).
  const hello = JSON.parse(await next(60_000)) as { ready?: boolean };
  if (!hello.ready) throw new Error(`unexpected first answer from the worker: ${JSON.stringify(hello)}`);
  return root;
}

/** Everything under a directory (links not followed) with what would change if it were touched. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs)) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(a);
      out.set(r, [st.mode, st.uid, st.gid, st.size, st.mtimeMs, st.ctimeMs, st.nlink, st.ino, st.rdev].join(':'));
      if (st.isDirectory()) walk(a, r);
    }
  };
  walk(dir, '');
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [p, sig] of after) if (before.get(p) !== sig) changed.add(p);
  for (const p of before.keys()) if (!after.has(p)) changed.add(p);
  return [...changed].sort();
}
