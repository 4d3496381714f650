// Container reads and actions, as small readonly domain types.
import type Docker from 'dockerode';
import type { DockerClient } from './client.js';
import { call } from './errors.js';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | 'unknown';

export interface PortBinding {
  readonly privatePort: number;
  readonly publicPort?: number;
  readonly ip?: string;
  readonly type: string;
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
  readonly mounts: readonly { readonly type: string; readonly source: string; readonly destination: string }[];
  /** From the status sentence: "healthy", "unhealthy", "starting", or undefined when no health check. */
  readonly health?: 'healthy' | 'unhealthy' | 'starting';
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function toContainerSummary(c: Docker.ContainerInfo): ContainerSummary {
  const state = (STATES as readonly string[]).includes(c.State) ? (c.State as ContainerState) : 'unknown';
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? '')?.[1];
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command ?? '',
    created: c.Created,
    state,
    status: c.Status ?? '',
    labels: c.Labels ?? {},
    ports: (c.Ports ?? []).map((p) => ({
      privatePort: p.PrivatePort,
      type: p.Type,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      ...(p.IP ? { ip: p.IP } : {}),
    })),
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type, source: m.Source, destination: m.Destination })),
    ...(health ? { health: health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy') } : {}),
  };
}

export async function listContainers(docker: DockerClient, opts: { all?: boolean } = {}): Promise<ContainerSummary[]> {
  const raw = await call(undefined, () => docker.listContainers({ all: opts.all ?? true }));
  return raw.map(toContainerSummary);
}
