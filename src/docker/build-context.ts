// The build context: the files of a directory that .dockerignore does not exclude, sent to
// the engine as a tar stream. The ignore rules are the docker CLI's: one pattern a line,
// "#" comments, "!" exceptions, "*" and "?" within a path component, "**" across
// components, and the last matching line wins. A pattern that matches a directory
// excludes everything under it. The Dockerfile and .dockerignore are always sent.
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, readlink, realpath } from 'node:fs/promises';
import { posix, join } from 'node:path';
import { pack as tarPack, type Pack } from 'tar-stream';
import { DockerError } from './errors.js';

export interface IgnoreRule {
  readonly pattern: string;
  /** A "!" line: it puts back what earlier lines excluded. */
  readonly exception: boolean;
  readonly regex: RegExp;
}

function escapeRegex(ch: string): string {
  return /[.+^${}()|[\]\\*?]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates one cleaned pattern into an anchored regular expression. */
function patternToRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // "**/" may match no directory at all; a trailing "**" matches everything below.
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i]!);
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\//g, '')}]`;
      i = close;
    } else {
      out += escapeRegex(ch);
    }
  }
  return new RegExp(`^${out}$`, 's');
}

/** Parses the text of a .dockerignore file. */
export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    if (rawLine.startsWith('#')) continue;
    let line = rawLine.trim();
    if (!line) continue;
    const exception = line.startsWith('!');
    if (exception) line = line.slice(1).trim();
    // Patterns are relative to the context root, whether or not they start with "/".
    const cleaned = posix.normalize(line).replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
    if (!cleaned || cleaned === '.') continue;
    rules.push({ pattern: cleaned, exception, regex: patternToRegex(cleaned) });
  }
  return rules;
}

/** Whether a pattern matches the path or one of its parent directories. */
function ruleMatches(rule: IgnoreRule, path: string): boolean {
  if (rule.regex.test(path)) return true;
  let slash = path.lastIndexOf('/');
  while (slash > 0) {
    if (rule.regex.test(path.slice(0, slash))) return true;
    slash = path.lastIndexOf('/', slash - 1);
  }
  return false;
}

/** Whether a context-relative path ("src/a.ts", "/" separators) is excluded. */
export function isIgnored(rules: readonly IgnoreRule[], path: string): boolean {
  let ignored = false;
  for (const rule of rules) if (ruleMatches(rule, path)) ignored = !rule.exception;
  return ignored;
}

export interface ContextEntry {
  /** Path inside the context, "/" separated, no leading "./". */
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly size: number;
  readonly mode: number;
  readonly mtime: Date;
  readonly linkname?: string;
}

function cannotRead(path: string, err: unknown): DockerError {
  const code = (err as { code?: string }).code;
  const kind = code === 'EACCES' || code === 'EPERM' ? 'permission' : code === 'ENOENT' ? 'notFound' : 'server';
  return new DockerError(kind, `Cannot read ${path} in the build context: ${(err as Error).message}.`, { cause: err });
}

/**
 * Lists what will be sent, sorted, without reading file contents. `alwaysSend` paths (the
 * Dockerfile, .dockerignore) are kept even when a rule excludes them.
 */
export async function listContext(root: string, rules: readonly IgnoreRule[], alwaysSend: readonly string[]): Promise<ContextEntry[]> {
  const entries: ContextEntry[] = [];
  const hasExceptions = rules.some((r) => r.exception);
  const forced = new Set(alwaysSend);
  const onForcedPath = (dir: string) => alwaysSend.some((p) => p.startsWith(`${dir}/`));
  const walk = async (rel: string): Promise<void> => {
    const abs = rel ? join(root, rel) : root;
    let names: string[];
    try {
      names = (await readdir(abs)).sort();
    } catch (err) {
      throw cannotRead(rel || '.', err);
    }
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = await lstat(join(root, path));
      } catch (err) {
        throw cannotRead(path, err);
      }
      const ignored = !forced.has(path) && isIgnored(rules, path);
      if (st.isDirectory()) {
        if (!ignored) entries.push({ name: path, type: 'directory', size: 0, mode: st.mode & 0o7777, mtime: st.mtime });
        // An excluded directory is skipped whole unless an exception could put something back.
        if (!ignored || hasExceptions || onForcedPath(path)) await walk(path);
      } else if (ignored) {
        continue;
      } else if (st.isFile()) {
        entries.push({ name: path, type: 'file', size: st.size, mode: st.mode & 0o7777, mtime: st.mtime });
      } else if (st.isSymbolicLink()) {
        // Sent as a link, never followed: the engine resolves it inside the image.
        entries.push({ name: path, type: 'symlink', size: 0, mode: st.mode & 0o7777, mtime: st.mtime, linkname: await readlink(join(root, path)) });
      }
      // Sockets, fifos and devices have no place in an image context: left out.
    }
  };
  await walk('');
  return entries;
}

export interface PreparedContext {
  readonly root: string;
  readonly entries: readonly ContextEntry[];
  /** Starts writing the tar; errors (a file that vanished) destroy the stream and reject `done`. */
  open(): { stream: Pack; done: Promise<void> };
}

/** Reads .dockerignore and lists the context; nothing is sent yet. */
export async function prepareContext(contextDir: string, dockerfile: string): Promise<PreparedContext> {
  let root: string;
  try {
    root = await realpath(contextDir);
    if (!(await lstat(root)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new DockerError(code === 'EACCES' ? 'permission' : 'notFound', `The build context ${contextDir} is not a readable directory.`, { cause: err });
  }
  let ignoreText = '';
  try {
    ignoreText = await readFile(join(root, '.dockerignore'), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw cannotRead('.dockerignore', err);
  }
  const entries = await listContext(root, parseDockerignore(ignoreText), [dockerfile, '.dockerignore']);
  return {
    root,
    entries,
    open() {
      const stream = tarPack();
      const done = writeTar(stream, root, entries);
      done.catch((err: unknown) => stream.destroy(err as Error));
      return { stream, done };
    },
  };
}

async function writeTar(pack: Pack, root: string, entries: readonly ContextEntry[]): Promise<void> {
  for (const e of entries) {
    const header = { name: e.name, mode: e.mode, mtime: e.mtime, uid: 0, gid: 0 };
    if (e.type === 'directory') {
      await new Promise<void>((res, rej) => pack.entry({ ...header, type: 'directory' }, (err) => (err ? rej(err) : res())));
    } else if (e.type === 'symlink') {
      await new Promise<void>((res, rej) => pack.entry({ ...header, type: 'symlink', linkname: e.linkname ?? '' }, (err) => (err ? rej(err) : res())));
    } else {
      await new Promise<void>((res, rej) => {
        const sink = pack.entry({ ...header, type: 'file', size: e.size }, (err) => (err ? rej(cannotRead(e.name, err)) : res()));
        const source = createReadStream(join(root, e.name));
        source.on('error', (err) => {
          sink.destroy(err);
          rej(cannotRead(e.name, err));
        });
        source.pipe(sink as unknown as NodeJS.WritableStream);
      });
    }
  }
  pack.finalize();
}
