import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isIgnored, listContext, parseDockerignore, prepareContext } from '../../src/docker/build-context.js';

// Directory reads are watched (and still done): "without reading it" must be seen, not assumed.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return { ...real, readdir: vi.fn(real.readdir) };
});

const ignored = (rules: string, path: string) => isIgnored(parseDockerignore(rules), path);

describe('.dockerignore matching', () => {
  it.each([
    // pattern, path, excluded?
    ['secret.txt', 'secret.txt', true],
    ['secret.txt', 'sub/secret.txt', false],
    ['/secret.txt', 'secret.txt', true],
    ['./secret.txt', 'secret.txt', true],
    ['*.log', 'a.log', true],
    ['*.log', 'logs/a.log', false],
    ['*/*.log', 'logs/a.log', true],
    ['**/*.log', 'a.log', true],
    ['**/*.log', 'x/y/z/a.log', true],
    ['logs/**', 'logs/a/b', true],
    ['logs/**', 'logs', false],
    ['node_modules', 'node_modules/x/index.js', true],
    ['docs/', 'docs/readme.md', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[!a-c]x', 'dx', true],
    ['file\\*', 'file*', true],
    ['file\\*', 'fileX', false],
    ['a.b', 'axb', false],
    ['# comment', '# comment', false],
    ['  spaced.txt  ', 'spaced.txt', true],
  ])('%j against %j -> %s', (rules, path, expected) => {
    expect(ignored(rules, path)).toBe(expected);
  });

  it('lets a later "!" line put back what an earlier line excluded, and the last match wins', () => {
    const rules = '*.md\n!README.md\nsecret/\n!secret/public.txt\nREADME.md\n';
    expect(ignored(rules, 'CHANGES.md')).toBe(true);
    expect(ignored(rules, 'README.md')).toBe(true);
    expect(ignored('*.md\n!README.md', 'README.md')).toBe(false);
    expect(ignored(rules, 'secret/key')).toBe(true);
    expect(ignored(rules, 'secret/public.txt')).toBe(false);
  });

  it('ignores blank lines and comments, handles CRLF files', () => {
    expect(parseDockerignore('\r\n# x\r\n\r\na\r\n!b\r\n').map((r) => [r.pattern, r.exception])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});

describe('listing and packing a context', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function context(): string {
    const dir = mkdtempSync(join(tmpdir(), 'berth-bctx-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(dir, 'docker/Dockerfile.dev'), 'FROM scratch\n');
    writeFileSync(join(dir, 'src/a.ts'), 'a');
    writeFileSync(join(dir, 'src/deep/b.ts'), 'bb');
    writeFileSync(join(dir, 'src/deep/keep.log'), 'k');
    writeFileSync(join(dir, 'debug.log'), 'x');
    writeFileSync(join(dir, 'node_modules/pkg/index.js'), 'x');
    symlinkSync('/etc/passwd', join(dir, 'link'));
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n**/*.log\n!src/deep/keep.log\ndocker\nDockerfile\n.dockerignore\n');
    return dir;
  }

  it('leaves out what is ignored but always sends the Dockerfile and .dockerignore', async () => {
    const dir = context();
    const prepared = await prepareContext(dir, 'docker/Dockerfile.dev');
    const names = prepared.entries.map((e) => e.name);
    // The root Dockerfile is excluded like any file: only the chosen one is forced in.
    expect(names).toEqual(['.dockerignore', 'docker/Dockerfile.dev', 'link', 'src', 'src/a.ts', 'src/deep', 'src/deep/b.ts', 'src/deep/keep.log']);
    expect(prepared.entries.find((e) => e.name === 'link')).toMatchObject({ type: 'symlink', linkname: '/etc/passwd' });
  });

  it('skips an excluded directory without reading it when no exception could apply', async () => {
    const dir = context();
    const read = () => vi.mocked(readdir).mock.calls.map((c) => String(c[0]));
    const underSrc = (p: string) => p === join(dir, 'src') || p.startsWith(join(dir, 'src') + '/');
    vi.mocked(readdir).mockClear();
    const names = (await listContext(dir, parseDockerignore('src'), [])).map((e) => e.name);
    expect(names.some((n) => n.startsWith('src'))).toBe(false);
    expect(read().filter(underSrc)).toEqual([]);
    // The watch does see reads: with an exception that could apply, src is walked.
    vi.mocked(readdir).mockClear();
    await listContext(dir, parseDockerignore('src\n!src/a.ts'), []);
    expect(read().filter(underSrc)).toEqual([join(dir, 'src'), join(dir, 'src/deep')]);
  });

  it('streams a tar holding exactly the listed entries and their bytes', async () => {
    const dir = context();
    const prepared = await prepareContext(dir, 'Dockerfile');
    const { stream, done } = prepared.open();
    const seen: Record<string, string> = {};
    const ex = extract();
    ex.on('entry', (header, body, next) => {
      let text = '';
      body.on('data', (c: unknown) => {
        text += String(c);
      });
      body.on('end', () => {
        seen[header.name] = header.type === 'symlink' ? `-> ${header.linkname}` : text;
        next();
      });
    });
    const finished = new Promise<void>((r) => ex.on('finish', () => r()));
    stream.pipe(ex);
    await Promise.all([done, finished]);
    expect(seen).toMatchObject({ Dockerfile: 'FROM scratch\n', 'src/deep/b.ts': 'bb', 'src/deep/keep.log': 'k', link: '-> /etc/passwd' });
    expect(Object.keys(seen)).not.toContain('debug.log');
    expect(Object.keys(seen)).not.toContain('node_modules/pkg/index.js');
    // Exactly the listed entries, in their order, each file with its bytes on disk.
    expect(Object.keys(seen)).toEqual(prepared.entries.map((e) => e.name));
    expect(Object.keys(seen)).toEqual(['.dockerignore', 'Dockerfile', 'link', 'src', 'src/a.ts', 'src/deep', 'src/deep/b.ts', 'src/deep/keep.log']);
    for (const e of prepared.entries) {
      if (e.type === 'file') expect(seen[e.name]).toBe(readFileSync(join(dir, e.name), 'utf8'));
      if (e.type === 'directory') expect(seen[e.name]).toBe('');
    }
  });

  it('says so when the context is not a directory', async () => {
    await expect(prepareContext(join(tmpdir(), 'berth-no-such-context'), 'Dockerfile')).rejects.toThrow(/is not a readable directory/);
  });
});
