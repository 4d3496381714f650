// What uses the disk, object by object, like `docker system df -v`: from /system/df, which
// sizes every layer and volume (slow on a big engine: read it only when asked).
import type { DockerClient } from './client.js';
import { callDaemon } from './errors.js';
import { toDiskUsage, type DiskUsage } from './system.js';

export interface ImageUsage {
  readonly id: string;
  readonly tags: readonly string[];
  readonly size: number;
  /** Bytes shared with other images; -1 when the engine did not compute it. */
  readonly shared: number;
  readonly containers: number;
  /** Seconds since the epoch. */
  readonly created: number;
}

export interface ContainerUsageRow {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: string;
  /** The writable layer's size. */
  readonly sizeRw: number;
}

export interface VolumeUsageRow {
  readonly name: string;
  readonly size: number;
  readonly refCount: number;
}

export interface BuildCacheRow {
  readonly id: string;
  readonly type: string;
  readonly size: number;
  readonly inUse: boolean;
  readonly shared: boolean;
  /** ISO 8601, when the engine knows. */
  readonly lastUsed?: string;
  readonly description: string;
}

export interface DiskUsageDetail {
  readonly summary: DiskUsage;
  readonly images: readonly ImageUsage[];
  readonly containers: readonly ContainerUsageRow[];
  readonly volumes: readonly VolumeUsageRow[];
  readonly buildCache: readonly BuildCacheRow[];
}

export interface RawDfDetail {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Size: number; SharedSize: number; Containers: number; Created: number }[] | null;
  Containers?: { Id: string; Names?: string[] | null; Image?: string; State?: string; SizeRw?: number }[] | null;
  Volumes?: { Name: string; UsageData?: { RefCount: number; Size: number } | null }[] | null;
  BuildCache?: { ID: string; Type?: string; Size: number; InUse?: boolean; Shared?: boolean; LastUsedAt?: string | null; Description?: string }[] | null;
}

const bareId = (id: string) => id.replace(/^sha256:/, '');

/** `names`: each image's repo:tags by id, for an engine whose answer here lacks them (Podman). */
export function toDiskUsageDetail(d: RawDfDetail, names?: ReadonlyMap<string, readonly string[]>): DiskUsageDetail {
  return {
    summary: toDiskUsage(d),
    images: (d.Images ?? []).map((i) => ({
      id: i.Id,
      tags: names?.get(bareId(i.Id)) ?? (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>' && t !== '<none>'),
      size: i.Size,
      shared: i.SharedSize,
      containers: Math.max(0, i.Containers),
      created: i.Created,
    })),
    containers: (d.Containers ?? []).map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      image: c.Image ?? '',
      state: c.State ?? '',
      sizeRw: c.SizeRw ?? 0,
    })),
    volumes: (d.Volumes ?? []).map((v) => ({ name: v.Name, size: v.UsageData?.Size ?? -1, refCount: v.UsageData?.RefCount ?? 0 })),
    buildCache: (d.BuildCache ?? []).map((b) => ({
      id: b.ID,
      type: b.Type ?? '',
      size: b.Size,
      inUse: !!b.InUse,
      shared: !!b.Shared,
      ...(b.LastUsedAt ? { lastUsed: b.LastUsedAt } : {}),
      description: b.Description ?? '',
    })),
  };
}

/** Disk usage object by object. Slow on a big engine: call it only when asked. */
export async function diskUsageDetail(docker: DockerClient): Promise<DiskUsageDetail> {
  const d = (await callDaemon(docker, 'Disk usage', () => docker.df())) as RawDfDetail;
  if (!namesTagsAlone(d)) return toDiskUsageDetail(d);
  const list = await callDaemon(docker, 'Disk usage', () => docker.listImages());
  return toDiskUsageDetail(d, imageNames(list));
}

/** Podman names its images here by tag alone ("latest", "1"): the image list has the full names. */
export function namesTagsAlone(d: RawDfDetail): boolean {
  return (d.Images ?? []).some((i) => (i.RepoTags ?? []).some((t) => t !== '<none>' && !t.includes(':')));
}

/** Each image's repo:tags by id (without "sha256:"), from the image list. */
export function imageNames(list: readonly { Id: string; RepoTags?: string[] | null }[]): Map<string, string[]> {
  return new Map(list.map((i) => [bareId(i.Id), (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>')]));
}
