import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { packHostPath } from '../../src/docker/archive-pack.js';
import { extractArchive } from '../../src/docker/archive-extract.js';
import { DockerError } from '../../src/docker/errors.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-pack-'));
  dirs.push(d);
  return d;
}

async function entries(stream: NodeJS.ReadableStream) {
  const ex = tar.extract();
  stream.pipe(ex as unknown as NodeJS.WritableStream);
  const out: { name: string; type: string; mode: number; body: string; linkname?: string }[] = [];
  for await (const e of ex) {
    let body = '';
    for await (const c of e as AsyncIterable<Buffer>) body += c.toString();
    out.push({ name: e.header.name, type: e.header.type, mode: e.header.mode & 0o7777, body, ...(e.header.linkname ? { linkname: e.header.linkname } : {}) });
  }
  return out;
}

describe('packing a host path', () => {
  it('packs a directory under the chosen name, links as links, fifos skipped', async () => {
    const d = scratch();
    const src = join(d, 'site');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha');
    chmodSync(join(src, 'a.txt'), 0o640);
    writeFileSync(join(src, 'sub/b.txt'), 'beta');
    symlinkSync('/etc/passwd', join(src, 'link'));
    execFileSync('mkfifo', [join(src, 'pipe')]);
    const p = packHostPath(src, 'renamed');
    const [got, counts] = await Promise.all([entries(p.stream), p.done]);
    expect(got.map((e) => [e.name, e.type])).toEqual([
      ['renamed', 'directory'],
      ['renamed/a.txt', 'file'],
      ['renamed/link', 'symlink'],
      ['renamed/sub', 'directory'],
      ['renamed/sub/b.txt', 'file'],
    ]);
    expect(got.find((e) => e.name === 'renamed/a.txt')).toMatchObject({ body: 'alpha', mode: 0o640 });
    expect(got.find((e) => e.name === 'renamed/link')?.linkname).toBe('/etc/passwd');
    expect(counts).toEqual({ files: 3, bytes: 9 });
  });

  it('round-trips a big file through the extractor, byte for byte, with long names', async () => {
    const d = scratch();
    const long = 'n'.repeat(150);
    const src = join(d, 'src');
    mkdirSync(join(src, long), { recursive: true });
    const body = Buffer.alloc(5 * 1024 * 1024 + 3);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 0xff;
    writeFileSync(join(src, long, 'big.bin'), body);
    const p = packHostPath(src, 'src');
    const res = await extractArchive(p.stream, { root: join(d, 'out'), topName: 'src' });
    await p.done;
    expect(res.bytes).toBe(body.length);
    expect(readFileSync(join(d, 'out', long, 'big.bin')).equals(body)).toBe(true);
  });

  it('fails with a sentence for a missing host path, and cancel stops it', async () => {
    const d = scratch();
    const p = packHostPath(join(d, 'absent'), 'x');
    p.stream.resume();
    const err = await p.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toBe(`No such file or directory on this host: ${join(d, 'absent')}.`);

    writeFileSync(join(d, 'f'), Buffer.alloc(4 * 1024 * 1024));
    const q = packHostPath(join(d, 'f'), 'f');
    // Nobody reads the stream: packing waits on back-pressure until cancelled, then settles.
    setTimeout(() => q.cancel(), 50);
    const cancelled = await q.done.catch((e: unknown) => e);
    expect((cancelled as DockerError).message).toBe('The copy was cancelled.');
  });
});
