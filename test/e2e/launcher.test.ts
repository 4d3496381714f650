// bin/berth starts Node from the startup snapshot only when the `node` on PATH is the binary
// that built it (the stamp beside it), else on bin/berth.mjs. The choice is checked on a copy
// of the launcher whose `node` is a stand-in that writes down how it was started; the real
// start (this checkout's build, a real engine) is checked by the process's own command line.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SNAPSHOT, launcherFlags, nodeStamp } from '../../scripts/snapshot/build.js';
import { BIN } from '../support/berth-bin.js';
import { e2eApp } from '../support/e2e-app.js';

const work = mkdtempSync(join(tmpdir(), 'berth-launcher-'));
const app = join(work, 'app');
const pathDir = join(work, 'path');
const argsFile = join(work, 'args');
const envFile = join(work, 'env');
const standIn = join(pathDir, 'node');
const blob = join(app, 'dist', 'berth.snapshot');
/** As the launcher names its files: from its own directory. */
const fromBin = (file: string) => `${app}/bin/../${file}`;
mkdirSync(join(app, 'bin'), { recursive: true });
mkdirSync(join(app, 'dist'));
mkdirSync(pathDir);
copyFileSync(BIN, join(app, 'bin', 'berth'));
const handedOver = ['MALLOC_ARENA_MAX', 'BERTH_SET_MALLOC_ARENA_MAX', 'NODE_EXTRA_CA_CERTS', 'BERTH_NODE_EXTRA_CA_CERTS'];
writeFileSync(standIn, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nenv | grep -E '^(${handedOver.join('|')})=' | sort > '${envFile}'\n`);
chmodSync(standIn, 0o755);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the copied launcher (or `file`) and returns the arguments its `node` got. */
function start(opts: { stamp?: string; blob?: boolean; env?: NodeJS.ProcessEnv; file?: string } = {}): string[] {
  rmSync(blob, { force: true });
  rmSync(`${blob}.stamp`, { force: true });
  rmSync(argsFile, { force: true });
  if (opts.blob ?? true) writeFileSync(blob, '');
  if (opts.stamp !== undefined) writeFileSync(`${blob}.stamp`, `${opts.stamp}\nv0.0.0\n`);
  const r = spawnSync(opts.file ?? join(app, 'bin', 'berth'), ['--version', 'two words'], { encoding: 'utf8', env: { PATH: `${pathDir}:/usr/bin:/bin`, ...opts.env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return readFileSync(argsFile, 'utf8').split('\n').slice(0, -1);
}

const flags = launcherFlags();
const fromSnapshot = [...flags, '--snapshot-blob', fromBin('dist/berth.snapshot'), '--', '--version', 'two words'];
const withoutSnapshot = [...flags, fromBin('bin/berth.mjs'), '--version', 'two words'];

describe('bin/berth', () => {
  it('starts from the snapshot when the node on PATH built it, with the V8 flags it was built with', () => {
    expect(flags.length).toBeGreaterThan(0);
    expect(start({ stamp: nodeStamp(standIn) })).toEqual(fromSnapshot);
  });

  it('starts without it for any other node, with no snapshot or stamp, or when told not to', () => {
    expect(start({ stamp: nodeStamp(process.execPath) })).toEqual(withoutSnapshot);
    expect(start({ stamp: '1:2:3:4' })).toEqual(withoutSnapshot);
    expect(start({})).toEqual(withoutSnapshot);
    expect(start({ stamp: nodeStamp(standIn), blob: false })).toEqual(withoutSnapshot);
    expect(start({ stamp: nodeStamp(standIn), env: { BERTH_NO_SNAPSHOT: '1' } })).toEqual(withoutSnapshot);
  });

  it('finds its files when started through a symlink (as npm installs it)', () => {
    const link = join(work, 'berth-link');
    symlinkSync(join(app, 'bin', 'berth'), link);
    expect(start({ stamp: nodeStamp(standIn), file: link })).toEqual(fromSnapshot);
  });

  it("sets MALLOC_ARENA_MAX unless the user did, and hands NODE_EXTRA_CA_CERTS to berth by another name", () => {
    const envOf = (env: NodeJS.ProcessEnv) => {
      start({ stamp: nodeStamp(standIn), env });
      return readFileSync(envFile, 'utf8').split('\n').filter(Boolean);
    };
    expect(envOf({})).toEqual(['BERTH_SET_MALLOC_ARENA_MAX=1', 'MALLOC_ARENA_MAX=1']);
    expect(envOf({ MALLOC_ARENA_MAX: '4', NODE_EXTRA_CA_CERTS: '/etc/corp.pem' })).toEqual(['BERTH_NODE_EXTRA_CA_CERTS=/etc/corp.pem', 'MALLOC_ARENA_MAX=4']);
    expect(envOf({ BERTH_NO_SNAPSHOT: '1', NODE_EXTRA_CA_CERTS: '/etc/corp.pem' })).toEqual(['BERTH_NODE_EXTRA_CA_CERTS=/etc/corp.pem', 'BERTH_SET_MALLOC_ARENA_MAX=1', 'MALLOC_ARENA_MAX=1']);
  });

  it('says so when there is no node on PATH', () => {
    const r = spawnSync(join(app, 'bin', 'berth'), [], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(r.status).toBe(127);
    expect(r.stderr).toContain('Node.js is not on PATH');
  });
});

describe("this checkout's build", () => {
  const { launch } = e2eApp();

  it('made a snapshot for the Node that built it, and berth starts from it only on that Node', async () => {
    expect(existsSync(SNAPSHOT)).toBe(true);
    const [stamp, builtBy] = readFileSync(`${SNAPSHOT}.stamp`, 'utf8').split('\n');
    const session = launch();
    try {
      await session.waitForText('containers');
      const cmdline = readFileSync(`/proc/${session.pid}/cmdline`, 'utf8').split('\0');
      // The Node that runs the tests is the one on PATH (CI's runs on other versions put theirs first).
      if (builtBy === process.version) {
        expect(stamp).toBe(nodeStamp(process.execPath));
        expect(cmdline).toContain('--snapshot-blob');
      } else {
        expect(cmdline).not.toContain('--snapshot-blob');
        expect(cmdline.some((a) => a.endsWith('berth.mjs'))).toBe(true);
      }
    } finally {
      await session.close();
    }
  });
});
