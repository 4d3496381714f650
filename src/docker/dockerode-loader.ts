// Loads dockerode without the parts berth does not need. dockerode requires gRPC and
// protobuf (for BuildKit sessions, which berth does not use) as soon as it loads, and its
// docker-modem requires ssh2 (for its own ssh:// support): about 20 MB of memory and 150 ms
// of start-up for every user. The session module is put in require's cache as a thin stand-in
// that loads the real one the first time it is called (deferred, nothing lost). docker-modem's
// ssh module gets a stand-in that never loads ssh2: berth reaches ssh:// through the system
// ssh client (ssh-transport.ts) and never asks docker-modem for its ssh protocol.
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

let loaded: DockerodeCtor | undefined;

export function loadDockerode(): DockerodeCtor {
  if (loaded) return loaded;
  const dockerodeMain = requireHere.resolve('dockerode');
  const fromDockerode = createRequire(dockerodeMain);
  deferFunctionModule(fromDockerode, './session.js');
  replaceWithUnused(createRequire(fromDockerode.resolve('docker-modem')), './ssh.js', "berth reaches ssh:// through the system ssh client, not docker-modem's ssh2");
  loaded = requireHere('dockerode') as DockerodeCtor;
  return loaded;
}
