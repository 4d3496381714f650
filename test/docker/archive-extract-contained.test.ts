// The extractor against generated hostile archives inside a throwaway root (an overlay of
// the whole file system, see test/support/throwaway-root.ts): absolute names like
// /etc/passwd, PAX headers that rename an entry or its link target, long names, devices,
// symlinks to outside then entries through them, hardlinks to files outside. Whatever the
// archive, nothing may change anywhere but in the destination, and that is checked on the
// whole file system, not only next to the destination. (It runs with the engine tests
// because it needs root for the mount namespace, not the engine.)
import fc from 'fast-check';
import { existsSync, lstatSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedPaths, snapshotTree, startThrowawayRoot, type ThrowawayRoot } from '../support/throwaway-root.js';
import { tarOf, type TarEntry } from '../support/tar.js';

let root: ThrowawayRoot;
beforeAll(async () => {
  root = await startThrowawayRoot('test/support/extract-worker.ts');
}, 90_000);
afterAll(async () => {
  await root?.close();
});

const LONG = 'l'.repeat(120);
/** Names and link targets; BASE stands for the case's scratch area (absolute). */
const comp = fc.constantFrom('data', 'data', 'data', 'a', 'b', '..', '.', '', 'etc', 'secret', 'out', LONG, 'é');
const relName = fc.array(comp, { minLength: 1, maxLength: 4 }).chain((parts) => fc.constantFrom(parts.join('/'), `${parts.join('/')}/`, `/${parts.join('/')}`));
const absName = fc.constantFrom('/etc/passwd', '/etc/berth-pwned', '/root/.profile', '/tmp/berth-pwned', 'BASE/outside/secret', 'BASE/outside/new', 'BASE/outside/dir/new', 'BASE/dest/data/abs', 'BASE/dest/elsewhere');
const name = fc.oneof({ weight: 3, arbitrary: relName }, { weight: 1, arbitrary: absName });
const symlinkTarget = fc.constantFrom('..', '../..', '/', '/etc', '/etc/passwd', 'BASE/outside', 'BASE/outside/secret', 'a', 'data/a', '../outside', '../../outside', `${'../'.repeat(100)}etc`);
const hardlinkTarget = fc.oneof(name, fc.constantFrom('/etc/passwd', 'BASE/outside/secret', '../outside/secret', 'data/../../outside/secret', 'data/a', 'data/out/secret', `data/${LONG}/${LONG}/x`));
const mode = fc.constantFrom(0o644, 0o755, 0o4755, 0o6777, 0o1777, 0o000);

type Gen = TarEntry & { paxPath?: string; paxLink?: string };
const entry: fc.Arbitrary<Gen> = fc.oneof(
  fc.record({ name, type: fc.constant('file' as const), body: fc.constantFrom('x', 'pwned'), mode }),
  fc.record({ name, type: fc.constant('directory' as const), mode }),
  fc.record({ name, type: fc.constant('symlink' as const), linkname: symlinkTarget }),
  fc.record({ name, type: fc.constant('link' as const), linkname: hardlinkTarget }),
  fc.record({ name, type: fc.constantFrom('character-device' as const, 'block-device' as const, 'fifo' as const), devmajor: fc.constantFrom(1, 8), devminor: fc.constantFrom(3, 0) }),
  // A harmless-looking ustar name that a PAX header renames (or whose link it redirects).
  fc.record({ name: fc.constant('data/benign'), type: fc.constantFrom('file' as const, 'symlink' as const, 'link' as const), linkname: fc.constant('data/a'), body: fc.constant('pwned'), paxPath: name, paxLink: fc.option(hardlinkTarget, { nil: undefined }) }),
);
const archive = fc.record({
  // Usually a top-level directory first, so the hostile entries reach the interesting checks.
  entries: fc.tuple(fc.boolean(), fc.array(entry, { maxLength: 12 })).map(([top, rest]) => (top ? [{ name: 'data/', type: 'directory' as const }, ...rest] : rest)),
  rootIsLink: fc.boolean(),
  overwrite: fc.boolean(),
});

function materialise(e: Gen, base: string): TarEntry {
  const sub = (s: string) => s.replace(/^BASE/, base);
  const { paxPath, paxLink, ...h } = e;
  const out: TarEntry = { ...h, name: sub(h.name) };
  if ('linkname' in h && h.linkname !== undefined) out.linkname = sub(h.linkname);
  if (paxPath !== undefined || paxLink !== undefined) {
    out.pax = { ...(paxPath !== undefined ? { path: sub(paxPath) } : {}), ...(paxLink !== undefined ? { linkpath: sub(paxLink) } : {}) };
  }
  return out;
}

type Extracted = { ok: boolean; kind?: string; crash?: string; skipped?: number };

describe('extracting hostile archives in a throwaway root', () => {
  it('property: nothing outside the destination changes anywhere on the file system; no device, fifo or setuid file is made', async () => {
    let n = 0;
    let refusedAbsolute = 0;
    await fc.assert(
      fc.asyncProperty(archive, async ({ entries, rootIsLink, overwrite }) => {
        const base = `/tmp/berth-contained-${process.pid}-${n++}`;
        const dest = `${base.slice(1)}/dest`;
        const tar = await tarOf(entries.map((e) => materialise(e, base)));
        expect(await root.request({ op: 'setup', base, rootIsLink })).toEqual({ ok: true });
        const before = snapshotTree(root.upper);
        const res = await root.request<Extracted>({ op: 'extract', base, tar: tar.toString('base64'), overwrite });
        const after = snapshotTree(root.upper);
        // A refusal in words (say, the destination exists) is allowed; a crash is not.
        expect(res.crash).toBeUndefined();
        if (!res.ok) expect(res.kind).toBeDefined();
        const outside = changedPaths(before, after).filter((p) => p !== dest && !p.startsWith(`${dest}/`));
        expect(outside, JSON.stringify(entries)).toEqual([]);
        for (const [p, sig] of after) {
          if (!p.startsWith(`${dest}/`)) continue;
          const m = Number(sig.split(':')[0]);
          // Only directories, regular files and symlinks; no setuid, setgid or sticky bit.
          expect([0o040000, 0o100000, 0o120000], `${p} has type ${(m & 0o170000).toString(8)}`).toContain(m & 0o170000);
          expect(m & 0o7000, `${p} mode ${m.toString(8)}`).toBe(0);
        }
        if (entries.some((e) => e.name.startsWith('/') || e.name.startsWith('BASE') || e.paxPath?.startsWith('/') || e.paxPath?.startsWith('BASE'))) refusedAbsolute++;
      }),
      { numRuns: 300 },
    );
    // The generator did reach the cases this test is about.
    expect(refusedAbsolute).toBeGreaterThan(20);
  }, 240_000);

  it('sees what a broken extractor would do, and the real system stays as it was (the check can fail)', async () => {
    const base = `/tmp/berth-contained-${process.pid}-probe`;
    await root.request({ op: 'setup', base, rootIsLink: false });
    const before = snapshotTree(root.upper);
    const probe = `/etc/berth-probe-${process.pid}`;
    await root.request({ op: 'probe', write: probe, link: ['/etc/passwd', `${base}/dest/passwd-link`] });
    const changed = changedPaths(before, snapshotTree(root.upper));
    // The write to /etc, and the hardlink to a file outside (overlay copies it up to link it).
    expect(changed).toContain(probe.slice(1));
    expect(changed).toContain('etc/passwd');
    expect(changed).toContain(`${base.slice(1)}/dest/passwd-link`);
    expect(existsSync(probe)).toBe(false);
    expect(lstatSync('/etc/passwd').nlink).toBe(1);
  });
});
