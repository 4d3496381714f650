// berth as one file (npm run dist): built once for this file, then run the way a server
// without Node runs it: no `node` on PATH, no NODE_* variables, against the test engine.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSingleFile } from '../../scripts/single-file/build.js';
import { e2eApp } from '../support/e2e-app.js';
import { runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';
import { KEYS } from '../support/pty.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const work = mkdtempSync(join(tmpdir(), 'berth-single-file-'));
/** A PATH with nothing on it: the single file must need no program, Node least of all. */
const emptyBin = join(work, 'bin');
const t = e2eApp();
const name = uniqueName('single');
let executable = '';

/** This process's environment without Node: NODE_* unset, PATH empty of programs. */
function withoutNode(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { PATH: emptyBin };
  for (const k of Object.keys(process.env)) if (k.startsWith('NODE_')) env[k] = undefined;
  return env;
}

/** withoutNode() as a complete environment for execFile. */
function execEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(withoutNode())) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

beforeAll(async () => {
  mkdirSync(emptyBin);
  executable = await buildSingleFile(join(work, 'release'));
  await runFixture(t.docker, name);
  t.cleanup(() => t.docker.getContainer(name).remove({ force: true }));
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the single file', () => {
  it('is run where no node can be found', async () => {
    const lookup = await run('/bin/sh', ['-c', 'command -v node'], { env: execEnv() }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (err: { code?: number; stdout?: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(lookup).toEqual({ code: expect.any(Number), stdout: '' });
    expect(lookup.code).not.toBe(0);
    expect(Object.keys(execEnv()).filter((k) => k.startsWith('NODE_'))).toEqual([]);
  });

  it('answers --version and --help', async () => {
    const version = await run(executable, ['--version'], { env: execEnv() });
    expect(version.stdout.trim()).toBe(`berth ${PKG.version}`);
    expect(version.stderr).toBe('');
    const help = await run(executable, ['--help'], { env: execEnv() });
    expect(help.stdout).toContain('--host URL');
  });

  it('starts against the engine, draws the charts of the detail view without a warning over them, and quits on q', async () => {
    const app = t.launch({ command: { file: executable, args: [] }, env: withoutNode() });
    const screen = await app.waitForText(name, 20_000);
    expect(screen).toMatch(/NAME\s+IMAGE\s+STATE\s+STATUS/);
    // The detail view's last-but-one section holds the charts (blessed-contrib, loaded on
    // demand). Other files' containers share the engine: filter to this one first.
    await app.press('/', name, KEYS.enter);
    await app.waitForText(`/${name}`);
    await app.press(KEYS.enter);
    await app.waitForText(`${name} · Overview`);
    await app.press('l', 'l', 'l', 'l', 'l');
    const graphs = await app.waitForText(/CPU [\d.]+% · peak/, 10_000);
    expect(graphs).toContain(`${name} · Graphs`);
    expect(app.rawOutput()).not.toMatch(/Warning|node:/);
    await app.press(KEYS.escape);
    await app.waitForText(/NAME\s+IMAGE/);
    await app.press('q');
    expect(await app.exited).toBe(0);
  });
});
