import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { copyFromContainer, copyToContainer, statContainerPath } from '../../src/docker/copy.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { DockerError } from '../../src/docker/errors.js';
import { runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const name = uniqueName('cp');
const work = mkdtempSync(join(tmpdir(), 'berth-cp-'));
const big = randomBytes(3 * 1024 * 1024 + 17);

/** What the test itself reads back from the container, through the engine (not the code under test). */
async function containerFiles(path: string): Promise<Map<string, { type: string; body: Buffer; linkname?: string }>> {
  const stream = await raw.getContainer(name).getArchive({ path });
  const ex = tar.extract();
  stream.pipe(ex as unknown as NodeJS.WritableStream);
  const out = new Map<string, { type: string; body: Buffer; linkname?: string }>();
  for await (const e of ex) {
    const parts: Buffer[] = [];
    for await (const c of e as AsyncIterable<Buffer>) parts.push(c);
    out.set(e.header.name, { type: e.header.type, body: Buffer.concat(parts), ...(e.header.linkname ? { linkname: e.header.linkname } : {}) });
  }
  return out;
}

async function sh(script: string): Promise<void> {
  const ex = await raw.getContainer(name).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const s = await ex.start({});
  s.resume();
  await new Promise((r) => s.on('end', r));
}

/** The DockerError a call rejects with (the test fails if it resolves or throws something else). */
const failure = (p: Promise<unknown>): Promise<DockerError> =>
  p.then(
    () => Promise.reject(new Error('expected the call to fail')),
    (e: unknown) => (expect(e).toBeInstanceOf(DockerError), e as DockerError),
  );

function fresh(label: string): string {
  const d = join(work, `${label}-${Math.random().toString(36).slice(2, 7)}`);
  mkdirSync(d);
  return d;
}

beforeAll(async () => {
  await runFixture(raw, name);
  // Known bytes in the container, planted by the test through the engine.
  const pack = tar.pack();
  pack.entry({ name: 'data/', type: 'directory', mode: 0o755 });
  pack.entry({ name: 'data/a.txt', mode: 0o640 }, 'hello\n');
  pack.entry({ name: 'data/sub/', type: 'directory', mode: 0o755 });
  pack.entry({ name: 'data/sub/big.bin', mode: 0o644 }, big);
  pack.finalize();
  await raw.getContainer(name).putArchive(pack as unknown as NodeJS.ReadableStream, { path: '/' });
  // A hostile directory: links to /etc, to its parent, to the root, to a host-looking path.
  await sh('mkdir -p /evil /srv && echo x > /evil/plain && ln -s /etc /evil/etc && ln -s .. /evil/up && ln -s / /evil/root && ln -s ../../../../etc/passwd /evil/passwd');
}, 60_000);

afterAll(async () => {
  await raw.getContainer(name).remove({ force: true }).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('statContainerPath', () => {
  it('describes a directory, a file and a link; undefined for a missing path', async () => {
    expect(await statContainerPath(docker, name, '/data')).toMatchObject({ name: 'data', isDir: true, isSymlink: false });
    expect(await statContainerPath(docker, name, '/data/a.txt')).toMatchObject({ name: 'a.txt', size: 6, isDir: false });
    expect(await statContainerPath(docker, name, '/evil/etc')).toMatchObject({ isSymlink: true, linkTarget: '/etc', isDir: false });
    expect(await statContainerPath(docker, name, '/nope')).toBeUndefined();
  });

  it('tells a missing container from a missing path', async () => {
    const err = await failure(statContainerPath(docker, 'no-such-container-here', '/data'));
    expect(err.kind).toBe('notFound');
    expect(err.message).toBe('Container no-such-container-here is gone.');
  });
});

describe('copy out of a container', () => {
  it('copies a file into an existing directory and as a new name, bytes intact', async () => {
    const dir = fresh('file');
    const into = await copyFromContainer(docker, name, '/data/sub/big.bin', dir);
    expect(into).toMatchObject({ files: 1, bytes: big.length, destination: join(dir, 'big.bin') });
    expect(readFileSync(join(dir, 'big.bin')).equals(big)).toBe(true);
    const renamed = await copyFromContainer(docker, name, '/data/a.txt', join(dir, 'renamed.txt'));
    expect(renamed.destination).toBe(join(dir, 'renamed.txt'));
    expect(readFileSync(join(dir, 'renamed.txt'), 'utf8')).toBe('hello\n');
    expect(lstatSync(join(dir, 'renamed.txt')).mode & 0o777).toBe(0o640);
  });

  it('copies a directory into an existing directory and as a new name, with progress', async () => {
    const dir = fresh('dir');
    const progress: number[] = [];
    const res = await copyFromContainer(docker, name, '/data', dir, { onProgress: (b) => progress.push(b) });
    expect(res).toMatchObject({ files: 2, bytes: big.length + 6, destination: join(dir, 'data') });
    expect(readFileSync(join(dir, 'data/sub/big.bin')).equals(big)).toBe(true);
    expect(readFileSync(join(dir, 'data/a.txt'), 'utf8')).toBe('hello\n');
    expect(progress.at(-1)).toBe(big.length + 6);
    expect(progress.length).toBeGreaterThan(2);
    await copyFromContainer(docker, name, '/data', join(dir, 'copy'));
    expect(readdirSync(join(dir, 'copy')).sort()).toEqual(['a.txt', 'sub']);
  });

  it('says clearly when the path or the host directory is missing, before any transfer', async () => {
    const dir = fresh('missing');
    const err = await failure(copyFromContainer(docker, name, '/nope', dir));
    expect(err.kind).toBe('notFound');
    expect(err.message).toBe(`No such file or directory in container ${name}: /nope`);
    const noParent = await failure(copyFromContainer(docker, name, '/data/a.txt', join(dir, 'no/such/dir/x')));
    expect(noParent.message).toBe(`No such directory on this host: ${join(dir, 'no/such/dir')}.`);
    const gone = await failure(copyFromContainer(docker, 'no-such-container-here', '/data', dir));
    expect(gone.message).toBe('Container no-such-container-here is gone.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite an existing host file unless asked, and then replaces it', async () => {
    const dir = fresh('overwrite');
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'mine');
    const err = await failure(copyFromContainer(docker, name, '/data/a.txt', dir));
    expect(err.kind).toBe('conflict');
    expect(err.message).toBe(`${file} already exists (choose overwrite to replace it).`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    await copyFromContainer(docker, name, '/data/a.txt', file, { overwrite: true });
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
    const dirOnFile = await failure(copyFromContainer(docker, name, '/data', file, { overwrite: true }));
    expect(dirOnFile.message).toMatch(/Cannot copy the directory data onto the file/);
  });

  it('refuses a read-only host directory with a permission error', async () => {
    const dir = fresh('ro');
    execFileSync('mount', ['--bind', dir, dir]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
      const err = await failure(copyFromContainer(docker, name, '/data/a.txt', dir));
      expect(err.kind).toBe('permission');
      expect(err.message).toBe(`Permission denied on this host: cannot write into ${dir}.`);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  it('copies a directory of hostile links as links and writes nothing outside the destination', async () => {
    const base = fresh('evil');
    const dest = join(base, 'dest');
    mkdirSync(dest);
    const etcBefore = readdirSync('/etc').sort();
    const res = await copyFromContainer(docker, name, '/evil', dest);
    expect(res.skipped).toEqual([]);
    expect(readdirSync(base)).toEqual(['dest']);
    expect(readdirSync(join(dest, 'evil')).sort()).toEqual(['etc', 'passwd', 'plain', 'root', 'up']);
    expect(readlinkSync(join(dest, 'evil/etc'))).toBe('/etc');
    expect(readlinkSync(join(dest, 'evil/up'))).toBe('..');
    expect(lstatSync(join(dest, 'evil/passwd')).isSymbolicLink()).toBe(true);
    expect(readdirSync('/etc').sort()).toEqual(etcBefore);
  });

  it('never follows a host symlink sitting at the destination', async () => {
    const base = fresh('hostlink');
    const outside = join(base, 'outside');
    mkdirSync(outside);
    mkdirSync(join(base, 'dest'));
    symlinkSync(outside, join(base, 'dest/data'));
    const refused = await failure(copyFromContainer(docker, name, '/data', join(base, 'dest')));
    expect(refused.kind).toBe('conflict');
    await copyFromContainer(docker, name, '/data', join(base, 'dest'), { overwrite: true });
    expect(lstatSync(join(base, 'dest/data')).isDirectory()).toBe(true);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('the engine itself refuses to plant an archive entry with ../ (so the unit tests cover those)', async () => {
    const pack = tar.pack();
    pack.entry({ name: '../escape' }, 'x');
    pack.finalize();
    const err = await raw
      .getContainer(name)
      .putArchive(pack as unknown as NodeJS.ReadableStream, { path: '/srv' })
      .then(
        () => undefined,
        (e: unknown) => e as { statusCode?: number; json?: { message?: string } },
      );
    expect(err?.statusCode).toBe(500);
    expect(err?.json?.message).toMatch(/outside of/);
  });
});

describe('copy into a container', () => {
  it('copies a host directory into an existing directory, and it is there', async () => {
    const src = join(fresh('up'), 'site');
    mkdirSync(join(src, 'css'), { recursive: true });
    writeFileSync(join(src, 'index.html'), '<h1>hi</h1>');
    writeFileSync(join(src, 'css/big.bin'), big);
    symlinkSync('index.html', join(src, 'home.html'));
    const res = await copyToContainer(docker, name, src, '/srv');
    expect(res).toMatchObject({ files: 3, bytes: big.length + 11, destination: '/srv/site' });
    const files = await containerFiles('/srv/site');
    expect(files.get('site/index.html')?.body.toString()).toBe('<h1>hi</h1>');
    expect(files.get('site/css/big.bin')?.body.equals(big)).toBe(true);
    expect(files.get('site/home.html')).toMatchObject({ type: 'symlink', linkname: 'index.html' });
  });

  it('copies a host file as a new name whose parent must exist', async () => {
    const dir = fresh('upfile');
    writeFileSync(join(dir, 'conf.txt'), 'port=80\n');
    const res = await copyToContainer(docker, name, join(dir, 'conf.txt'), '/srv/app.conf');
    expect(res.destination).toBe('/srv/app.conf');
    expect((await containerFiles('/srv/app.conf')).get('app.conf')?.body.toString()).toBe('port=80\n');
    const noParent = await failure(copyToContainer(docker, name, join(dir, 'conf.txt'), '/srv/none/app.conf'));
    expect(noParent.kind).toBe('notFound');
    expect(noParent.message).toBe(`No such file or directory in container ${name}: /srv/none`);
    const missingHost = await failure(copyToContainer(docker, name, join(dir, 'absent'), '/srv'));
    expect(missingHost.message).toBe(`No such file or directory on this host: ${join(dir, 'absent')}`);
  });

  it('refuses to replace an existing file in the container unless asked', async () => {
    const dir = fresh('upconflict');
    writeFileSync(join(dir, 'x.txt'), 'first');
    await copyToContainer(docker, name, join(dir, 'x.txt'), '/srv/x.txt');
    writeFileSync(join(dir, 'x.txt'), 'second');
    const err = await failure(copyToContainer(docker, name, join(dir, 'x.txt'), '/srv/x.txt'));
    expect(err.kind).toBe('conflict');
    expect(err.message).toBe(`/srv/x.txt already exists in container ${name} (choose overwrite to replace it).`);
    expect((await containerFiles('/srv/x.txt')).get('x.txt')?.body.toString()).toBe('first');
    await copyToContainer(docker, name, join(dir, 'x.txt'), '/srv', { overwrite: true });
    expect((await containerFiles('/srv/x.txt')).get('x.txt')?.body.toString()).toBe('second');
  });

  it('reports a read-only container file system and a gone container in words', async () => {
    const ro = uniqueName('cp-ro');
    await runFixture(raw, ro, undefined, { HostConfig: { ReadonlyRootfs: true } });
    try {
      const dir = fresh('upro');
      writeFileSync(join(dir, 'f'), 'x');
      const err = await failure(copyToContainer(docker, ro, join(dir, 'f'), '/f'));
      expect(err.kind).toBe('permission');
      expect(err.message).toMatch(new RegExp(`^Permission denied in container ${ro}: /`));
      const gone = await failure(copyToContainer(docker, 'no-such-container-here', join(dir, 'f'), '/f'));
      expect(gone.message).toBe('Container no-such-container-here is gone.');
    } finally {
      await raw.getContainer(ro).remove({ force: true });
    }
  });

  it('stops a copy in either direction when its signal aborts', async () => {
    const dir = fresh('cancel');
    const out = new AbortController();
    const errOut = await failure(copyFromContainer(docker, name, '/data/sub/big.bin', dir, { signal: out.signal, onProgress: () => out.abort() }));
    expect(errOut.message).toBe('The copy was cancelled.');
    const huge = join(dir, 'huge.bin');
    writeFileSync(huge, Buffer.alloc(32 * 1024 * 1024, 1));
    const into = new AbortController();
    let seen = 0;
    const errIn = await failure(
      copyToContainer(docker, name, huge, '/srv/huge.bin', { signal: into.signal, onProgress: (b) => ((seen = b), into.abort()) }),
    );
    expect(errIn.message).toBe('The copy was cancelled.');
    expect(seen).toBeLessThan(32 * 1024 * 1024);
  });
});
