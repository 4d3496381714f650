// Creates the dockerode client for an endpoint. The only place that constructs one.
import type Docker from 'dockerode';
import { loadDockerode } from './dockerode-loader.js';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Endpoint } from './endpoint.js';
import { callDaemon, rememberEndpoint } from './errors.js';

export type DockerClient = Docker;

function sshDir(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || homedir(), '.ssh');
}

/** True when a private key file needs a passphrase (ssh2 would throw on it). */
export function isEncryptedKey(text: string): boolean {
  if (/Proc-Type:\s*4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/.test(text)) return true;
  const m = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  if (!m) return false;
  // openssh-key-v1\0, then the cipher name as a length-prefixed string: "none" when not encrypted.
  const blob = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (blob.subarray(0, magic.length).toString('latin1') !== magic) return false;
  const len = blob.readUInt32BE(magic.length);
  return blob.subarray(magic.length + 4, magic.length + 4 + len).toString('latin1') !== 'none';
}

/** The first default key ssh would try that can be used without a passphrase. */
function defaultSshKey(env: NodeJS.ProcessEnv): Buffer | undefined {
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const file = join(sshDir(env), name);
    try {
      const key = readFileSync(file);
      if (!isEncryptedKey(key.toString('latin1'))) return key;
    } catch {
      /* missing or unreadable: try the next one */
    }
  }
  return undefined;
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

function hostPatternMatches(pattern: string, name: string): boolean {
  const hashed = /^\|1\|([^|]+)\|(.+)$/.exec(pattern);
  if (hashed) return createHmac('sha1', Buffer.from(hashed[1]!, 'base64')).update(name).digest('base64') === hashed[2];
  // ssh patterns know only * and ?; everything else (the brackets of "[host]:port" too) is literal.
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** Whether known_hosts lines accept `key` (the raw public key blob) for `name`. */
export function knownHostAccepts(lines: readonly string[], name: string, key: Buffer): boolean {
  let accepted = false;
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    const [hosts, , blob] = fields;
    if (!hosts || !blob || marker === '@cert-authority') continue;
    const patterns = hosts.split(',');
    if (patterns.some((p) => p.startsWith('!') && hostPatternMatches(p.slice(1), name))) continue;
    if (!patterns.some((p) => !p.startsWith('!') && hostPatternMatches(p, name))) continue;
    const same = Buffer.from(blob, 'base64').equals(key);
    if (same && marker === '@revoked') return false;
    if (same) accepted = true;
  }
  return accepted;
}

/** Checks the server's host key against known_hosts the way ssh does (unknown or changed keys are refused). */
function hostVerifier(env: NodeJS.ProcessEnv, host: string, port: number): (key: Buffer) => boolean {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const lines: string[] = [];
  for (const file of [join(sshDir(env), 'known_hosts'), join(sshDir(env), 'known_hosts2'), '/etc/ssh/ssh_known_hosts']) {
    if (existsSync(file)) lines.push(...readFileSync(file, 'utf8').split('\n'));
  }
  return (key) => knownHostAccepts(lines, name, key);
}

export interface ClientOptions {
  /** A deadline for each request-response call (not for streams); none when 0 or absent. */
  readonly timeoutMs?: number;
  /** The environment for ssh keys and the agent (HOME, SSH_AUTH_SOCK); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

function sshClientOptions(ep: Endpoint, env: NodeJS.ProcessEnv, timeout: number | undefined): Docker.DockerOptions {
  const privateKey = defaultSshKey(env);
  const agent = env.SSH_AUTH_SOCK && isSocket(env.SSH_AUTH_SOCK) ? env.SSH_AUTH_SOCK : undefined;
  return {
    protocol: 'ssh',
    host: ep.host!,
    port: ep.port!,
    // ssh logs in as the local user when the URL names none.
    username: ep.username ?? (env.USER || userInfo().username),
    sshOptions: {
      ...(agent ? { agent } : {}),
      ...(privateKey ? { privateKey } : {}),
      readyTimeout: timeout || 15_000,
      hostVerifier: hostVerifier(env, ep.host!, ep.port!),
    },
  } as Docker.DockerOptions;
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
    docker = new Dockerode({
      protocol: tls ? 'https' : 'http',
      host: ep.host!,
      port: ep.port!,
      ...(tls?.ca ? { ca: tls.ca } : {}),
      ...(tls?.cert ? { cert: tls.cert } : {}),
      ...(tls?.key ? { key: tls.key } : {}),
      // A verify=false endpoint still speaks TLS, it just does not check the server (as the
      // docker CLI with --tls and no --tlsverify): neither its name nor who signed it, even
      // when a ca.pem is there. docker-modem does not pass rejectUnauthorized on, its agent does.
      ...(tls && !tls.verify ? { checkServerIdentity: () => undefined, agent: new HttpsAgent({ rejectUnauthorized: false }) } : {}),
    } as Docker.DockerOptions);
  } else {
    docker = new Dockerode(sshClientOptions(ep, env, timeout));
  }
  rememberEndpoint(docker, ep.url, timeout);
  return docker;
}

export interface EngineVersion {
  readonly version: string;
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

export async function engineVersion(docker: DockerClient): Promise<EngineVersion> {
  const v = await callDaemon(docker, undefined, () => docker.version());
  return {
    version: v.Version,
    apiVersion: v.ApiVersion,
    os: v.Os,
    arch: v.Arch,
    ...(v.MinAPIVersion ? { minApiVersion: v.MinAPIVersion } : {}),
    ...(v.KernelVersion ? { kernelVersion: v.KernelVersion } : {}),
  };
}
