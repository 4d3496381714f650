// Builds berth's startup snapshot, dist/berth.snapshot (npm run build calls it; bin/berth
// uses it). Node's snapshot builder runs one script whose `require` knows only Node's own
// modules, so the script is the single file's bundle (scripts/single-file/bundle.ts) started
// from src/snapshot.ts, which loads the full-screen code; V8 then saves the heap.
//
// The snapshot loads only in the Node binary that built it, with the same V8 flags: the flags
// come from bin/berth, and the stamp written beside the snapshot names this binary the way
// bin/berth checks it (GNU stat's %d:%i:%s:%Y: device, inode, size, modification time).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../single-file/bundle.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SNAPSHOT = join(ROOT, 'dist', 'berth.snapshot');

/** The V8 flags bin/berth starts Node with: the snapshot must be built with the same. */
export function launcherFlags(): string[] {
  const launcher = readFileSync(join(ROOT, 'bin', 'berth'), 'utf8');
  const line = /^flags='([^']*)'$/m.exec(launcher);
  if (!line) throw new Error("bin/berth has no flags='...' line: the snapshot needs the launcher's V8 flags");
  return line[1]!.split(/\s+/).filter(Boolean);
}

/** This Node binary, as bin/berth's stat sees it. */
export function nodeStamp(file = process.execPath): string {
  const st = statSync(file);
  return `${st.dev}:${st.ino}:${st.size}:${Math.floor(st.mtimeMs / 1000)}`;
}

/** Runs Node's builder; any warning fails the build (something would not be right after a restore). */
export function runBuilder(args: string[]): void {
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stderr || r.error?.message || `exit status ${r.status}`}`);
  if (/warning/i.test(r.stderr)) throw new Error(`Node warned while building the snapshot:\n${r.stderr}`);
}

/**
 * Writes the script Node's snapshot builder runs: the bundle started from src/snapshot.ts,
 * inside a function whose `require` defers some of Node's modules (deferred-require.js);
 * `module` and `exports` are the builder's to leave alone. The single file builds its
 * snapshot from the same script.
 */
export async function snapshotScript(script: string): Promise<void> {
  const bundled = `${script}.bundle.cjs`;
  try {
    await bundle(bundled, { entry: join(ROOT, 'src', 'snapshot.ts') });
    const deferral = readFileSync(join(ROOT, 'scripts', 'snapshot', 'deferred-require.js'), 'utf8');
    writeFileSync(script, `${deferral}\n(function (require, module, exports) {\n${readFileSync(bundled, 'utf8')}\n})(deferBuiltins(require), { exports: {} }, {});\n`);
  } finally {
    rmSync(bundled, { force: true });
  }
}

/** Builds the snapshot and its stamp into dist/ (after the rest of dist/ is built). */
export async function buildSnapshot(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'berth-snapshot-'));
  try {
    const script = join(work, 'snapshot.cjs');
    await snapshotScript(script);
    const flags = launcherFlags();
    runBuilder([...flags, '--snapshot-blob', SNAPSHOT, '--build-snapshot', script]);
    // A start from it, as bin/berth makes one: it must answer before it is trusted.
    const version = execFileSync(process.execPath, [...flags, '--snapshot-blob', SNAPSHOT, '--', '--version'], { encoding: 'utf8' }).trim();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    if (version !== `berth ${pkg.version}`) throw new Error(`a start from the snapshot said "${version}", not "berth ${pkg.version}"`);
    // bin/berth reads the first line; the second is for people (and the launcher test).
    writeFileSync(`${SNAPSHOT}.stamp`, `${nodeStamp()}\n${process.version}\n`);
  } catch (err) {
    rmSync(SNAPSHOT, { force: true });
    throw err;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
