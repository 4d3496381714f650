// Creates the dockerode client for an endpoint. The only place that constructs one.
import type Docker from 'dockerode';
import { loadDockerode } from './dockerode-loader.js';
import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Endpoint } from './endpoint.js';
import { callDaemon, rememberEndpoint } from './errors.js';
import { SshTransport } from './ssh-transport.js';

export type DockerClient = Docker;

export interface ClientOptions {
  /** A deadline for each request-response call (not for streams); none when 0 or absent. */
  readonly timeoutMs?: number;
  /** The environment ssh runs with (PATH, SSH_AUTH_SOCK, ...) and NODE_EXTRA_CA_CERTS is read from; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

export function createClient(ep: Endpoint, opts: ClientOptions = {}): DockerClient {
  const timeout = opts.timeoutMs;
  const env = opts.env ?? process.env;
  const Dockerode = loadDockerode();
  let docker: Docker;
  if (ep.protocol === 'unix') {
    docker = new Dockerode({ socketPath: ep.socketPath! });
  } else if (ep.protocol === 'tcp') {
    const tls = ep.tls;
    const ca = tls?.ca ?? (tls?.verify ? systemCaWithExtra(env.NODE_EXTRA_CA_CERTS) : undefined);
    docker = new Dockerode({
      protocol: tls ? 'https' : 'http',
      host: ep.host!,
      port: ep.port!,
      ...(ca ? { ca } : {}),
      ...(tls?.cert ? { cert: tls.cert } : {}),
      ...(tls?.key ? { key: tls.key } : {}),
      // A verify=false endpoint still speaks TLS, it just does not check the server (as the
      // docker CLI with --tls and no --tlsverify): neither its name nor who signed it, even
      // when a ca.pem is there. docker-modem does not pass rejectUnauthorized on, its agent does.
      ...(tls && !tls.verify ? { checkServerIdentity: () => undefined, agent: new HttpsAgent({ rejectUnauthorized: false }) } : {}),
    } as Docker.DockerOptions);
  } else {
    // Plain HTTP over the sessions the transport's agent opens; the host name is only a label.
    const transport = new SshTransport(ep, env);
    docker = new Dockerode({ protocol: 'http', host: 'docker', port: 80, agent: transport.agent } as Docker.DockerOptions);
    transports.set(docker, transport);
  }
  rememberEndpoint(docker, ep.url, timeout);
  return docker;
}

/**
 * The system's certificate authorities and those of NODE_EXTRA_CA_CERTS (`file`), for a TLS
 * daemon checked without a ca.pem of its own; undefined (Node's default store) without one.
 * bin/berth keeps Node from reading the file at start-up (src/launcher-env.ts), so it is read
 * here, when a connection needs it. Unreadable, it is left out, as Node does.
 */
export function systemCaWithExtra(file: string | undefined): (string | Buffer)[] | undefined {
  if (!file) return undefined;
  try {
    return [...rootCertificates, readFileSync(file)];
  } catch {
    return undefined;
  }
}

const transports = new WeakMap<DockerClient, SshTransport>();

/**
 * Opens what a client needs before the first request and may ask the user about: for ssh://,
 * the shared ssh connection, with ssh free to prompt on the terminal (a passphrase, an unknown
 * host key). Call it before the full screen opens; other clients need nothing.
 */
export async function connectInteractively(docker: DockerClient): Promise<void> {
  await transports.get(docker)?.connect({ interactive: true });
}

/** Ends what a client holds open beyond its requests (the ssh connection). Safe to call twice. */
export function closeClient(docker: DockerClient): void {
  transports.get(docker)?.close();
}

export type EngineKind = 'docker' | 'podman';

export interface EngineVersion {
  /** Which engine answers the Docker API: Podman's service says so in its components. */
  readonly engine: EngineKind;
  readonly version: string;
  /** What the status bar shows: the version ("20.10.24"), named when the engine is not Docker ("podman 4.3.1"). */
  readonly label: string;
  readonly apiVersion: string;
  readonly minApiVersion?: string;
  readonly os: string;
  readonly arch: string;
  readonly kernelVersion?: string;
}

/** One round trip that proves the daemon answers; throws a DockerError otherwise. */
export async function ping(docker: DockerClient): Promise<void> {
  await callDaemon(docker, undefined, () => docker.ping());
}

interface RawVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
  Components?: readonly { Name?: string }[];
}

/** The engine's /version answer as berth uses it. */
export function toEngineVersion(v: RawVersion): EngineVersion {
  const engine: EngineKind = (v.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
  return {
    engine,
    version: v.Version,
    label: engine === 'docker' ? v.Version : `${engine} ${v.Version}`,
    apiVersion: v.ApiVersion,
    os: v.Os,
    arch: v.Arch,
    ...(v.MinAPIVersion ? { minApiVersion: v.MinAPIVersion } : {}),
    ...(v.KernelVersion ? { kernelVersion: v.KernelVersion } : {}),
  };
}

export async function engineVersion(docker: DockerClient): Promise<EngineVersion> {
  return toEngineVersion((await callDaemon(docker, undefined, () => docker.version())) as RawVersion);
}
