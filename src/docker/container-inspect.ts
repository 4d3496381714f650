// A container's full description (docker inspect) as a small readonly type, and the raw
// answer beside it for the views that show everything the engine said.
import type Docker from 'dockerode';
import type { DockerClient } from './client.js';
import { containerLabel, toState, type ContainerState, type MountSummary, type PortBinding } from './containers.js';
import { callDaemon } from './errors.js';

export interface HealthProbe {
  /** ISO 8601, as the engine wrote it. */
  readonly start: string;
  readonly end: string;
  readonly exitCode: number;
  readonly output: string;
}

/** The healthcheck as configured; durations in nanoseconds (0 or absent: the engine's default). */
export interface HealthcheckConfig {
  readonly test: readonly string[];
  readonly intervalNs?: number;
  readonly timeoutNs?: number;
  readonly startPeriodNs?: number;
  readonly retries?: number;
}

export interface NetworkAttachment {
  readonly name: string;
  readonly ipAddress?: string;
  readonly prefixLen?: number;
  readonly gateway?: string;
  readonly macAddress?: string;
  readonly ipv6Address?: string;
  readonly aliases?: readonly string[];
}

export interface ContainerDetails {
  readonly id: string;
  readonly name: string;
  /** The image as the container was created from it ("web:1.2"). */
  readonly image: string;
  readonly imageId: string;
  readonly state: ContainerState;
  /** ISO 8601; undefined when the container never started. */
  readonly startedAt?: string;
  /** ISO 8601; undefined while it never finished. */
  readonly finishedAt?: string;
  readonly created: string;
  readonly exitCode: number;
  /** The engine's error when the container failed to start, if any. */
  readonly error?: string;
  readonly oomKilled: boolean;
  readonly pid?: number;
  readonly health?: 'healthy' | 'unhealthy' | 'starting';
  readonly restartCount: number;
  readonly restartPolicy?: string;
  /** The on-failure policy's retry limit (0: unlimited or not on-failure). */
  readonly restartMaxRetries: number;
  /** HostConfig.Memory in bytes; 0 when the container has no memory limit. */
  readonly memoryLimit: number;
  readonly healthcheck?: HealthcheckConfig;
  readonly healthLog: readonly HealthProbe[];
  readonly failingStreak: number;
  /** What the engine ran: Path and Args (entrypoint and command resolved). */
  readonly path: string;
  readonly args: readonly string[];
  readonly tty: boolean;
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
  readonly hostname?: string;
  readonly mounts: readonly MountSummary[];
  readonly ports: readonly PortBinding[];
  /** Config.ExposedPorts keys ("8080/tcp"): declared, published or not. */
  readonly exposedPorts: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly networkMode: string;
  readonly networks: readonly NetworkAttachment[];
}

// The engine's "never" timestamp.
function isoOrUndefined(t: string | undefined): string | undefined {
  return !t || t.startsWith('0001-01-01') ? undefined : t;
}

function asList(v: string | string[] | null | undefined): string[] {
  return v == null ? [] : Array.isArray(v) ? v : [v];
}

/** Ports from inspect: {"80/tcp": [{HostIp, HostPort}] | null}; an unpublished port has no public side. */
function portsFromInspect(ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings?.length) out.push({ privatePort, type });
    for (const b of bindings ?? []) {
      out.push({ privatePort, type, ...(b.HostPort ? { publicPort: Number(b.HostPort) } : {}), ...(b.HostIp ? { ip: b.HostIp } : {}) });
    }
  }
  return out;
}

interface RawHealthcheck {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

function healthcheck(config: { Healthcheck?: RawHealthcheck }): { healthcheck?: HealthcheckConfig } {
  const h = config.Healthcheck;
  // ["NONE"] is how an image's healthcheck is turned off.
  if (!h?.Test?.length || h.Test[0] === 'NONE') return {};
  return {
    healthcheck: {
      test: h.Test,
      ...(h.Interval ? { intervalNs: h.Interval } : {}),
      ...(h.Timeout ? { timeoutNs: h.Timeout } : {}),
      ...(h.StartPeriod ? { startPeriodNs: h.StartPeriod } : {}),
      ...(h.Retries ? { retries: h.Retries } : {}),
    },
  };
}

interface RawNetwork {
  IPAddress?: string;
  IPPrefixLen?: number;
  Gateway?: string;
  MacAddress?: string;
  GlobalIPv6Address?: string;
  Aliases?: string[] | null;
}

function networkAttachment(name: string, n: RawNetwork | null): NetworkAttachment {
  return {
    name,
    ...(n?.IPAddress ? { ipAddress: n.IPAddress, prefixLen: n.IPPrefixLen ?? 0 } : {}),
    ...(n?.Gateway ? { gateway: n.Gateway } : {}),
    ...(n?.MacAddress ? { macAddress: n.MacAddress } : {}),
    ...(n?.GlobalIPv6Address ? { ipv6Address: n.GlobalIPv6Address } : {}),
    ...(n?.Aliases?.length ? { aliases: n.Aliases } : {}),
  };
}

export function toContainerDetails(c: Docker.ContainerInspectInfo): ContainerDetails {
  const s = c.State;
  const health = (s.Health?.Status ?? '') as string;
  const nets = c.NetworkSettings?.Networks ?? {};
  const startedAt = isoOrUndefined(s.StartedAt);
  const finishedAt = isoOrUndefined(s.FinishedAt);
  const policy = c.HostConfig?.RestartPolicy?.Name;
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: c.Config.Image,
    imageId: c.Image,
    state: toState(s.Status),
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    created: c.Created,
    exitCode: s.ExitCode,
    ...(s.Error ? { error: s.Error } : {}),
    oomKilled: s.OOMKilled,
    ...(s.Pid ? { pid: s.Pid } : {}),
    ...(health === 'healthy' || health === 'unhealthy' || health === 'starting' ? { health } : {}),
    restartCount: c.RestartCount,
    ...(policy && policy !== 'no' ? { restartPolicy: policy } : {}),
    restartMaxRetries: c.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
    memoryLimit: c.HostConfig?.Memory ?? 0,
    ...(healthcheck(c.Config as Docker.ContainerInspectInfo['Config'] & { Healthcheck?: RawHealthcheck })),
    healthLog: (s.Health?.Log ?? []).map((p) => ({ start: p.Start, end: p.End, exitCode: p.ExitCode, output: p.Output ?? '' })),
    failingStreak: s.Health?.FailingStreak ?? 0,
    path: c.Path ?? '',
    args: c.Args ?? [],
    tty: c.Config.Tty,
    env: c.Config.Env ?? [],
    entrypoint: asList(c.Config.Entrypoint),
    cmd: asList(c.Config.Cmd),
    ...(c.Config.WorkingDir ? { workingDir: c.Config.WorkingDir } : {}),
    ...(c.Config.User ? { user: c.Config.User } : {}),
    ...(c.Config.Hostname ? { hostname: c.Config.Hostname } : {}),
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'bind',
      source: m.Source,
      destination: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
      readOnly: !m.RW,
      ...(m.Mode ? { mode: m.Mode } : {}),
      ...(m.Propagation ? { propagation: m.Propagation } : {}),
      ...(m.Driver ? { driver: m.Driver } : {}),
    })),
    ports: portsFromInspect(c.NetworkSettings?.Ports as Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined),
    exposedPorts: Object.keys((c.Config as { ExposedPorts?: Record<string, unknown> | null }).ExposedPorts ?? {}),
    labels: c.Config.Labels ?? {},
    networkMode: c.HostConfig?.NetworkMode ?? '',
    networks: Object.entries(nets).map(([name, n]) => networkAttachment(name, n as RawNetwork | null)),
  };
}

export async function inspectContainer(docker: DockerClient, id: string): Promise<ContainerDetails> {
  return (await inspectContainerRaw(docker, id)).details;
}

/** The engine's whole inspect answer, as it sent it: what `docker inspect` prints. */
export type RawInspect = Readonly<Record<string, unknown>>;

/** Inspect once, for views that show both the details and the raw answer. */
export async function inspectContainerRaw(docker: DockerClient, id: string): Promise<{ details: ContainerDetails; raw: RawInspect }> {
  const raw = await callDaemon(docker, containerLabel(id), () => docker.getContainer(id).inspect());
  return { details: toContainerDetails(raw), raw: raw as unknown as RawInspect };
}
