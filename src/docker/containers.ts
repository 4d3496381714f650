// Container reads and actions, as small readonly domain types.
import type Docker from 'dockerode';
import type { DockerClient } from './client.js';
import { callDaemon, DockerError, type DockerErrorKind } from './errors.js';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | 'unknown';

export interface PortBinding {
  readonly privatePort: number;
  readonly publicPort?: number;
  readonly ip?: string;
  readonly type: string;
}

export interface MountSummary {
  readonly type: string;
  readonly source: string;
  readonly destination: string;
  /** The volume's name, for volume mounts. */
  readonly name?: string;
  readonly readOnly?: boolean;
  /** From inspect only: the mode as given ("ro", "z"), the propagation ("rslave"), the volume driver. */
  readonly mode?: string;
  readonly propagation?: string;
  readonly driver?: string;
}

export interface ContainerSummary {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly imageId: string;
  readonly command: string;
  /** Seconds since the epoch, as the engine gives it. */
  readonly created: number;
  readonly state: ContainerState;
  /** The engine's own status sentence ("Up 3 minutes", "Exited (0) 2 hours ago"). */
  readonly status: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly PortBinding[];
  readonly mounts: readonly MountSummary[];
  /** From the status sentence: "healthy", "unhealthy", "starting", or undefined when no health check. */
  readonly health?: 'healthy' | 'unhealthy' | 'starting';
  /** "none", "host", "bridge", a network name, or "container:<id>". */
  readonly networkMode?: string;
  /** The networks the container is attached to, by name. */
  readonly networks: readonly string[];
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function toState(s: string | undefined): ContainerState {
  return (STATES as readonly string[]).includes(s ?? '') ? (s as ContainerState) : 'unknown';
}

export function toContainerSummary(c: Docker.ContainerInfo): ContainerSummary {
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? '')?.[1];
  const networkMode = c.HostConfig?.NetworkMode;
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command ?? '',
    created: c.Created,
    state: toState(c.State),
    status: c.Status ?? '',
    labels: c.Labels ?? {},
    ports: (c.Ports ?? []).map((p) => ({
      privatePort: p.PrivatePort,
      type: p.Type,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      ...(p.IP ? { ip: p.IP } : {}),
    })),
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Source,
      destination: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
      ...(typeof m.RW === 'boolean' ? { readOnly: !m.RW } : {}),
    })),
    ...(health ? { health: health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy') } : {}),
    ...(networkMode ? { networkMode } : {}),
    // Podman sends null here.
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
  };
}

export async function listContainers(docker: DockerClient, opts: { all?: boolean } = {}): Promise<ContainerSummary[]> {
  const raw = await callDaemon(docker, undefined, () => docker.listContainers({ all: opts.all ?? true }));
  return raw.map(toContainerSummary);
}

/** One health probe as the engine logged it (it keeps the last five). */
/** How a container is named in messages: its name or a short id. */
export function containerLabel(ref: string): string {
  return `Container ${/^[0-9a-f]{64}$/.test(ref) ? ref.slice(0, 12) : ref}`;
}


export interface TopProcesses {
  readonly titles: string[];
  readonly processes: string[][];
}

/**
 * docker top's answer as columns. Podman runs `ps` inside the container and sends its lines
 * whole (one title "PID   USER     COMMAND", rows "1 0        sh -c ..."): those are split at
 * blanks like the titles, the last column (the command) keeping its own spaces.
 */
export function toTop(raw: { Titles?: string[] | null; Processes?: string[][] | null }): TopProcesses {
  const titles = raw.Titles ?? [];
  const processes = raw.Processes ?? [];
  const whole = titles.length === 1 && /\S\s+\S/.test(titles[0]!) && processes.every((p) => p.length === 1);
  if (!whole) return { titles, processes };
  const split = titles[0]!.trim().split(/\s+/);
  const columns = (line: string): string[] => {
    const out: string[] = [];
    let rest = line.trim();
    while (out.length < split.length - 1) {
      const m = /^(\S+)\s*/.exec(rest);
      if (!m) break;
      out.push(m[1]!);
      rest = rest.slice(m[0].length);
    }
    return [...out, rest];
  };
  return { titles: split, processes: processes.map((p) => columns(p[0]!)) };
}

/** The processes of a running container, as `ps` shows them (409 conflict when it is not running). */
export async function topContainer(docker: DockerClient, id: string, opts: { psArgs?: string } = {}): Promise<TopProcesses> {
  const raw = await callDaemon(docker, containerLabel(id), () => docker.getContainer(id).top(opts.psArgs ? { ps_args: opts.psArgs } : {}));
  return toTop(raw as Parameters<typeof toTop>[0]);
}

/**
 * Runs an action; a 304 becomes a notModified error with a sentence for that action
 * (the engine sends an empty body), and `remap` corrects kinds the engine gets wrong.
 */
async function act(docker: DockerClient, id: string, fn: (c: Docker.Container) => Promise<unknown>, already?: string, remap?: (e: DockerError) => DockerError | undefined): Promise<void> {
  try {
    await callDaemon(docker, containerLabel(id), () => fn(docker.getContainer(id)));
  } catch (err) {
    const e = err as DockerError;
    if (e.kind === 'notModified' && already) throw new DockerError('notModified', `${containerLabel(id)} ${already}.`, { statusCode: 304, cause: e });
    throw remap?.(e) ?? e;
  }
}

function rekind(e: DockerError, kind: DockerErrorKind): DockerError {
  return new DockerError(kind, e.message, { ...(e.statusCode ? { statusCode: e.statusCode } : {}), ...(e.engineMessage ? { engineMessage: e.engineMessage } : {}), cause: e });
}

export function startContainer(docker: DockerClient, id: string): Promise<void> {
  return act(docker, id, (c) => c.start(), 'is already running');
}

/** Stops with SIGTERM, then SIGKILL after timeoutSec (the engine's default, 10 s, when not given). */
export function stopContainer(docker: DockerClient, id: string, opts: { timeoutSec?: number } = {}): Promise<void> {
  return act(docker, id, (c) => c.stop(opts.timeoutSec === undefined ? {} : { t: opts.timeoutSec }), 'is already stopped');
}

export function restartContainer(docker: DockerClient, id: string, opts: { timeoutSec?: number } = {}): Promise<void> {
  return act(docker, id, (c) => c.restart(opts.timeoutSec === undefined ? {} : { t: opts.timeoutSec }));
}

export function pauseContainer(docker: DockerClient, id: string): Promise<void> {
  return act(docker, id, (c) => c.pause());
}

export function unpauseContainer(docker: DockerClient, id: string): Promise<void> {
  // The engine answers 500 for "is not paused"; it is a conflict with the container's state.
  return act(docker, id, (c) => c.unpause(), undefined, (e) => (e.statusCode === 500 && /is not paused/i.test(e.engineMessage ?? '') ? rekind(e, 'conflict') : undefined));
}

export function killContainer(docker: DockerClient, id: string, signal = 'SIGKILL'): Promise<void> {
  if (!/^(SIG)?[A-Z0-9+-]+$|^\d+$/i.test(signal)) {
    return Promise.reject(new DockerError('badRequest', `${containerLabel(id)}: "${signal}" is not a signal name (for example SIGTERM, SIGKILL, HUP, 9).`));
  }
  return act(docker, id, (c) => c.kill({ signal }));
}

/** Removes a container; without force a running one is refused (409 conflict). */
export function removeContainer(docker: DockerClient, id: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
  return act(docker, id, (c) => c.remove({ force: !!opts.force, v: !!opts.volumes }));
}

// The engine's rule (moby's RestrictedNamePattern): two characters at least.
const NAME_RE = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Why the engine would refuse this container name, or undefined when it would take it. */
export function containerNameProblem(name: string): string | undefined {
  if (!name.replace(/^\//, '')) return 'A container needs a name.';
  if (NAME_RE.test(name)) return undefined;
  return `"${name}" is not a valid container name: at least two of letters, digits, "_", "." and "-", starting with a letter or digit.`;
}

export function renameContainer(docker: DockerClient, id: string, newName: string): Promise<void> {
  const problem = containerNameProblem(newName);
  if (problem) return Promise.reject(new DockerError('badRequest', `${containerLabel(id)}: ${problem}`));
  return act(docker, id, (c) => c.rename({ name: newName.replace(/^\//, '') }));
}
