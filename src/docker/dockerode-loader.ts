// Loads dockerode without the parts berth rarely needs. dockerode requires gRPC and
// protobuf (for BuildKit sessions, which berth does not use) and ssh2 (for ssh:// only)
// as soon as it loads: about 20 MB of memory and 150 ms of start-up for every user.
// Here those two modules are put in require's cache as thin stand-ins that load the
// real module the first time they are called, so nothing is lost, only deferred.
import { createRequire } from 'node:module';
import type DockerodeType from 'dockerode';

type DockerodeCtor = typeof DockerodeType;

const requireHere = createRequire(import.meta.url);

/** Puts a stand-in for a module that exports a single function into require's cache. */
function deferFunctionModule(requireFrom: NodeJS.Require, specifier: string): void {
  let resolved: string;
  try {
    resolved = requireFrom.resolve(specifier);
  } catch {
    return; // layout changed: load it the normal way
  }
  const cache = requireFrom.cache;
  if (cache[resolved]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = function (this: unknown, ...args: unknown[]): unknown {
    if (!real) {
      delete cache[resolved];
      real = requireFrom(resolved) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  const Module = requireHere('node:module') as { new (id: string): NodeJS.Module };
  const m = new Module(resolved);
  m.filename = resolved;
  m.loaded = true;
  m.exports = standIn;
  cache[resolved] = m;
}

let loaded: DockerodeCtor | undefined;

export function loadDockerode(): DockerodeCtor {
  if (loaded) return loaded;
  const dockerodeMain = requireHere.resolve('dockerode');
  const fromDockerode = createRequire(dockerodeMain);
  deferFunctionModule(fromDockerode, './session.js');
  deferFunctionModule(createRequire(fromDockerode.resolve('docker-modem')), './ssh.js');
  loaded = requireHere('dockerode') as DockerodeCtor;
  return loaded;
}
