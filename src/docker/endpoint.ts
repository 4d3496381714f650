// Where the daemon is, chosen the way the docker CLI chooses it:
// --host, then DOCKER_HOST, then --context / DOCKER_CONTEXT / currentContext, then the default socket.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type EndpointSource = 'flag' | 'DOCKER_HOST' | 'context' | 'default';

export interface TlsMaterial {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** False when the server certificate is not checked (DOCKER_TLS_VERIFY unset with a cert path, or SkipTLSVerify). */
  readonly verify: boolean;
}

export interface Endpoint {
  readonly protocol: 'unix' | 'tcp' | 'ssh';
  /** The URL as a user would write it, for the status bar. */
  readonly url: string;
  readonly source: EndpointSource;
  /** The context name, when a context chose it (or "default"). */
  readonly context?: string;
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  /** ssh:// with a path: the daemon's socket on the remote host (docker --host unix://PATH there). */
  readonly remoteSocket?: string;
  readonly tls?: TlsMaterial;
}

export interface ResolveOptions {
  readonly host?: string;
  readonly context?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The docker config dir (DOCKER_CONFIG, else ~/.docker). */
  readonly configDir?: string;
  /** Whether a path is a socket (the machine's file system by default; tests give their own). */
  readonly isSocket?: (path: string) => boolean;
}

export class EndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointError';
  }
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

function checkPort(raw: string, port: string | undefined, fallback: number): number {
  if (!port) return fallback;
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new EndpointError(`"${raw}": ${port} is not a valid port (1-65535).`);
  return n;
}

/** Parses a docker host URL (unix://, tcp://, ssh://, or a bare path). */
export function parseHostUrl(raw: string, source: EndpointSource, tls?: TlsMaterial, context?: string): Endpoint {
  const url = raw.trim();
  const extra = context === undefined ? {} : { context };
  if (!url) throw new EndpointError('The Docker host is empty (expected unix:///path, tcp://host:port or ssh://user@host).');
  if (url.startsWith('/')) return { protocol: 'unix', url: `unix://${url}`, socketPath: url, source, ...extra };
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url);
  if (!m) throw new EndpointError(`"${raw}" is not a Docker host URL (expected unix:///path, tcp://host:port or ssh://user@host).`);
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (scheme === 'unix') {
    // The docker CLI reads a bare "unix://" as the default socket.
    if (!rest) return { protocol: 'unix', url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source, ...extra };
    if (!rest.startsWith('/')) throw new EndpointError(`"${raw}": a unix socket needs an absolute path (unix:///var/run/docker.sock).`);
    return { protocol: 'unix', url, socketPath: rest, source, ...extra };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const hp = /^(\[[0-9a-f:.]+\]|[^:/@[\]\s]*)(?::(\d*))?\/?$/i.exec(rest);
    if (!hp) throw new EndpointError(`"${raw}" is not a valid tcp:// address (expected tcp://host:port).`);
    const useTls = tls ?? (scheme === 'https' ? { verify: true } : undefined);
    const port = checkPort(raw, hp[2], useTls ? 2376 : 2375);
    // "tcp://:2375" means this machine, as with the docker CLI.
    const hostPart = hp[1] || 'localhost';
    const host = hostPart.replace(/^\[|\]$/g, '');
    return { protocol: 'tcp', url: `tcp://${hostPart}:${port}`, host, port, source, ...extra, ...(useTls ? { tls: useTls } : {}) };
  }
  if (scheme === 'ssh') {
    const sp = /^(?:([^@/:\s]+)(:[^@/]*)?@)?(\[[0-9a-f:.]+\]|[^:/@[\]\s]+)(?::(\d*))?(\/.*)?$/i.exec(rest);
    if (!sp) throw new EndpointError(`"${raw}" is not a valid ssh:// address (expected ssh://user@host[:port]).`);
    if (sp[2]) throw new EndpointError(`"${raw}": a password in an ssh:// URL is not supported (use a key or ssh-agent).`);
    // No port in the URL leaves it to ssh (its config's Port, else 22), as the docker CLI does.
    const port = sp[4] ? checkPort(raw, sp[4], 22) : undefined;
    const path = sp[5] && sp[5] !== '/' ? sp[5] : undefined;
    // The path reaches the remote shell inside a command line: plain path characters only.
    if (path && !/^\/[\w.+@/-]+$/.test(path)) throw new EndpointError(`"${raw}": the remote socket path may hold only letters, digits and . _ + @ - / characters.`);
    const host = sp[3]!.replace(/^\[|\]$/g, '');
    const shown = `ssh://${sp[1] ? `${sp[1]}@` : ''}${sp[3]}${port !== undefined ? `:${port}` : ''}${path ?? ''}`;
    return {
      protocol: 'ssh',
      url: shown,
      host,
      source,
      ...extra,
      ...(port !== undefined ? { port } : {}),
      ...(sp[1] ? { username: sp[1] } : {}),
      ...(path ? { remoteSocket: path } : {}),
    };
  }
  if (scheme === 'npipe') throw new EndpointError(`"${raw}": named pipes exist only on Windows (use unix://, tcp:// or ssh://).`);
  throw new EndpointError(`"${raw}": berth does not support the ${scheme}:// scheme (use unix://, tcp:// or ssh://).`);
}

function readTlsFile(path: string, required: boolean, why: string): Buffer | undefined {
  if (!existsSync(path)) {
    if (required) throw new EndpointError(`${why} but ${path} does not exist (set DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem).`);
    return undefined;
  }
  try {
    return readFileSync(path);
  } catch (err) {
    throw new EndpointError(`${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
}

/**
 * TLS the way the docker CLI takes it from the environment: DOCKER_TLS_VERIFY set to anything
 * (even "0", as with the CLI) means TLS with the server checked against ca.pem; DOCKER_TLS means
 * TLS without checking. The files live in DOCKER_CERT_PATH, else the config dir.
 */
function tlsFromEnv(env: NodeJS.ProcessEnv, configDir: string): TlsMaterial | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || configDir;
  const why = verify ? 'DOCKER_TLS_VERIFY is set' : 'DOCKER_TLS is set';
  const ca = readTlsFile(join(dir, 'ca.pem'), verify, why);
  const cert = readTlsFile(join(dir, 'cert.pem'), false, why);
  const key = readTlsFile(join(dir, 'key.pem'), !!cert, `${join(dir, 'cert.pem')} exists`);
  if (key && !cert) throw new EndpointError(`${join(dir, 'key.pem')} exists but ${join(dir, 'cert.pem')} does not: a client certificate needs both.`);
  return { verify, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

export interface ContextInfo {
  readonly name: string;
  readonly host: string;
  readonly description?: string;
  readonly current: boolean;
}

function readContextMeta(configDir: string, name: string): ContextMeta | undefined {
  const file = join(configDir, 'contexts', 'meta', contextDirName(name), 'meta.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ContextMeta;
  } catch {
    throw new EndpointError(`The docker context "${name}" is unreadable (${file} is not valid JSON).`);
  }
}

function currentContextName(configDir: string): string | undefined {
  const file = join(configDir, 'config.json');
  if (!existsSync(file)) return undefined;
  let cfg: { currentContext?: unknown };
  try {
    cfg = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown };
  } catch {
    throw new EndpointError(`${file} is not valid JSON, so its currentContext cannot be read (fix or remove the file).`);
  }
  return typeof cfg?.currentContext === 'string' && cfg.currentContext ? cfg.currentContext : undefined;
}

const DEFAULT_ENDPOINT_URL = `unix://${DEFAULT_SOCKET}`;

function socketExists(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** Podman's Docker-compatible service: the system one (as root), then the user's (rootless). */
export function podmanSockets(env: NodeJS.ProcessEnv): string[] {
  return ['/run/podman/podman.sock', ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock')] : [])];
}

/**
 * The socket when nothing names an endpoint: Docker's, else Podman's when only Podman serves
 * here (its socket named as such, so the status bar and errors say which it is). With neither,
 * Docker's, so the error names the usual place.
 */
function localSocket(env: NodeJS.ProcessEnv, isSocket: (path: string) => boolean): string {
  if (isSocket(DEFAULT_SOCKET)) return DEFAULT_SOCKET;
  return podmanSockets(env).find(isSocket) ?? DEFAULT_SOCKET;
}

function endpointForContext(configDir: string, name: string, env: NodeJS.ProcessEnv, isSocket: (path: string) => boolean): Endpoint {
  if (name === 'default') {
    // As with the docker CLI, the default context is DOCKER_HOST when that is set (what H's "default" promises).
    if (env.DOCKER_HOST) return parseHostUrl(env.DOCKER_HOST, 'context', tlsFromEnv(env, configDir), 'default');
    const socketPath = localSocket(env, isSocket);
    return { protocol: 'unix', url: `unix://${socketPath}`, socketPath, source: 'context', context: 'default' };
  }
  const meta = readContextMeta(configDir, name);
  if (!meta) throw new EndpointError(`There is no docker context named "${name}" (see "docker context ls").`);
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) throw new EndpointError(`The docker context "${name}" has no Docker endpoint.`);
  const tlsDir = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
  const why = `the docker context "${name}" has TLS material`;
  const ca = readTlsFile(join(tlsDir, 'ca.pem'), false, why);
  const cert = readTlsFile(join(tlsDir, 'cert.pem'), false, why);
  const key = readTlsFile(join(tlsDir, 'key.pem'), !!cert, why);
  const skip = docker.SkipTLSVerify === true;
  // As with the CLI: TLS when the context holds TLS files, or when it says to skip verification.
  const tls: TlsMaterial | undefined =
    ca || cert || skip ? { verify: !skip, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) } : undefined;
  return parseHostUrl(docker.Host, 'context', tls, name);
}

/** Chooses the endpoint; throws EndpointError with a sentence when the choice is invalid. */
export function resolveEndpoint(opts: ResolveOptions = {}): Endpoint {
  const env = opts.env ?? process.env;
  const configDir = opts.configDir ?? dockerConfigDir(env);
  const isSocket = opts.isSocket ?? socketExists;
  if (opts.host && opts.context) throw new EndpointError('Give either --host or --context, not both.');
  if (opts.host) return parseHostUrl(opts.host, 'flag', tlsFromEnv(env, configDir));
  if (opts.context) return endpointForContext(configDir, opts.context, env, isSocket);
  // DOCKER_HOST wins over DOCKER_CONTEXT and currentContext, as with the CLI.
  if (env.DOCKER_HOST) return parseHostUrl(env.DOCKER_HOST, 'DOCKER_HOST', tlsFromEnv(env, configDir));
  const name = env.DOCKER_CONTEXT || currentContextName(configDir);
  if (name) return endpointForContext(configDir, name, env, isSocket);
  const socketPath = localSocket(env, isSocket);
  return { protocol: 'unix', url: `unix://${socketPath}`, socketPath, source: 'default' };
}

/** The contexts a user could switch to: "default" plus those in the context store. */
export function listContexts(opts: { env?: NodeJS.ProcessEnv; configDir?: string } = {}): ContextInfo[] {
  const env = opts.env ?? process.env;
  const configDir = opts.configDir ?? dockerConfigDir(env);
  let stored: string | undefined;
  try {
    stored = currentContextName(configDir);
  } catch {
    stored = undefined;
  }
  const current = env.DOCKER_HOST ? 'default' : env.DOCKER_CONTEXT || stored || 'default';
  const out: ContextInfo[] = [
    { name: 'default', host: env.DOCKER_HOST || DEFAULT_ENDPOINT_URL, description: 'DOCKER_HOST or the default socket', current: current === 'default' },
  ];
  const metaDir = join(configDir, 'contexts', 'meta');
  if (!existsSync(metaDir)) return out;
  for (const dir of readdirSync(metaDir)) {
    try {
      const meta = JSON.parse(readFileSync(join(metaDir, dir, 'meta.json'), 'utf8')) as ContextMeta;
      const host = meta.Endpoints?.docker?.Host;
      if (!meta.Name || !host || meta.Name === 'default') continue;
      const description = meta.Metadata?.Description;
      out.push({ name: meta.Name, host, ...(description ? { description } : {}), current: current === meta.Name });
    } catch {
      /* an unreadable context is left out of the list */
    }
  }
  return out.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** How the endpoint was chosen, for the status bar ("DOCKER_HOST", "context prod", ...). */
export function describeSource(ep: Endpoint): string {
  switch (ep.source) {
    case 'flag':
      return '--host';
    case 'DOCKER_HOST':
      return 'DOCKER_HOST';
    case 'context':
      return `context ${ep.context}`;
    default:
      return 'default';
  }
}
