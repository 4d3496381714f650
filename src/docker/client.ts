// Creates the dockerode client for an endpoint. The only place that constructs one.
import Docker from 'dockerode';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from './endpoint.js';
import { call } from './errors.js';

export type DockerClient = Docker;

function defaultSshKey(): Buffer | undefined {
  const dir = join(process.env.HOME || homedir(), '.ssh');
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const file = join(dir, name);
    if (existsSync(file)) return readFileSync(file);
  }
  return undefined;
}

export function createClient(ep: Endpoint, opts: { timeoutMs?: number } = {}): DockerClient {
  const timeout = opts.timeoutMs;
  if (ep.protocol === 'unix') return new Docker({ socketPath: ep.socketPath!, ...(timeout ? { timeout } : {}) });
  if (ep.protocol === 'tcp') {
    const tls = ep.tls;
    return new Docker({
      protocol: tls ? 'https' : 'http',
      host: ep.host!,
      port: ep.port!,
      ...(timeout ? { timeout } : {}),
      ...(tls?.ca ? { ca: tls.ca } : {}),
      ...(tls?.cert ? { cert: tls.cert } : {}),
      ...(tls?.key ? { key: tls.key } : {}),
      // A verify=false endpoint still speaks TLS, it just does not check the server.
      ...(tls && !tls.verify ? { checkServerIdentity: () => undefined, rejectUnauthorized: false } : {}),
    } as Docker.DockerOptions);
  }
  const privateKey = defaultSshKey();
  return new Docker({
    protocol: 'ssh',
    host: ep.host!,
    port: ep.port!,
    ...(ep.username ? { username: ep.username } : {}),
    ...(timeout ? { timeout } : {}),
    sshOptions: {
      ...(process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {}),
      ...(privateKey ? { privateKey } : {}),
    },
  } as Docker.DockerOptions);
}

export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
}

/** One round trip that proves the daemon answers; throws a DockerError otherwise. */
export async function ping(docker: DockerClient): Promise<void> {
  await call(undefined, () => docker.ping());
}

export async function engineVersion(docker: DockerClient): Promise<EngineVersion> {
  const v = await call(undefined, () => docker.version());
  return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
}
