// dockerode's loader in the single file (scripts/single-file/bundle.ts puts it in place of
// src/docker/dockerode-loader.ts). esbuild follows this require and wraps dockerode so that it
// is evaluated on the first call, as in the npm install; the modules the npm loader keeps out
// of require's cache are left out of the bundle at build time.
import type DockerodeType from 'dockerode';
import type { loadDockerode as LoadDockerode } from '../../src/docker/dockerode-loader.js';

let loaded: typeof DockerodeType | undefined;

export const loadDockerode: typeof LoadDockerode = () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require esbuild bundles and defers
  loaded ??= require('dockerode') as typeof DockerodeType;
  return loaded;
};
