// Loads dockerode without the parts berth does not need. dockerode requires gRPC and
// protobuf (for BuildKit sessions, which berth does not use) as soon as it loads, and its
// docker-modem requires ssh2 (for its own ssh:// support): about 20 MB of memory and 150 ms
// of start-up for every user. The session module is put in require's cache as a thin stand-in
// that loads the real one the first time it is called (deferred, nothing lost). docker-modem's
// ssh module gets a stand-in that never loads ssh2: berth reaches ssh:// through the system
// ssh client (ssh-transport.ts) and never asks docker-modem for its ssh protocol.
// The single file (npm run dist) bundles dockerode instead and leaves the same modules out
// at build time (scripts/single-file/bundle.ts reads STAND_INS).
import { createRequire } from 'node:module';
import type DockerodeType from 'dockerode';

type DockerodeCtor = typeof DockerodeType;

const requireHere = createRequire(import.meta.url);

/** Puts `exports` into require's cache as the module `specifier` resolves to (unless it is loaded already). */
function putInCache(requireFrom: NodeJS.Require, specifier: string, exportsFor: (resolved: string) => unknown): void {
  let resolved: string;
  try {
    resolved = requireFrom.resolve(specifier);
  } catch {
    return; // layout changed: the module loads the normal way
  }
  if (requireFrom.cache[resolved]) return;
  const Module = requireHere('node:module') as { new (id: string): NodeJS.Module };
  const m = new Module(resolved);
  m.filename = resolved;
  m.loaded = true;
  m.exports = exportsFor(resolved);
  requireFrom.cache[resolved] = m;
}

/** A stand-in for a module exporting one function: the real one loads when first called. */
function deferFunctionModule(requireFrom: NodeJS.Require, specifier: string): void {
  putInCache(requireFrom, specifier, (resolved) => {
    let real: ((...args: unknown[]) => unknown) | undefined;
    return function (this: unknown, ...args: unknown[]): unknown {
      if (!real) {
        delete requireFrom.cache[resolved];
        real = requireFrom(resolved) as (...args: unknown[]) => unknown;
      }
      return real.apply(this, args);
    };
  });
}

/** A stand-in for a module exporting one function that berth never calls: the real one never loads. */
function replaceWithUnused(requireFrom: NodeJS.Require, specifier: string, why: string): void {
  putInCache(requireFrom, specifier, () => () => {
    throw new Error(why);
  });
}

/**
 * The modules of dockerode's tree that berth leaves out, in one table: this loader puts them
 * in require's cache, and the single-file build (scripts/single-file) replaces them when it bundles.
 * `deferred`: loaded the first time it is called; `unused`: berth never calls it.
 */
export const STAND_INS: readonly { readonly package: 'dockerode' | 'docker-modem'; readonly module: string; readonly kind: 'deferred' | 'unused'; readonly why: string }[] = [
  { package: 'dockerode', module: './session.js', kind: 'deferred', why: 'BuildKit sessions (gRPC, protobuf) are not used by berth, which builds with the classic builder' },
  { package: 'docker-modem', module: './ssh.js', kind: 'unused', why: "berth reaches ssh:// through the system ssh client, not docker-modem's ssh2" },
];

let loaded: DockerodeCtor | undefined;

export function loadDockerode(): DockerodeCtor {
  if (loaded) return loaded;
  const fromDockerode = createRequire(requireHere.resolve('dockerode'));
  for (const s of STAND_INS) {
    const from = s.package === 'dockerode' ? fromDockerode : createRequire(fromDockerode.resolve(s.package));
    if (s.kind === 'deferred') deferFunctionModule(from, s.module);
    else replaceWithUnused(from, s.module, s.why);
  }
  loaded = requireHere('dockerode') as DockerodeCtor;
  return loaded;
}
