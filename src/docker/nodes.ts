// Swarm nodes, on an engine that is a swarm manager: list, and set a node's availability
// (active, pause: no new tasks, drain: its tasks move elsewhere or stop).
import type { DockerClient } from './client.js';
import { callDaemon, DockerError } from './errors.js';
import { withFreshVersion } from './services.js';

export type Availability = 'active' | 'pause' | 'drain';

export interface NodeSummary {
  readonly id: string;
  readonly hostname: string;
  readonly role: 'manager' | 'worker' | string;
  readonly availability: Availability | string;
  /** ready, down, unknown, disconnected */
  readonly status: string;
  readonly address?: string;
  /** Managers only: "Leader", or the reachability ("reachable", "unreachable"). */
  readonly managerStatus?: string;
  readonly engineVersion: string;
  readonly labels: Readonly<Record<string, string>>;
}

interface RawNode {
  ID: string;
  Version?: { Index: number };
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> | null; Name?: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string };
}

export function toNodeSummary(n: RawNode): NodeSummary {
  const ms = n.ManagerStatus;
  return {
    id: n.ID,
    hostname: n.Description?.Hostname || n.ID.slice(0, 12),
    role: n.Spec?.Role ?? 'worker',
    availability: n.Spec?.Availability ?? 'active',
    status: n.Status?.State ?? 'unknown',
    ...(n.Status?.Addr ? { address: n.Status.Addr } : {}),
    ...(ms ? { managerStatus: ms.Leader ? 'Leader' : (ms.Reachability ?? '') } : {}),
    engineVersion: n.Description?.Engine?.EngineVersion ?? '',
    labels: n.Spec?.Labels ?? {},
  };
}

export async function listNodes(docker: DockerClient): Promise<NodeSummary[]> {
  return ((await callDaemon(docker, undefined, () => docker.listNodes())) as RawNode[]).map(toNodeSummary);
}

const AVAILABILITIES: readonly string[] = ['active', 'pause', 'drain'];

/** Sets a node's availability, with the version it was read at (once more if someone else changed it meanwhile). */
export async function setNodeAvailability(docker: DockerClient, id: string, availability: Availability): Promise<void> {
  if (!AVAILABILITIES.includes(availability)) throw new DockerError('badRequest', `"${availability}" is not an availability (active, pause or drain).`);
  const what = `Node ${id}`;
  await withFreshVersion(async () => {
    const n = (await callDaemon(docker, what, () => docker.getNode(id).inspect())) as RawNode;
    await callDaemon(docker, what, () => docker.getNode(id).update({ _query: { version: n.Version?.Index ?? 0 }, _body: { ...n.Spec, Availability: availability } } as never) as unknown as Promise<unknown>);
  });
}
