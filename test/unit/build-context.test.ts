import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listContext, parseDockerignore, prepareContext } from '../../src/docker/build-context.js';

// Directory reads are watched (and still done): "without reading it" must be seen, not assumed.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return { ...real, readdir: vi.fn(real.readdir) };
});

const ignored = (rules: string, path: string) => parseDockerignore(rules).ignores(path);

// Each row: .dockerignore text, the context's files, and the files that the docker CLI 28.2
// left out when it sent that context (classic builder, DOCKER_BUILDKIT=0, `COPY . /c/`, the
// image exported and listed). Rows marked * are where berth's own matcher answered otherwise.
const SENT_BY_DOCKER_28: readonly [string, string, readonly string[], readonly string[]][] = [
  ['* [!...] is a class holding "!"', '[!a-c]x\n', ['bx', 'dx', '!x'], ['bx', '!x']],
  ['* [!...] on a directory', '[!s]*/\n', ['src/a', 'lib/b', '!x/c', 'top'], ['src/a', '!x/c']],
  ['* [^/] never matches a separator', 'a[^/]b\n', ['a/b', 'axb'], ['axb']],
  ['[^...] negates', '[^a-c]x\n', ['bx', 'dx', '!x'], ['dx', '!x']],
  ['+ is literal', 'a+b\n', ['a+b', 'aab', 'ab'], ['a+b']],
  ['( ) { } are literal', '(x)\n{a,b}\n', ['(x)', 'x', 'a', '{a,b}'], ['(x)', '{a,b}']],
  ['| is literal', 'a|b\n', ['a|b', 'a', 'b'], ['a|b']],
  ['$ and . are literal', 'a$\na.b\n', ['a$', 'a', 'a.b', 'axb'], ['a$', 'a.b']],
  ['a leading / is the context root', '/secret.txt\n', ['secret.txt', 'sub/secret.txt'], ['secret.txt']],
  ['* stays in one component', '*.log\n', ['a.log', 'logs/a.log'], ['a.log']],
  ['**/ spans zero or more directories', '**/*.log\n', ['a.log', 'x/y/z/a.log', 'keep.txt'], ['a.log', 'x/y/z/a.log']],
  ['a trailing ** needs something below', 'logs/**\n', ['logs/a/b', 'logsx', 'logs2/a'], ['logs/a/b']],
  ['** then text is a suffix', '**foo\n', ['barfoo', 'x/barfoo', 'foo', 'x/foo'], ['barfoo', 'x/barfoo', 'foo', 'x/foo']],
  ['** in the middle', 'a/**/b\n', ['a/b', 'a/x/b', 'a/x/y/b', 'a/y/b/c', 'ab'], ['a/b', 'a/x/b', 'a/x/y/b', 'a/y/b/c']],
  ['! re-includes, the last match wins', '*.md\n!README.md\nsecret/\n!secret/public.txt\n', ['CHANGES.md', 'README.md', 'secret/key', 'secret/public.txt'], ['CHANGES.md', 'secret/key']],
  ['a later line excludes again', '*.md\n!README.md\nREADME.md\n', ['README.md', 'x.md'], ['README.md', 'x.md']],
  ['! re-includes a directory under an excluded one', 'docs\n!docs/keep\n', ['docs/a', 'docs/keep/b', 'docs/other'], ['docs/a', 'docs/other']],
  ['! with ** on both sides', '**/tmp/**\n!**/tmp/keep\n', ['tmp/a', 'x/tmp/b', 'x/tmp/keep', 'tmpx'], ['tmp/a', 'x/tmp/b']],
  ['"! name" is trimmed', '*.txt\n! keep.txt\n', ['keep.txt', 'a.txt'], ['a.txt']],
  ['case matters', 'upper.txt\n', ['Upper.txt', 'upper.txt'], ['upper.txt']],
  ['? is one character of a component', 'a?c\n', ['abc', 'a/c/d'], ['abc']],
  ['\\ escapes', 'file\\*\n', ['file*', 'fileX'], ['file*']],
  ['a name matches at the root only, with all below it', 'node_modules\n', ['node_modules/x/index.js', 'sub/node_modules/y'], ['node_modules/x/index.js']],
  ['*/ is exactly one directory deep', '*/tmp\n', ['a/tmp/x', 'tmp/x', 'a/b/tmp/x'], ['a/tmp/x']],
  ['a byte-order mark is not part of the pattern', '\ufeffsecret\n', ['secret'], ['secret']],
];

describe('.dockerignore matching, as the docker CLI does it', () => {
  it.each(SENT_BY_DOCKER_28)('%s', (_what, rules, paths, leftOut) => {
    expect(paths.filter((p) => ignored(rules, p))).toEqual(leftOut);
  });

  it('treats comments, blank lines and CRLF files as the CLI does', () => {
    const rules = parseDockerignore('\r\n# a\r\n\r\na\r\n!b\r\n #x\r\n');
    expect(['a', 'b', '# a', ' #x', '#x'].filter((p) => rules.ignores(p))).toEqual(['a', '#x']);
    expect(rules.hasExceptions).toBe(true);
    expect(parseDockerignore('a\n# !b\n').hasExceptions).toBe(false);
  });

  it('refuses a pattern docker build refuses, saying which line', () => {
    expect(() => parseDockerignore('ok\na[\n')).toThrow(/The \.dockerignore line "a\[" is not a valid pattern/);
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
