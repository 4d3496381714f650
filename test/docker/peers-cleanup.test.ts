// A peer that fails to start must not leave anything behind. Regression: when sshd could not
// start (not installed), the TLS dockerd started beside it was never stopped, and removing the
// test's directory failed with "EBUSY: resource busy or locked, rmdir .../tls/data"; a missing
// htpasswd left the registry's directory behind.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeTlsFiles } from '../support/peers/certs.js';
import { run, startAll } from '../support/peers/netns.js';
import { startTlsDockerd } from '../support/peers/tls-dockerd.js';
import { startRegistry } from '../support/registry.js';

let netns = inject('engineNetns');
const ownNetns = !netns;
const engineDir = inject('engineDir');
const base = engineDir ? join(engineDir, `cleanup-${process.pid}`) : mkdtempSync(join(tmpdir(), 'berth-cleanup-'));

beforeAll(() => {
  mkdirSync(base, { recursive: true });
  if (ownNetns) {
    netns = `berth-cleanup-${process.pid}`;
    run('ip', ['netns', 'add', netns]);
  }
});

afterAll(() => {
  if (ownNetns) run('ip', ['netns', 'del', netns]);
  rmSync(base, { recursive: true, force: true });
});

/** What is still there of a directory: mounts under it and processes naming it. */
function leftovers(dir: string): { mounts: string[]; processes: string[] } {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m === dir || m.startsWith(`${dir}/`));
  let processes: string[] = [];
  try {
    processes = execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).split('\n').filter((l) => l && !l.includes('pgrep'));
  } catch {
    /* pgrep exits 1 when nothing matches */
  }
  return { mounts, processes };
}

describe('peers that fail to start', () => {
  it('stops a TLS dockerd that started when the peer beside it failed, leaving no mount, process or directory', async () => {
    const dir = join(base, 'tls');
    const tls = makeTlsFiles(join(base, 'certs'));
    const sshdFailed = new Error('nsenter: failed to execute /usr/sbin/sshd: No such file or directory');
    await expect(startAll([startTlsDockerd(netns, dir, tls), Promise.reject(sshdFailed)])).rejects.toBe(sshdFailed);
    expect(existsSync(dir)).toBe(false);
    expect(leftovers(dir)).toEqual({ mounts: [], processes: [] });
    // What used to throw EBUSY.
    expect(() => rmSync(base, { recursive: true, force: true })).not.toThrow();
    mkdirSync(base, { recursive: true });
  }, 60_000);

  it('removes the registry directory when htpasswd cannot run', async () => {
    const parentDir = join(base, 'registries');
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRegistry({ netns, parentDir, auth: { username: 'u', password: 'p' } })).rejects.toThrow(/htpasswd/);
    } finally {
      process.env.PATH = path;
    }
    expect(readdirSync(parentDir)).toEqual([]);
  });
});
