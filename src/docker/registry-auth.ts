// Registry credentials, read the way the docker CLI reads them from config.json in
// DOCKER_CONFIG (or ~/.docker): a credential helper named by `credHelpers` (per registry) or
// `credsStore` (for all) is asked first; otherwise the `auths` map, keyed by registry host
// or URL, each with a base64 "user:password" `auth` or a username and password. The engine takes them in the
// X-Registry-Auth header as base64 JSON; a push without that header is refused with 400,
// so "no credentials" is sent as an empty object.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DockerError } from './errors.js';
import { DEFAULT_REGISTRY, type ImageReference } from './reference.js';

export interface RegistryCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly identityToken?: string;
  /** The registry host the credentials belong to. */
  readonly serverAddress: string;
}

interface ConfigAuth {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
  identitytoken?: unknown;
}

/** Hosts that all mean Docker Hub in config.json keys. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** The directory config.json lives in: the explicit one, then DOCKER_CONFIG, then ~/.docker. */
export function dockerConfigDir(configDir?: string): string {
  return configDir || process.env.DOCKER_CONFIG || join(process.env.HOME || homedir(), '.docker');
}

/** "https://index.docker.io/v1/" -> "index.docker.io"; "127.0.0.1:5000" stays as it is. */
export function registryHostOfKey(key: string): string {
  const noScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = noScheme.split('/')[0] ?? '';
  return host.toLowerCase();
}

function sameRegistry(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || (HUB_HOSTS.has(x) && HUB_HOSTS.has(y));
}

interface ConfigFile {
  auths: Record<string, ConfigAuth>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

function readConfig(configDir?: string): ConfigFile {
  const file = join(dockerConfigDir(configDir), 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { auths: {}, credHelpers: {} };
    throw new DockerError('permission', `Cannot read the Docker config file ${file}: ${(err as Error).message}.`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DockerError('badRequest', `The Docker config file ${file} is not valid JSON: ${(err as Error).message}.`, { cause: err });
  }
  const obj = (parsed && typeof parsed === 'object' ? parsed : {}) as { auths?: unknown; credsStore?: unknown; credHelpers?: unknown };
  const helpers: Record<string, string> = {};
  if (obj.credHelpers && typeof obj.credHelpers === 'object') {
    for (const [k, v] of Object.entries(obj.credHelpers as Record<string, unknown>)) if (typeof v === 'string' && v) helpers[k] = v;
  }
  return {
    auths: obj.auths && typeof obj.auths === 'object' ? (obj.auths as Record<string, ConfigAuth>) : {},
    ...(typeof obj.credsStore === 'string' && obj.credsStore ? { credsStore: obj.credsStore } : {}),
    credHelpers: helpers,
  };
}

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Asks `docker-credential-<name> get` (the helper protocol: server URL in, JSON out). */
function askHelper(name: string, serverAddress: string): Promise<RegistryCredentials | undefined> {
  if (!HELPER_NAME.test(name)) return Promise.reject(new DockerError('badRequest', `The credential helper name ${JSON.stringify(name)} in the Docker config file is not valid.`));
  const program = `docker-credential-${name}`;
  return new Promise((resolve, reject) => {
    const child = execFile(program, ['get'], { timeout: 10_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'ENOENT') return reject(new DockerError('badRequest', `The credential helper ${program} named in the Docker config file is not installed.`, { cause: err }));
        // The helper's way of saying "nothing stored for that registry".
        if (/credentials not found/i.test(`${stdout}${stderr}`)) return resolve(undefined);
        const why = `${stdout}${stderr}`.trim() || err.message;
        return reject(new DockerError('unauthorized', `The credential helper ${program} failed for ${serverAddress}: ${why}.`, { cause: err }));
      }
      let out: { Username?: unknown; Secret?: unknown };
      try {
        out = JSON.parse(stdout) as typeof out;
      } catch (e) {
        return reject(new DockerError('server', `The credential helper ${program} answered something that is not JSON.`, { cause: e }));
      }
      const user = typeof out.Username === 'string' ? out.Username : '';
      const secret = typeof out.Secret === 'string' ? out.Secret : '';
      if (!secret) return resolve(undefined);
      // "<token>" as the user name marks an identity token, not a password.
      resolve(user === '<token>' ? { identityToken: secret, serverAddress } : { username: user, password: secret, serverAddress });
    });
    child.stdin?.end(serverAddress);
  });
}

function decodeEntry(entry: ConfigAuth, serverAddress: string, file: string): RegistryCredentials | undefined {
  let username = typeof entry.username === 'string' ? entry.username : undefined;
  let password = typeof entry.password === 'string' ? entry.password : undefined;
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new DockerError('badRequest', `The credentials for ${serverAddress} in ${file} are malformed (the "auth" field must be base64 of user:password).`);
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  const identityToken = typeof entry.identitytoken === 'string' && entry.identitytoken ? entry.identitytoken : undefined;
  if (username === undefined && password === undefined && identityToken === undefined) return undefined;
  return {
    serverAddress,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(identityToken !== undefined ? { identityToken } : {}),
  };
}

/** The credentials config.json (or its credential helper) holds for a registry host, if any. */
export async function credentialsFor(registry: string, configDir?: string): Promise<RegistryCredentials | undefined> {
  const config = readConfig(configDir);
  const file = join(dockerConfigDir(configDir), 'config.json');
  // Docker Hub's credentials are stored and sent under the index URL, as the CLI does.
  const address = HUB_HOSTS.has(registry.toLowerCase()) ? 'https://index.docker.io/v1/' : registry;
  const helperKey = Object.keys(config.credHelpers).find((k) => sameRegistry(registryHostOfKey(k), registry));
  const helper = helperKey ? config.credHelpers[helperKey] : config.credsStore;
  if (helper) {
    const fromHelper = await askHelper(helper, address);
    if (fromHelper) return fromHelper;
  }
  // An exact key wins over one that only normalises to the same host.
  const keys = Object.keys(config.auths).sort((a, b) => Number(b === registry) - Number(a === registry));
  for (const key of keys) {
    if (!sameRegistry(registryHostOfKey(key), registry)) continue;
    const entry = config.auths[key];
    if (!entry || typeof entry !== 'object') continue;
    const creds = decodeEntry(entry, address, file);
    if (creds) return creds;
  }
  return undefined;
}

/**
 * The X-Registry-Auth value: base64 (URL-safe alphabet, padded, which is what the engine
 * decodes) of the credentials as JSON, or of `{}` when there are none.
 */
export function registryAuthHeader(creds?: RegistryCredentials): string {
  const body: Record<string, string> = {};
  if (creds) {
    if (creds.username !== undefined) body.username = creds.username;
    if (creds.password !== undefined) body.password = creds.password;
    if (creds.identityToken !== undefined) body.identitytoken = creds.identityToken;
    body.serveraddress = creds.serverAddress;
  }
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The header for the registry a reference points at ({} when config.json has nothing for it). */
export async function authHeaderFor(ref: ImageReference, configDir?: string): Promise<string> {
  return registryAuthHeader(await credentialsFor(ref.registry || DEFAULT_REGISTRY, configDir));
}
