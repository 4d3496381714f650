// berth as a user installs it: `npm pack`, then `npm i -g` of the tarball into a private
// prefix with the README's flags (no install scripts: ssh2's optional native crypto is not
// built, as in CI), then the installed command against the test engine.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eApp } from '../support/e2e-app.js';
import { runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
const work = mkdtempSync(join(tmpdir(), 'berth-package-'));
const prefix = join(work, 'prefix');
const installed = join(prefix, 'lib', 'node_modules', ...PKG.name.split('/'));
const berth = join(prefix, 'bin', 'berth');
const t = e2eApp();
const name = uniqueName('packaged');
let tarball = '';
let tarList: string[] = [];
/** Names of every package the checkout's production dependency tree holds. */
let production = new Set<string>();

/** npm as a user runs it: nothing of this test run's own npm settings leaks in. */
function npm(args: string[], cwd = work): Promise<{ stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return run('npm', args, { cwd, env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
}

/** Every package directory under node_modules, nested ones too. */
function packagesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (nm: string) => {
    if (!existsSync(nm)) return;
    for (const entry of readdirSync(nm)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@') ? readdirSync(join(nm, entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const n of names) {
        out.push(n);
        walk(join(nm, n, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return out;
}

beforeAll(async () => {
  // npm test has just built dist/: pack it as it is (no second build).
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  tarball = join(work, info.filename);
  tarList = info.files.map((f) => f.path);
  const prod = await npm(['ls', '--omit=dev', '--all', '--parseable'], ROOT);
  production = new Set(prod.stdout.split('\n').map((p) => p.split('/node_modules/').pop()!).filter(Boolean));
  await npm(['install', '--global', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
  await runFixture(t.docker, name);
  t.cleanup(() => t.docker.getContainer(name).remove({ force: true }));
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('is installed the way the README says', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`npm i -g --ignore-scripts ${PKG.name}`);
    expect(readme).toContain(`npx --ignore-scripts ${PKG.name}`);
  });

  it('holds the built code, the launcher, README and LICENSE, and no sources, tests or single file', () => {
    expect(tarList).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/berth', 'bin/berth.mjs', 'dist/cli.js']));
    // The startup snapshot loads only in the Node binary that built it: not in the package.
    expect(tarList.filter((f) => f.startsWith('dist/berth.snapshot'))).toEqual([]);
    expect(tarList.filter((f) => /^(src|test|scripts|bench|release)\//.test(f))).toEqual([]);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} berth contributors\n/);
  });

  it('installs with npm i -g without dev dependencies and without native builds', () => {
    const all = packagesUnder(installed);
    expect(all).toContain('dockerode');
    expect(all).toContain('blessed');
    // A dev dependency may also be a production one's dependency (@types/node is protobufjs's).
    expect(all.filter((p) => p in PKG.devDependencies && !production.has(p))).toEqual([]);
    expect(all.filter((p) => ['vitest', 'typescript', 'node-pty', 'tsx', 'eslint'].includes(p))).toEqual([]);
    // ssh2 runs its JavaScript crypto, as in CI (allowScripts denies its optional build there).
    expect(existsSync(join(installed, 'node_modules', 'ssh2', 'lib', 'protocol', 'crypto', 'build'))).toBe(false);
  });

  it('answers --version and --help from the installed command', async () => {
    const version = await run(berth, ['--version']);
    expect(version.stdout.trim()).toBe(`berth ${PKG.version}`);
    const help = await run(berth, ['--help']);
    expect(help.stdout).toContain('--host URL');
  });

  it('starts against the engine, lists its containers and quits on q', async () => {
    const app = t.launch({ command: { file: berth, args: [] } });
    const screen = await app.waitForText(name, 15_000);
    expect(screen).toMatch(/NAME\s+IMAGE\s+STATE\s+STATUS/);
    await app.press('q');
    expect(await app.exited).toBe(0);
  });
});
