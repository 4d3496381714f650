// docker run from a small spec: every field is checked BEFORE any call, so a typo in a
// port or a mount gets a reason and creates nothing; then the container is created and
// started. The checks never throw: they answer a result the form can show.
import { isIP } from 'node:net';
import type { DockerClient } from './client.js';
import { callDaemon, DockerError } from './errors.js';
import { checkReference } from './reference.js';

export interface RunSpec {
  readonly image: string;
  readonly name?: string;
  /** The command as words (replaces the image's CMD); empty keeps the image's. */
  readonly cmd?: readonly string[];
  /** "KEY=VALUE" entries. */
  readonly env?: readonly string[];
  /** "8080:80", "127.0.0.1:8080:80/udp", "[::1]:8080:80", "80" (a random host port). */
  readonly ports?: readonly string[];
  /** "/host/dir:/ctr[:ro]", "volname:/ctr[:ro]", or "/ctr" (an anonymous volume). */
  readonly volumes?: readonly string[];
  /** "no", "always", "unless-stopped", "on-failure" or "on-failure:N". */
  readonly restart?: string;
  /** "none", "host", "bridge" or a network's name; the engine's default when empty. */
  readonly network?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Only for the caller (follow logs or not): the container is never attached here. */
  readonly detach?: boolean;
}

export interface PortSpec {
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** Empty: the engine picks a free port. */
  readonly hostPort: string;
  readonly hostIp: string;
}

export interface MountSpec {
  /** Absolute host path, volume name, or undefined for an anonymous volume. */
  readonly source?: string;
  readonly kind: 'bind' | 'volume' | 'anonymous';
  readonly target: string;
  readonly readOnly: boolean;
}

export interface RestartSpec {
  readonly name: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly maxRetries: number;
}

export interface CheckedRunSpec {
  readonly image: string;
  readonly name?: string;
  readonly cmd: readonly string[];
  readonly env: readonly string[];
  readonly ports: readonly PortSpec[];
  readonly mounts: readonly MountSpec[];
  readonly restart: RestartSpec;
  readonly network?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type RunCheck = { readonly ok: true; readonly spec: CheckedRunSpec } | { readonly ok: false; readonly reason: string };

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const VOLUME_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const IMAGE_ID_RE = /^(sha256:)?[0-9a-f]{12,64}$/;
const ENV_KEY_RE = /^[^=\s\u0000-\u001f\u007f]+$/;

/** The input as it can appear in a sentence: short, no control characters. */
function shown(s: string): string {
  const cut = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(cut);
}

function hasNul(s: string): boolean {
  return s.includes('\u0000');
}

function portNumber(text: string, allowZero: boolean): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 && (allowZero || n >= 1) ? n : undefined;
}

/** One port binding, or the reason it is not one. */
export function parsePort(input: string): PortSpec | string {
  const text = input.trim();
  if (!text) return 'a port binding is empty';
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return `port ${shown(input)} contains spaces or control characters`;
  let rest = text;
  let protocol: PortSpec['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1).toLowerCase();
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return `port ${shown(input)}: the protocol must be tcp, udp or sctp`;
    protocol = p;
    rest = rest.slice(0, slash);
  }
  let hostIp = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return `port ${shown(input)}: an IPv6 address is written [addr]:hostPort:containerPort`;
    hostIp = rest.slice(1, close);
    if (isIP(hostIp) !== 6) return `port ${shown(input)}: ${shown(hostIp)} is not an IPv6 address`;
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (hostIp && parts.length !== 2)) return `port ${shown(input)} must look like 8080:80, 127.0.0.1:8080:80 or 80/udp`;
  if (parts.length === 3) {
    hostIp = parts.shift()!;
    if (isIP(hostIp) === 0) return `port ${shown(input)}: ${shown(hostIp)} is not an IP address`;
  }
  const ctrText = parts.pop()!;
  const hostText = parts.pop() ?? '';
  if (ctrText.includes('-') || hostText.includes('-')) return `port ${shown(input)}: port ranges are not supported here, give one binding per port`;
  const containerPort = portNumber(ctrText, false);
  if (containerPort === undefined) return `port ${shown(input)}: the container port must be a number from 1 to 65535`;
  if (hostText !== '' && portNumber(hostText, false) === undefined) return `port ${shown(input)}: the host port must be a number from 1 to 65535`;
  return { containerPort, protocol, hostPort: hostText === '' ? '' : String(Number(hostText)), hostIp };
}

/** One mount, or the reason it is not one. */
export function parseMount(input: string): MountSpec | string {
  const text = input.trim();
  if (!text) return 'a volume is empty';
  if (/[\u0000-\u001f\u007f]/.test(text)) return `volume ${shown(input)} contains control characters`;
  const parts = text.split(':');
  let readOnly = false;
  const last = parts[parts.length - 1]!;
  if (parts.length >= 2 && (last === 'ro' || last === 'rw')) {
    readOnly = last === 'ro';
    parts.pop();
  } else if (parts.length === 3) {
    return `volume ${shown(input)}: the mode after the last ":" must be ro or rw`;
  }
  if (parts.length > 2) return `volume ${shown(input)} has too many ":" (write host:/path or volume:/path, then :ro if wanted)`;
  const target = parts.pop()!;
  if (!target.startsWith('/')) return `volume ${shown(input)}: the path in the container must be absolute (start with /)`;
  if (target.replace(/\/+$/, '') === '') return `volume ${shown(input)}: cannot mount over the container's root /`;
  const source = parts.pop();
  if (source === undefined) return { kind: 'anonymous', target, readOnly };
  if (source.startsWith('/')) return { kind: 'bind', source, target, readOnly };
  if (source.startsWith('.') || source.startsWith('~')) return `volume ${shown(input)}: give the host path as an absolute path (the engine does not know your current directory)`;
  if (!VOLUME_NAME_RE.test(source)) return `volume ${shown(input)}: ${shown(source)} is neither an absolute host path nor a volume name (letters, digits, "_", "." and "-", two or more)`;
  return { kind: 'volume', source, target, readOnly };
}

/** A restart policy, or the reason it is not one. */
export function parseRestart(input: string | undefined): RestartSpec | string {
  const text = (input ?? '').trim();
  if (text === '' || text === 'no') return { name: 'no', maxRetries: 0 };
  if (text === 'always' || text === 'unless-stopped') return { name: text, maxRetries: 0 };
  const m = /^on-failure(?::(\d{1,4}))?$/.exec(text);
  if (m) return { name: 'on-failure', maxRetries: m[1] ? Number(m[1]) : 0 };
  return `restart policy ${shown(input ?? '')} must be no, always, unless-stopped, on-failure or on-failure:N`;
}

/** Checks a whole spec; never throws, whatever the strings hold. */
export function checkRunSpec(spec: RunSpec): RunCheck {
  const fail = (reason: string): RunCheck => ({ ok: false, reason });
  const image = (spec.image ?? '').trim();
  if (!image) return fail('choose an image to run');
  if (!IMAGE_ID_RE.test(image)) {
    const ref = checkReference(image);
    if (typeof ref === 'string') return fail(`image ${shown(image)}: ${ref}`);
  }
  const name = spec.name?.trim() ?? '';
  if (name && (!NAME_RE.test(name) || name.length > 128)) return fail(`name ${shown(name)}: use letters, digits, "_", "." and "-", starting with a letter or digit`);
  const cmd = [...(spec.cmd ?? [])];
  if (cmd.some(hasNul)) return fail('the command contains a NUL character');
  const env: string[] = [];
  for (const e of spec.env ?? []) {
    const eq = e.indexOf('=');
    if (eq <= 0) return fail(`environment ${shown(e)} must be KEY=VALUE`);
    if (!ENV_KEY_RE.test(e.slice(0, eq))) return fail(`environment ${shown(e)}: the name must have no spaces or control characters`);
    if (hasNul(e)) return fail(`environment ${shown(e)} contains a NUL character`);
    env.push(e);
  }
  const ports: PortSpec[] = [];
  const seen = new Set<string>();
  for (const p of spec.ports ?? []) {
    const parsed = parsePort(p);
    if (typeof parsed === 'string') return fail(parsed);
    if (parsed.hostPort) {
      const key = `${parsed.hostIp}|${parsed.hostPort}/${parsed.protocol}`;
      if (seen.has(key)) return fail(`host port ${parsed.hostPort}/${parsed.protocol} is bound twice`);
      seen.add(key);
    }
    ports.push(parsed);
  }
  const mounts: MountSpec[] = [];
  for (const v of spec.volumes ?? []) {
    const parsed = parseMount(v);
    if (typeof parsed === 'string') return fail(parsed);
    if (mounts.some((m) => m.target.replace(/\/+$/, '') === parsed.target.replace(/\/+$/, ''))) return fail(`two volumes are mounted at ${parsed.target}`);
    mounts.push(parsed);
  }
  const restart = parseRestart(spec.restart);
  if (typeof restart === 'string') return fail(restart);
  const network = spec.network?.trim() ?? '';
  if (network && !NAME_RE.test(network)) return fail(`network ${shown(network)} is not a network name`);
  if (ports.length && (network === 'none' || network === 'host')) return fail(`ports cannot be published with network ${network}`);
  return { ok: true, spec: { image, ...(name ? { name } : {}), cmd, env, ports, mounts, restart, ...(network ? { network } : {}), labels: { ...(spec.labels ?? {}) } } };
}

/** The Engine API's create body for a checked spec. */
export function createBody(s: CheckedRunSpec): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of s.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.hostPort });
  }
  const binds = s.mounts.filter((m) => m.kind !== 'anonymous').map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  const volumes: Record<string, object> = {};
  for (const m of s.mounts) if (m.kind === 'anonymous') volumes[m.target] = {};
  return {
    Image: s.image,
    ...(s.cmd.length ? { Cmd: [...s.cmd] } : {}),
    Env: [...s.env],
    Labels: { ...s.labels },
    ExposedPorts: exposed,
    Volumes: volumes,
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      RestartPolicy: { Name: s.restart.name, MaximumRetryCount: s.restart.maxRetries },
      ...(s.network ? { NetworkMode: s.network } : {}),
    },
  };
}

export interface RunResult {
  readonly id: string;
  readonly name: string;
}

/** Checks the spec (a bad one is refused with no call), then creates and starts the container. */
export async function runContainer(docker: DockerClient, spec: RunSpec): Promise<RunResult> {
  const checked = checkRunSpec(spec);
  if (!checked.ok) throw new DockerError('badRequest', `Cannot run ${spec.image || 'the image'}: ${checked.reason}.`);
  const s = checked.spec;
  const what = `Image ${s.image}`;
  const created = await callDaemon(docker, what, () => docker.createContainer({ ...(s.name ? { name: s.name } : {}), ...createBody(s) } as never));
  const info = await callDaemon(docker, what, () => created.inspect());
  const name = info.Name.replace(/^\//, '');
  try {
    await callDaemon(docker, `Container ${name}`, () => created.start());
  } catch (err) {
    const e = err as DockerError;
    // Like docker run, the created container stays, so its settings can be looked at.
    throw new DockerError(e.kind, `Created ${name} but it did not start: ${(e.engineMessage ?? e.message).replace(/\.$/, '')}.`, {
      ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
      ...(e.engineMessage ? { engineMessage: e.engineMessage } : {}),
      cause: e,
    });
  }
  return { id: info.Id, name };
}
