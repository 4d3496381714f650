// Where the daemon is, chosen the way the docker CLI chooses it:
// --host, then DOCKER_HOST, then --context / DOCKER_CONTEXT / currentContext, then the default socket.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
  readonly tls?: TlsMaterial;
}

export interface ResolveOptions {
  readonly host?: string;
  readonly context?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The docker config dir (DOCKER_CONFIG, else ~/.docker). */
  readonly configDir?: string;
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

/** Parses a docker host URL (unix://, tcp://, ssh://, or a bare path). */
export function parseHostUrl(raw: string, source: EndpointSource, tls?: TlsMaterial, context?: string): Endpoint {
  const url = raw.trim();
  const extra = context === undefined ? {} : { context };
  if (url.startsWith('/')) return { protocol: 'unix', url: `unix://${url}`, socketPath: url, source, ...extra };
  const m = /^([a-z+]+):\/\/(.*)$/i.exec(url);
  if (!m) throw new EndpointError(`"${raw}" is not a Docker host URL (expected unix:///path, tcp://host:port or ssh://user@host).`);
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (scheme === 'unix') {
    if (!rest.startsWith('/')) throw new EndpointError(`"${raw}": a unix socket needs an absolute path (unix:///var/run/docker.sock).`);
    return { protocol: 'unix', url, socketPath: rest, source, ...extra };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const hp = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(rest);
    if (!hp) throw new EndpointError(`"${raw}" is not a valid tcp:// address (expected tcp://host:port).`);
    const useTls = tls ?? (scheme === 'https' ? { verify: true } : undefined);
    const port = hp[2] ? Number(hp[2]) : useTls ? 2376 : 2375;
    const host = hp[1]!.replace(/^\[|\]$/g, '');
    return { protocol: 'tcp', url: `tcp://${hp[1]}:${port}`, host, port, source, ...extra, ...(useTls ? { tls: useTls } : {}) };
  }
  if (scheme === 'ssh') {
    const sp = /^(?:([^@/]+)@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(rest);
    if (!sp) throw new EndpointError(`"${raw}" is not a valid ssh:// address (expected ssh://user@host[:port]).`);
    const port = sp[3] ? Number(sp[3]) : 22;
    const host = sp[2]!.replace(/^\[|\]$/g, '');
    return { protocol: 'ssh', url, host, port, source, ...extra, ...(sp[1] ? { username: sp[1] } : {}) };
  }
  throw new EndpointError(`"${raw}": berth does not support the ${scheme}:// scheme (use unix://, tcp:// or ssh://).`);
}

function readIfExists(path: string): Buffer | undefined {
  return existsSync(path) ? readFileSync(path) : undefined;
}

function tlsFromEnv(env: NodeJS.ProcessEnv, configDir: string): TlsMaterial | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0';
  const certPath = env.DOCKER_CERT_PATH;
  if (!verify && !certPath) return undefined;
  const dir = certPath || configDir;
  const ca = readIfExists(join(dir, 'ca.pem'));
  const cert = readIfExists(join(dir, 'cert.pem'));
  const key = readIfExists(join(dir, 'key.pem'));
  if (verify && !ca) throw new EndpointError(`DOCKER_TLS_VERIFY is set but ${join(dir, 'ca.pem')} does not exist (set DOCKER_CERT_PATH).`);
  return { verify, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

export interface ContextInfo {
  readonly name: string;
  readonly host: string;
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
  try {
    const cfg = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown };
    return typeof cfg.currentContext === 'string' && cfg.currentContext ? cfg.currentContext : undefined;
  } catch {
    return undefined;
  }
}

function endpointForContext(configDir: string, name: string): Endpoint {
  if (name === 'default') return { protocol: 'unix', url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source: 'context', context: 'default' };
  const meta = readContextMeta(configDir, name);
  const host = meta?.Endpoints?.docker?.Host;
  if (!meta) throw new EndpointError(`There is no docker context named "${name}" (see "docker context ls").`);
  if (!host) throw new EndpointError(`The docker context "${name}" has no Docker endpoint.`);
  const tlsDir = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
  const ca = readIfExists(join(tlsDir, 'ca.pem'));
  const cert = readIfExists(join(tlsDir, 'cert.pem'));
  const key = readIfExists(join(tlsDir, 'key.pem'));
  const tls: TlsMaterial | undefined =
    ca || cert || key ? { verify: !meta.Endpoints?.docker?.SkipTLSVerify, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) } : undefined;
  return parseHostUrl(host, 'context', tls, name);
}

/** Chooses the endpoint; throws EndpointError with a sentence when the choice is invalid. */
export function resolveEndpoint(opts: ResolveOptions = {}): Endpoint {
  const env = opts.env ?? process.env;
  const configDir = opts.configDir ?? dockerConfigDir(env);
  if (opts.host) return parseHostUrl(opts.host, 'flag', tlsFromEnv(env, configDir));
  if (opts.context) return endpointForContext(configDir, opts.context);
  if (env.DOCKER_HOST) return parseHostUrl(env.DOCKER_HOST, 'DOCKER_HOST', tlsFromEnv(env, configDir));
  const name = env.DOCKER_CONTEXT || currentContextName(configDir);
  if (name) return endpointForContext(configDir, name);
  return { protocol: 'unix', url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, source: 'default' };
}

/** The contexts a user could switch to: "default" plus those in the context store. */
export function listContexts(opts: { env?: NodeJS.ProcessEnv; configDir?: string } = {}): ContextInfo[] {
  const env = opts.env ?? process.env;
  const configDir = opts.configDir ?? dockerConfigDir(env);
  const current = env.DOCKER_CONTEXT || currentContextName(configDir) || 'default';
  const out: ContextInfo[] = [{ name: 'default', host: `unix://${DEFAULT_SOCKET}`, current: current === 'default' }];
  const metaDir = join(configDir, 'contexts', 'meta');
  if (!existsSync(metaDir)) return out;
  for (const dir of readdirSync(metaDir)) {
    try {
      const meta = JSON.parse(readFileSync(join(metaDir, dir, 'meta.json'), 'utf8')) as ContextMeta;
      if (meta.Name && meta.Endpoints?.docker?.Host) out.push({ name: meta.Name, host: meta.Endpoints.docker.Host, current: current === meta.Name });
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
