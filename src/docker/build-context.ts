// The build context: the files of a directory that .dockerignore does not exclude, sent to
// the engine as a tar stream. The Dockerfile and .dockerignore are always sent.
//
// .dockerignore is matched by @balena/dockerignore, a port of the Go matcher the docker CLI
// used up to 20.10, adjusted where today's CLI (moby/patternmatcher, checked against
// docker 28.2 by sending contexts with its classic builder) answers differently:
// - `+ ( ) | { } $ .` are literal characters, not regular-expression syntax;
// - `**foo` (a leading ** not followed by "/") matches any path that ends in "foo";
// - a byte-order mark at the start of the file is not part of the first pattern.
// What both already agree on: "[...]" classes are Go regexp classes, so "[!a-c]" is the
// class of "!", "a", "b" and "c" (negation is "[^a-c]"); "*" and "?" stay within one path
// component, "**" spans any number; a leading "/" or "./" is dropped; a pattern that
// matches a directory excludes everything under it; a later "!" line puts back what earlier
// lines excluded, and the last matching line wins; matching is case-sensitive.
import dockerignore from '@balena/dockerignore';
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { pack as tarPack, type Pack } from 'tar-stream';
import { DockerError } from './errors.js';

export interface Dockerignore {
  /** Whether a context-relative path ("src/a.ts", "/" separators) is excluded. */
  ignores(path: string): boolean;
  /** Some "!" line may put back a path under an excluded directory. */
  readonly hasExceptions: boolean;
}

/** Characters today's CLI escapes before building its regular expression. */
const LITERAL = new Set(['+', '(', ')', '|', '{', '}']);

function escapeLiterals(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) out += ch + pattern[++i]!; // an escaped pair stays as it is
    else out += LITERAL.has(ch) ? `\\${ch}` : ch;
  }
  return out;
}

/** Rewrites one pattern line so the 20.10-era matcher answers as today's CLI does. */
function asTodaysCli(line: string): string {
  const bang = /^\s*!\s*/.exec(line)?.[0] ?? '';
  let pattern = line.slice(bang.length).trim();
  // "**" then plain text (no glob or escape) is a suffix match today: "**foo" matches "x/barfoo".
  const bare = pattern.replace(/^\/+/, '');
  if (/^\*\*[^/]/.test(bare) && !/[*?[\]\\]/.test(bare.slice(2))) pattern = `**/*${bare.slice(2)}`;
  // Only a line that starts with "#" is a comment; " #x" is the pattern "#x", which the
  // matcher would take for a comment once trimmed: escape it.
  return bang + (pattern.startsWith('#') ? '\\' : '') + escapeLiterals(pattern);
}

/** Parses the text of a .dockerignore file; a pattern the CLI would reject is refused. */
export function parseDockerignore(text: string): Dockerignore {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => !l.startsWith('#') && l.trim() !== '');
  // The package is CommonJS with `export default` typings: under NodeNext TypeScript sees the
  // default import as the module object; at run time that object is the factory, and it
  // carries itself as `.default` for exactly this case.
  const matcher = dockerignore.default({ ignorecase: false });
  for (const line of lines) {
    matcher.add(asTodaysCli(line));
    try {
      matcher.ignores('.dockerignore-probe'); // compiles every pattern added so far
    } catch (err) {
      throw new DockerError('badRequest', `The .dockerignore line "${line.trim()}" is not a valid pattern (an unclosed "[" or the like); docker build refuses it too.`, { cause: err });
    }
  }
  const hasExceptions = lines.some((l) => l.trim().startsWith('!'));
  return { ignores: (path) => matcher.ignores(path), hasExceptions };
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
export async function listContext(root: string, rules: Dockerignore, alwaysSend: readonly string[]): Promise<ContextEntry[]> {
  const entries: ContextEntry[] = [];
  const hasExceptions = rules.hasExceptions;
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
      const ignored = !forced.has(path) && rules.ignores(path);
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
