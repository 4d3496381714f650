// Volumes: list, inspect, create, remove, and a prune that removes exactly what it previewed.
// The engine's own prune is not used: from API 1.42 it removes only anonymous volumes unless
// asked for all, so what it removes depends on the engine's version; removing the previewed
// names one by one does not.
import type { DockerClient } from './client.js';
import { toContainerSummary, type ContainerSummary } from './containers.js';
import { callDaemon, capitalise, DockerError } from './errors.js';
import { byName, containerNames, isKept, rephrase, removeEach, type RemoveMany } from './prune-shared.js';

export interface VolumeSummary {
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string;
  readonly scope: string;
  /** ISO 8601, when the engine knows. */
  readonly createdAt?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The driver's options ("type", "device", "o" for the local driver). */
  readonly options: Readonly<Record<string, string>>;
}

export interface VolumeDetails extends VolumeSummary {
  /** What the driver reports about the volume, when it reports anything. */
  readonly status?: Readonly<Record<string, unknown>>;
}

export interface VolumeUsage {
  /** Bytes; -1 when the engine could not size it. */
  readonly size: number;
  /** How many containers (running or not) reference it. */
  readonly refCount: number;
}

export interface UnusedVolume extends VolumeSummary {
  /** Bytes, when the engine's disk usage answered; undefined otherwise. */
  readonly size?: number;
}

interface RawVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Scope?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Status?: Record<string, unknown> | null;
}

function toVolumeSummary(v: RawVolume): VolumeSummary {
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    scope: v.Scope || 'local',
    ...(v.CreatedAt ? { createdAt: v.CreatedAt } : {}),
    labels: v.Labels ?? {},
    options: v.Options ?? {},
  };
}

function label(name: string): string {
  return `Volume ${name}`;
}

async function listRaw(docker: DockerClient, filters?: Record<string, string[]>): Promise<VolumeSummary[]> {
  const raw = (await callDaemon(docker, undefined, () => docker.listVolumes(filters ? { filters } : {}))) as { Volumes?: RawVolume[] | null };
  return (raw.Volumes ?? []).map(toVolumeSummary);
}

export function listVolumes(docker: DockerClient): Promise<VolumeSummary[]> {
  return listRaw(docker);
}

export async function inspectVolume(docker: DockerClient, name: string): Promise<VolumeDetails> {
  const raw = (await callDaemon(docker, label(name), () => docker.getVolume(name).inspect())) as RawVolume;
  const status = raw.Status && Object.keys(raw.Status).length ? { status: raw.Status } : {};
  return { ...toVolumeSummary(raw), ...status };
}

// The local driver's rule (the engine's own regular expression): two characters at least.
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Why a volume name would be refused, or undefined when it is fine. */
export function volumeNameProblem(name: string): string | undefined {
  if (VOLUME_NAME.test(name)) return undefined;
  const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name);
  return `${shown} is not a valid volume name: use at least two characters, letters, digits, "_", "." and "-", starting with a letter or digit`;
}

async function exists(docker: DockerClient, name: string): Promise<boolean> {
  try {
    await callDaemon(docker, label(name), () => docker.getVolume(name).inspect());
    return true;
  } catch (err) {
    if (err instanceof DockerError && err.kind === 'notFound') return false;
    throw err;
  }
}

/**
 * Creates a volume (an anonymous one when no name is given). The engine answers an existing
 * name with that volume and 201, silently: berth checks first and refuses instead.
 */
export async function createVolume(
  docker: DockerClient,
  opts: { name?: string; driver?: string; labels?: Readonly<Record<string, string>> } = {},
): Promise<VolumeSummary> {
  const { name } = opts;
  if (name !== undefined) {
    const problem = volumeNameProblem(name);
    if (problem) throw new DockerError('badRequest', `${capitalise(problem)}.`);
    if (await exists(docker, name)) throw new DockerError('conflict', `Volume ${name} already exists.`);
  }
  const body = { ...(name !== undefined ? { Name: name } : {}), Driver: opts.driver || 'local', Labels: { ...(opts.labels ?? {}) } };
  const created = await callDaemon(docker, name ? label(name) : 'New volume', () => docker.createVolume(body));
  return toVolumeSummary((await callDaemon(docker, label(created.name), () => created.inspect())) as RawVolume);
}

/** Sizes and reference counts of every volume, from the engine's disk usage: slow, call it when shown. */
export async function volumeSizes(docker: DockerClient): Promise<Map<string, VolumeUsage>> {
  const raw = (await callDaemon(docker, 'Volume sizes', () => docker.df())) as {
    Volumes?: { Name: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  };
  const out = new Map<string, VolumeUsage>();
  for (const v of raw.Volumes ?? []) out.set(v.Name, { size: v.UsageData?.Size ?? -1, refCount: v.UsageData?.RefCount ?? 0 });
  return out;
}

/** The containers (running or not) that reference a volume. */
export async function volumeUsers(docker: DockerClient, name: string): Promise<ContainerSummary[]> {
  const raw = await callDaemon(docker, undefined, () => docker.listContainers({ all: true, filters: { volume: [name] } }));
  return raw.map(toContainerSummary);
}

/** Removes a volume; one in use is refused with the names of the containers that use it. */
export async function removeVolume(docker: DockerClient, name: string, opts: { force?: boolean } = {}): Promise<void> {
  try {
    await callDaemon(docker, label(name), () => docker.getVolume(name).remove({ force: !!opts.force }));
  } catch (err) {
    if (!(err instanceof DockerError) || err.kind !== 'conflict') throw err;
    const users = await volumeUsers(docker, name).catch(() => []);
    const who = users.length ? `by ${containerNames(users)}` : 'by a container';
    throw rephrase(err, `Volume ${name} is in use ${who}: remove ${users.length > 1 ? 'those containers' : 'that container'} first.`);
  }
}

/**
 * The volumes no container (running or not) references, for a prune preview: `unused` is what a
 * prune would remove (with sizes when the engine's disk usage answered), `kept` the unused ones
 * labelled berth.keep=true, which are left alone.
 */
export async function unusedVolumes(docker: DockerClient, opts: { sizes?: boolean } = {}): Promise<{ unused: UnusedVolume[]; kept: VolumeSummary[] }> {
  const [dangling, sizes] = await Promise.all([
    listRaw(docker, { dangling: ['true'] }),
    opts.sizes === false ? undefined : volumeSizes(docker).catch(() => undefined),
  ]);
  const unused: UnusedVolume[] = [];
  const kept: VolumeSummary[] = [];
  for (const v of dangling) {
    if (isKept(v.labels)) {
      kept.push(v);
      continue;
    }
    const size = sizes?.get(v.name)?.size;
    unused.push(size !== undefined && size >= 0 ? { ...v, size } : v);
  }
  return { unused: unused.sort(byName), kept: kept.sort(byName) };
}

/** Removes exactly these volumes, one by one; each failure is kept with its reason and the rest go on. */
export function removeVolumes(docker: DockerClient, names: readonly string[]): Promise<RemoveMany> {
  return removeEach(names, (name) => removeVolume(docker, name));
}
