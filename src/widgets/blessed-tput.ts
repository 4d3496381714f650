// Two changes to how blessed 0.1.81 (pinned) sets up the terminal description, both for
// start-up time (measured: 40-55 ms down to about 20 here):
// - blessed turns every string capability of the terminfo entry (about 400) into a JavaScript
//   function with `new Function` before the first frame, though a session uses a few dozen.
//   Each is now compiled the first time it is called, to the same function.
// - For the entries blessed carries itself (berth picks one of them, see terminal.ts), it no
//   longer tries the system's terminfo file first: blessed cannot parse ncurses 6's format, so
//   that attempt always failed after reading and half-parsing the file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startupSnapshot } from 'node:v8';

const requireBlessed = createRequire(import.meta.url);

type Compile = (this: unknown, info: unknown, key: string, str: unknown) => unknown;
interface TputProto {
  _compile: Compile;
  _prefix: (this: unknown, term?: string) => string;
}

const tputPath = requireBlessed.resolve('blessed/lib/tput.js');
const Tput = requireBlessed(tputPath) as { prototype: TputProto; ipaths: unknown[]; cpaths: unknown[] };

/** The entries blessed ships in its usr/ directory. */
export const BUNDLED_TERMINALS: readonly string[] = ['xterm', 'xterm-256color', 'linux', 'windows-ansi'];
const usrDir = join(dirname(tputPath), '..', 'usr');

/** blessed's own compiler, kept for comparison in tests. */
export const eagerCompile: Compile = Tput.prototype._compile;

Tput.prototype._compile = function lazyCompile(this: unknown, info, key, str) {
  // Booleans, numbers, empty strings and the two file capabilities keep blessed's handling.
  if (typeof str !== 'string' || !str || key === 'init_file' || key === 'reset_file') return eagerCompile.call(this, info, key, str);
  let real: ((...a: unknown[]) => unknown) | undefined;
  const compile = () => (real ??= eagerCompile.call(this, info, key, str) as (...a: unknown[]) => unknown);
  return function compiledOnFirstCall(this: unknown, ...a: unknown[]) {
    return compile().apply(this, a);
  };
};

const findFile = Tput.prototype._prefix;
Tput.prototype._prefix = function bundledFirst(this: unknown, term?: string) {
  return term && BUNDLED_TERMINALS.includes(term) ? join(usrDir, term) : findFile.call(this, term);
};

/**
 * blessed works out where to look for terminfo and termcap files from the environment when
 * it loads (its first three search paths). In a startup snapshot (src/snapshot.ts) it loaded
 * at build time: each start reads them again from its own environment, as blessed would.
 */
export function searchPathsFromEnv(paths: { ipaths: unknown[]; cpaths: unknown[] }, env: NodeJS.ProcessEnv): void {
  const home = env.HOME ?? '';
  paths.ipaths.splice(0, 3, env.TERMINFO ?? '', (env.TERMINFO_DIRS ?? '').split(':'), `${home}/.terminfo`);
  paths.cpaths.splice(0, 3, env.TERMCAP ?? '', (env.TERMPATH ?? '').split(/[: ]/), `${home}/.termcap`);
}

if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.addDeserializeCallback(() => searchPathsFromEnv(Tput, process.env));
