// Swarm services and their tasks, on an engine that is a swarm manager: list (with running
// and desired task counts), scale, update the image (the engine rolls it out by its update
// config), roll back, remove, and follow the logs of every task at once.
import type { DockerClient } from './client.js';
import { callDaemon, DockerError, toDockerError } from './errors.js';
import type { Stoppable } from './events.js';
import { feedLogBody, followHandle, type LogHandlers } from './logs.js';
import { formatReference, parseReference } from './reference.js';

export interface ServicePort {
  readonly protocol: string;
  readonly target: number;
  readonly published?: number;
  readonly mode?: string;
}

export interface ServiceSummary {
  readonly id: string;
  readonly name: string;
  readonly mode: 'replicated' | 'global' | string;
  /** Replicated: the replicas asked for. Global: the nodes that should run one (from the task status). */
  readonly desired: number;
  readonly running: number;
  /** The image as the spec names it, without the digest the engine pinned. */
  readonly image: string;
  readonly ports: readonly ServicePort[];
  /** The last rolling update: updating, paused, completed, rollback_started, rollback_completed... */
  readonly updateState?: string;
  readonly updateMessage?: string;
  /** The engine kept the spec before the last change: a roll back has somewhere to go. */
  readonly canRollBack: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface TaskSummary {
  readonly id: string;
  readonly serviceId: string;
  /** Replicated services number their tasks; global ones have none (the node names the task). */
  readonly slot?: number;
  readonly nodeId: string;
  readonly desiredState: string;
  readonly state: string;
  readonly message: string;
  readonly error?: string;
  /** When the task reached its current state (ISO 8601). */
  readonly since: string;
  readonly containerId?: string;
}

interface RawService {
  ID: string;
  Version?: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: RawServiceSpec;
  PreviousSpec?: RawServiceSpec;
  Endpoint?: { Ports?: { Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string }[] | null };
  UpdateStatus?: { State?: string; Message?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

interface RawServiceSpec {
  Name?: string;
  Labels?: Record<string, string> | null;
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
  TaskTemplate?: { ContainerSpec?: { Image?: string; TTY?: boolean } };
  [k: string]: unknown;
}

interface RawTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
}

/** "app:1@sha256:..." -> "app:1": the engine pins a digest when it can resolve one. */
export function shownImage(image: string): string {
  return image.replace(/@sha256:[0-9a-f]{64}$/, '');
}

function modeOf(spec: RawServiceSpec): string {
  const m = spec.Mode ?? {};
  if (m.Replicated) return 'replicated';
  if (m.Global) return 'global';
  if (m.ReplicatedJob) return 'replicated-job';
  if (m.GlobalJob) return 'global-job';
  return 'replicated';
}

export function toServiceSummary(s: RawService): ServiceSummary {
  const mode = modeOf(s.Spec);
  const update = s.UpdateStatus;
  return {
    id: s.ID,
    name: s.Spec.Name ?? s.ID.slice(0, 12),
    mode,
    desired: mode === 'replicated' ? (s.Spec.Mode?.Replicated?.Replicas ?? 0) : (s.ServiceStatus?.DesiredTasks ?? 0),
    running: s.ServiceStatus?.RunningTasks ?? 0,
    image: shownImage(s.Spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
    ports: (s.Endpoint?.Ports ?? []).map((p) => ({
      protocol: p.Protocol ?? 'tcp',
      target: p.TargetPort ?? 0,
      ...(p.PublishedPort ? { published: p.PublishedPort } : {}),
      ...(p.PublishMode ? { mode: p.PublishMode } : {}),
    })),
    ...(update?.State ? { updateState: update.State } : {}),
    ...(update?.Message ? { updateMessage: update.Message } : {}),
    canRollBack: !!s.PreviousSpec,
    createdAt: s.CreatedAt ?? '',
    updatedAt: s.UpdatedAt ?? '',
    labels: s.Spec.Labels ?? {},
  };
}

export function toTaskSummary(t: RawTask): TaskSummary {
  const st = t.Status ?? {};
  return {
    id: t.ID,
    serviceId: t.ServiceID,
    ...(t.Slot ? { slot: t.Slot } : {}),
    nodeId: t.NodeID ?? '',
    desiredState: t.DesiredState ?? '',
    state: st.State ?? '',
    message: st.Message ?? '',
    ...(st.Err ? { error: st.Err } : {}),
    since: st.Timestamp ?? '',
    ...(st.ContainerStatus?.ContainerID ? { containerId: st.ContainerStatus.ContainerID } : {}),
  };
}

export async function listServices(docker: DockerClient): Promise<ServiceSummary[]> {
  // status=true adds the running and desired task counts (API 1.41).
  const raw = (await callDaemon(docker, undefined, () => docker.listServices({ status: true } as object))) as unknown as RawService[];
  return raw.map(toServiceSummary);
}

export async function listTasks(docker: DockerClient, serviceId?: string): Promise<TaskSummary[]> {
  const filters = serviceId ? { filters: JSON.stringify({ service: [serviceId] }) } : {};
  const raw = (await callDaemon(docker, undefined, () => docker.listTasks(filters))) as RawTask[];
  return raw.map(toTaskSummary);
}

async function inspectRaw(docker: DockerClient, id: string, what: string): Promise<RawService> {
  return (await callDaemon(docker, what, () => docker.getService(id).inspect())) as RawService;
}

/**
 * Runs a read-then-update of a swarm object. Someone else's change in between ("update out of
 * sequence": the version read is stale) is read again and tried once more.
 */
export async function withFreshVersion(update: () => Promise<void>): Promise<void> {
  try {
    await update();
  } catch (err) {
    if (!(err instanceof DockerError && /out of sequence/i.test(err.message))) throw err;
    await update();
  }
}

/** Sends a changed spec with the version it was read at. */
function updateSpec(docker: DockerClient, id: string, what: string, change: (spec: RawServiceSpec) => RawServiceSpec, query: Record<string, string> = {}): Promise<void> {
  return withFreshVersion(async () => {
    const s = await inspectRaw(docker, id, what);
    await callDaemon(docker, what, () => docker.getService(id).update({ _query: { version: s.Version?.Index ?? 0, ...query }, _body: change(structuredClone(s.Spec)) } as never));
  });
}

/** The sentence when a replica count is not one; undefined when it is. */
export function replicasProblem(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `"${text}" is not a number of replicas: give a whole number, 0 or more.`;
  if (Number(t) > 100_000) return `${t} replicas is more than berth will ask an engine for (100000 at most).`;
  return undefined;
}

export async function scaleService(docker: DockerClient, id: string, replicas: number): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new DockerError('badRequest', `${replicas} is not a number of replicas: give a whole number, 0 or more.`);
  await updateSpec(docker, id, `Service ${id}`, (spec) => {
    if (!spec.Mode?.Replicated) throw new DockerError('badRequest', `${spec.Name ?? id} runs one task per node (global mode): it cannot be scaled.`);
    return { ...spec, Mode: { Replicated: { Replicas: replicas } } };
  });
}

/** Starts a rolling update to another image (checked before anything is sent); the engine reports progress in the service's update state. */
export async function updateServiceImage(docker: DockerClient, id: string, image: string): Promise<string> {
  const ref = formatReference(parseReference(image.trim()));
  await updateSpec(docker, id, `Service ${id}`, (spec) => ({
    ...spec,
    TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { ...spec.TaskTemplate?.ContainerSpec, Image: ref } },
  }));
  return ref;
}

/** Goes back to the spec before the last change, as `docker service rollback`. */
export async function rollbackService(docker: DockerClient, id: string): Promise<void> {
  const s = await inspectRaw(docker, id, `Service ${id}`);
  if (!s.PreviousSpec) throw new DockerError('conflict', `${s.Spec.Name ?? id} has no previous version to roll back to.`);
  await updateSpec(docker, id, `Service ${id}`, (spec) => spec, { rollback: 'previous' });
}

export async function removeService(docker: DockerClient, id: string): Promise<void> {
  await callDaemon(docker, `Service ${id}`, () => docker.getService(id).remove());
}

/**
 * Follows the logs of every task of a service, interleaved as the engine sends them. Each
 * line starts with the engine's details (`com.docker.swarm.task.id=...`, see serviceLogDetails).
 */
export function followServiceLogs(docker: DockerClient, id: string, opts: { tail?: number }, handlers: LogHandlers): Stoppable {
  const { abort, finish, emit } = followHandle(handlers);
  (async () => {
    const s = await inspectRaw(docker, id, `Service ${id}`);
    const q = { stdout: true, stderr: true, timestamps: true, details: true, follow: true, tail: opts.tail ?? 200, abortSignal: abort.signal };
    const stream = (await callDaemon(docker, `Service ${id}`, () => docker.getService(id).logs(q))) as unknown as NodeJS.ReadableStream;
    if (abort.signal.aborted) return (stream as unknown as { destroy?: () => void }).destroy?.();
    feedLogBody(stream, !!s.Spec.TaskTemplate?.ContainerSpec?.TTY, emit, finish);
  })().catch((err: unknown) => finish(toDockerError(err)));
  return { stop: () => abort.abort() };
}

/** Splits the details the engine puts before a service log line ("k=v,k=v text") from the text. */
export function serviceLogDetails(line: string): { taskId?: string; nodeId?: string; text: string } {
  const m = /^((?:[\w.-]+=[^,\s]*,?)+) ?(.*)$/s.exec(line);
  if (!m || !/com\.docker\.swarm\./.test(m[1]!)) return { text: line };
  const attrs = Object.fromEntries(m[1]!.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const taskId = attrs['com.docker.swarm.task.id'];
  const nodeId = attrs['com.docker.swarm.node.id'];
  return { ...(taskId ? { taskId } : {}), ...(nodeId ? { nodeId } : {}), text: m[2] ?? '' };
}
