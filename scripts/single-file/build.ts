// npm run dist: berth as one file for linux-x64 servers without Node, a Node single
// executable application (SEA). The snapshot script (scripts/snapshot: bundle.ts's bundle
// from src/snapshot.ts) becomes a blob with a startup snapshot (`node --experimental-sea-config`), which postject writes into a copy of this Node binary.
//   npm run dist [-- --out DIR]     (default: release/, which tsc's dist/ does not touch)
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { snapshotScript } from '../snapshot/build.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Node's name for the blob and the fuse it flips when a blob is present (from Node's SEA docs). */
const SEA_RESOURCE = 'NODE_SEA_BLOB';
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** postject's command: run as a child, as its ELF library prints harmless warnings on this Node. */
const POSTJECT = createRequire(import.meta.url).resolve('postject/dist/cli.js');

export const EXECUTABLE = 'berth-linux-x64';

/** Runs a build step; its output is shown only when it fails. */
function quietly(file: string, args: string[]): void {
  try {
    execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${[file, ...args].join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/** Builds the single file into `outDir` and returns its path. */
export async function buildSingleFile(outDir: string): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the single file is built for linux-x64 from a linux-x64 Node (this is ${process.platform}-${process.arch})`);
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'berth-dist-'));
  try {
    const script = join(work, 'berth.cjs');
    // A startup snapshot (as dist/berth.snapshot: src/snapshot.ts with blessed and the screens
    // loaded): the single file starts from it. It replaces V8's code cache of the bundle,
    // which is not used with a snapshot.
    await snapshotScript(script);
    const blob = join(work, 'berth.blob');
    const config = join(work, 'sea-config.json');
    writeFileSync(config, JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useSnapshot: true }));
    quietly(process.execPath, ['--experimental-sea-config', config]);
    const executable = join(outDir, EXECUTABLE);
    rmSync(executable, { force: true });
    copyFileSync(process.execPath, executable);
    chmodSync(executable, 0o755);
    stripSymbols(executable);
    quietly(process.execPath, [POSTJECT, executable, SEA_RESOURCE, blob, '--sentinel-fuse', SEA_FUSE]);
    return executable;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Distributions' Node binaries carry debug info and a symbol table (NodeSource's: 12 MiB of
 * 94). binutils' strip drops them from the copy (what is run needs neither: add-ons link
 * against the dynamic symbols, which stay), before the blob goes in (stripping after breaks
 * the file). Without strip (no binutils), the file is only bigger.
 */
function stripSymbols(executable: string): void {
  try {
    execFileSync('strip', ['--strip-all', executable], { stdio: 'ignore' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    process.stderr.write("dist: strip (binutils) is not installed: Node's symbols and debug info stay in the file\n");
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const executable = await buildSingleFile(resolve(ROOT, values.out ?? 'release'));
  process.stdout.write(`${executable}: ${(statSync(executable).size / 1024 / 1024).toFixed(1)} MiB (Node ${process.version}, linux-x64)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`dist: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
