// The extractor against hand-made hostile archives: the engine itself refuses some of these
// entries on putArchive, so they cannot all be planted in a container; a hostile container
// (or engine) can still send them.
import fc from 'fast-check';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { entryComponents, extractArchive } from '../../src/docker/archive-extract.js';
import { DockerError } from '../../src/docker/errors.js';
import { tarOf } from '../support/tar.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A scratch area: `dest` (the user's chosen directory) and `outside` with a secret in it. */
function scratch() {
  const base = mkdtempSync(join(tmpdir(), 'berth-extract-'));
  dirs.push(base);
  const dest = join(base, 'dest');
  const outside = join(base, 'outside');
  mkdirSync(dest);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret'), 'keep me');
  return { base, dest, outside, root: join(dest, 'data') };
}

/** Every path under a directory, links not followed. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(r);
      if (e.isDirectory()) walk(join(d, e.name), r);
    }
  };
  walk(dir, '');
  return out.sort();
}

const extract = async (buf: Buffer, root: string, topName = 'data', overwrite = false) => extractArchive(Readable.from([buf]), { root, topName, overwrite });

describe('entry names', () => {
  it('refuses absolute names, .. anywhere, NUL and empty names', () => {
    expect(entryComponents('data/a/b')).toEqual(['data', 'a', 'b']);
    expect(entryComponents('./data//a/')).toEqual(['data', 'a']);
    for (const bad of ['/etc/passwd', '../x', 'data/../../x', 'data/..', 'a\0b', '', '.', './']) expect(entryComponents(bad)).toBeUndefined();
  });
});

describe('extracting an archive from a container', () => {
  it('writes a directory tree with files, links and modes, dropping setuid', async () => {
    const s = scratch();
    const res = await extract(
      await tarOf([
        { name: 'data/', type: 'directory', mode: 0o750 },
        { name: 'data/a.txt', body: 'hello', mode: 0o4755 },
        { name: 'data/sub/', type: 'directory', mode: 0o755 },
        { name: 'data/sub/b.txt', body: 'world', mode: 0o600 },
        { name: 'data/ln', type: 'symlink', linkname: 'sub/b.txt' },
        { name: 'data/hard', type: 'link', linkname: 'data/a.txt' },
      ]),
      s.root,
    );
    expect(res).toMatchObject({ files: 4, bytes: 10, skipped: [] });
    expect(readFileSync(join(s.root, 'a.txt'), 'utf8')).toBe('hello');
    expect(lstatSync(join(s.root, 'a.txt')).mode & 0o7777).toBe(0o755);
    expect(lstatSync(join(s.root, 'sub/b.txt')).mode & 0o777).toBe(0o600);
    expect(lstatSync(s.root).mode & 0o777).toBe(0o750);
    expect(readlinkSync(join(s.root, 'ln'))).toBe('sub/b.txt');
    expect(lstatSync(join(s.root, 'hard')).ino).toBe(lstatSync(join(s.root, 'a.txt')).ino);
  });

  it('renames the top-level entry to the chosen name (a file copied as a new name)', async () => {
    const s = scratch();
    const res = await extract(await tarOf([{ name: 'hostname', body: 'web\n' }]), join(s.dest, 'renamed'), 'hostname');
    expect(res.files).toBe(1);
    expect(readFileSync(join(s.dest, 'renamed'), 'utf8')).toBe('web\n');
  });

  it('skips .., absolute and foreign entries: nothing lands outside the destination', async () => {
    const s = scratch();
    const res = await extract(
      await tarOf([
        { name: 'data/', type: 'directory' },
        { name: '../escape', body: 'x' },
        { name: 'data/../../outside/secret', body: 'pwned' },
        { name: `${s.outside}/abs`, body: 'pwned' },
        { name: 'other/x', body: 'x' },
        { name: 'data/ok', body: 'ok' },
      ]),
      s.root,
    );
    expect(res.skipped.map((e) => e.name)).toHaveLength(4);
    expect(tree(s.base)).toEqual(['dest', 'dest/data', 'dest/data/ok', 'outside', 'outside/secret']);
    expect(readFileSync(join(s.outside, 'secret'), 'utf8')).toBe('keep me');
  });

  it('recreates a symlink to /etc or outside, but never writes through it', async () => {
    const s = scratch();
    const res = await extract(
      await tarOf([
        { name: 'data/', type: 'directory' },
        // A link to /etc is kept as a link; writing through links is tried below on `outside`
        // (a regression must not be able to write into the real /etc).
        { name: 'data/etc', type: 'symlink', linkname: '/etc' },
        { name: 'data/out', type: 'symlink', linkname: s.outside },
        { name: 'data/out/secret', body: 'pwned' },
        { name: 'data/out/new/deeper', body: 'pwned' },
        { name: 'data/up', type: 'symlink', linkname: '..' },
        { name: 'data/up/data2/x', body: 'pwned' },
        { name: 'data/f', type: 'symlink', linkname: join(s.outside, 'secret') },
        // The same name again as a regular file: the link is replaced, not written through.
        { name: 'data/f', body: 'inside' },
      ]),
      s.root,
    );
    expect(readlinkSync(join(s.root, 'etc'))).toBe('/etc');
    expect(readFileSync(join(s.outside, 'secret'), 'utf8')).toBe('keep me');
    expect(readdirSync(s.outside)).toEqual(['secret']);
    expect(readdirSync(s.dest)).toEqual(['data']);
    expect(lstatSync(join(s.root, 'f')).isFile()).toBe(true);
    expect(readFileSync(join(s.root, 'f'), 'utf8')).toBe('inside');
    expect(res.skipped.map((e) => e.name).sort()).toEqual(['data/out/new/deeper', 'data/out/secret', 'data/up/data2/x']);
  });

  it('allows hardlinks only to files it wrote itself', async () => {
    const s = scratch();
    const res = await extract(
      await tarOf([
        { name: 'data/', type: 'directory' },
        { name: 'data/h1', type: 'link', linkname: '/etc/passwd' },
        { name: 'data/h2', type: 'link', linkname: 'data/../../outside/secret' },
        { name: 'data/ln', type: 'symlink', linkname: s.outside },
        { name: 'data/h3', type: 'link', linkname: 'data/ln' },
        { name: 'data/h4', type: 'link', linkname: 'data/ln/secret' },
        { name: 'data/h5', type: 'link', linkname: 'data/not-yet' },
      ]),
      s.root,
    );
    expect(res.skipped.map((e) => e.name)).toEqual(['data/h1', 'data/h2', 'data/h3', 'data/h4', 'data/h5']);
    expect(lstatSync(join(s.outside, 'secret')).nlink).toBe(1);
  });

  it('skips devices and fifos', async () => {
    const s = scratch();
    const res = await extract(
      await tarOf([
        { name: 'data/', type: 'directory' },
        { name: 'data/null', type: 'character-device', devmajor: 1, devminor: 3 },
        { name: 'data/sda', type: 'block-device', devmajor: 8, devminor: 0 },
        { name: 'data/pipe', type: 'fifo' },
      ]),
      s.root,
    );
    expect(res.skipped).toHaveLength(3);
    expect(readdirSync(s.root)).toEqual([]);
  });

  it('refuses an existing destination unless overwrite, and then never follows a host symlink there', async () => {
    const s = scratch();
    symlinkSync(s.outside, s.root);
    const buf = await tarOf([{ name: 'data/', type: 'directory' }, { name: 'data/secret', body: 'pwned' }]);
    const err = await extract(buf, s.root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).kind).toBe('conflict');
    expect((err as DockerError).message).toBe(`${s.root} already exists (choose overwrite to replace it).`);
    await extract(buf, s.root, 'data', true);
    expect(lstatSync(s.root).isDirectory()).toBe(true);
    expect(readFileSync(join(s.root, 'secret'), 'utf8')).toBe('pwned');
    expect(readFileSync(join(s.outside, 'secret'), 'utf8')).toBe('keep me');
  });

  it('merging into an existing directory does not go through a symlink already inside it', async () => {
    const s = scratch();
    mkdirSync(s.root);
    symlinkSync(s.outside, join(s.root, 'sub'));
    const res = await extract(await tarOf([{ name: 'data/', type: 'directory' }, { name: 'data/sub/secret', body: 'pwned' }]), s.root, 'data', true);
    expect(res.skipped.map((e) => e.name)).toEqual(['data/sub/secret']);
    expect(readFileSync(join(s.outside, 'secret'), 'utf8')).toBe('keep me');
  });

  it('reports a stream that is not a tar archive as an error in words', async () => {
    const s = scratch();
    const err = await extractArchive(Readable.from([Buffer.alloc(1024, 0x41)]), { root: s.root, topName: 'data' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(/archive from the container could not be read/);
  });

  it('property: whatever the entries, nothing outside the destination is created or changed', async () => {
    // Long components need PAX headers; devices must never be made.
    const comp = fc.constantFrom('data', 'data', 'data', 'a', 'b', '..', '.', '', 'secret', 'l'.repeat(120), 'é');
    const name = fc.array(comp, { minLength: 1, maxLength: 4 }).chain((parts) => fc.constantFrom(parts.join('/'), '/' + parts.join('/'), parts.join('/') + '/'));
    const entry = fc.oneof(
      fc.record({ name, type: fc.constant('file' as const), body: fc.constantFrom('x', 'pwned') }),
      fc.record({ name, type: fc.constant('directory' as const) }),
      fc.record({ name, type: fc.constant('symlink' as const), linkname: fc.constantFrom('..', '../..', 'a', '../outside', '../../outside', '../../../outside', 'OUTSIDE', 'data/a') }),
      fc.record({ name, type: fc.constant('link' as const), linkname: fc.oneof(name, fc.constantFrom('../outside/secret', '/etc/passwd', 'OUTSIDE')) }),
      fc.record({ name, type: fc.constantFrom('character-device' as const, 'block-device' as const, 'fifo' as const), devmajor: fc.constant(1), devminor: fc.constant(3) }),
      // A PAX header that renames a harmless-looking entry.
      fc.record({ name: fc.constant('data/benign'), type: fc.constant('file' as const), body: fc.constant('pwned'), pax: name.map((path) => ({ path })) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 12 }), async (entries) => {
        const s = scratch();
        const real = entries.map((e) => ('linkname' in e && e.linkname === 'OUTSIDE' ? { ...e, linkname: e.type === 'link' ? join(s.outside, 'secret') : s.outside } : e));
        await extract(await tarOf(real), s.root).catch((e: unknown) => {
          if (!(e instanceof DockerError)) throw e;
        });
        const all = tree(s.base);
        expect(all.filter((p) => !p.startsWith('dest/data') && p !== 'dest')).toEqual(['outside', 'outside/secret']);
        expect(readFileSync(join(s.outside, 'secret'), 'utf8')).toBe('keep me');
        expect(lstatSync(join(s.outside, 'secret')).nlink).toBe(1);
        // Nothing but directories, regular files and symlinks was made.
        for (const p of all) {
          const st = lstatSync(join(s.base, p));
          expect(st.isDirectory() || st.isFile() || st.isSymbolicLink(), p).toBe(true);
        }
        rmSync(s.base, { recursive: true, force: true });
      }),
      { numRuns: 200 },
    );
    // 200 extractions on disk: allow for a machine busy with the engine tests.
  }, 60_000);
});
