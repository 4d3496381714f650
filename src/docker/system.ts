// Engine-wide reads: info and disk usage (on demand: it walks every layer).
import type { DockerClient } from './client.js';
import { callDaemon } from './errors.js';

export interface EngineInfo {
  readonly id: string;
  readonly name: string;
  readonly serverVersion: string;
  readonly operatingSystem: string;
  readonly kernelVersion: string;
  readonly architecture: string;
  readonly cpus: number;
  readonly memTotal: number;
  readonly containers: number;
  readonly containersRunning: number;
  readonly containersPaused: number;
  readonly containersStopped: number;
  readonly images: number;
  readonly storageDriver: string;
  readonly loggingDriver: string;
  readonly cgroupDriver: string;
  readonly cgroupVersion?: string;
  readonly dockerRootDir: string;
  /** "inactive", "active", ... */
  readonly swarm: string;
  /** In an active swarm: whether this engine can manage it (list services and nodes) or only runs tasks. */
  readonly swarmRole?: 'manager' | 'worker';
  readonly swarmNodeId?: string;
  readonly warnings: readonly string[];
}

interface RawInfo {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  Driver?: string;
  LoggingDriver?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  DockerRootDir?: string;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
  Warnings?: string[] | null;
}

export function toEngineInfo(i: RawInfo): EngineInfo {
  return {
    id: i.ID ?? '',
    name: i.Name ?? '',
    serverVersion: i.ServerVersion ?? '',
    operatingSystem: i.OperatingSystem ?? '',
    kernelVersion: i.KernelVersion ?? '',
    architecture: i.Architecture ?? '',
    cpus: i.NCPU ?? 0,
    memTotal: i.MemTotal ?? 0,
    containers: i.Containers ?? 0,
    containersRunning: i.ContainersRunning ?? 0,
    containersPaused: i.ContainersPaused ?? 0,
    containersStopped: i.ContainersStopped ?? 0,
    images: i.Images ?? 0,
    storageDriver: i.Driver ?? '',
    loggingDriver: i.LoggingDriver ?? '',
    cgroupDriver: i.CgroupDriver ?? '',
    ...(i.CgroupVersion ? { cgroupVersion: i.CgroupVersion } : {}),
    dockerRootDir: i.DockerRootDir ?? '',
    swarm: i.Swarm?.LocalNodeState || 'inactive',
    ...(i.Swarm?.LocalNodeState === 'active' ? { swarmRole: i.Swarm.ControlAvailable ? ('manager' as const) : ('worker' as const) } : {}),
    ...(i.Swarm?.NodeID ? { swarmNodeId: i.Swarm.NodeID } : {}),
    warnings: i.Warnings ?? [],
  };
}

export async function engineInfo(docker: DockerClient): Promise<EngineInfo> {
  return toEngineInfo((await callDaemon(docker, undefined, () => docker.info())) as RawInfo);
}

export interface DiskUsageGroup {
  readonly count: number;
  /** How many of them are in use (images with containers, running containers, volumes referenced). */
  readonly active: number;
  readonly size: number;
  /** What a prune could free. */
  readonly reclaimable: number;
}

export interface DiskUsage {
  readonly images: DiskUsageGroup;
  readonly containers: DiskUsageGroup;
  readonly volumes: DiskUsageGroup;
  readonly buildCache: DiskUsageGroup;
}

interface RawDf {
  LayersSize?: number;
  Images?: { Containers: number; Size: number; SharedSize: number }[] | null;
  Containers?: { State?: string; SizeRw?: number }[] | null;
  Volumes?: { UsageData?: { RefCount: number; Size: number } | null }[] | null;
  BuildCache?: { InUse?: boolean; Shared?: boolean; Size: number }[] | null;
}

/** The `docker system df` summary, computed the way the CLI does from /system/df. */
export function toDiskUsage(d: RawDf): DiskUsage {
  const images = d.Images ?? [];
  const activeImages = images.filter((i) => i.Containers > 0);
  // Shared layers count once: the CLI takes the layers' total as the images' size. Podman
  // answers 0 for that total: then the images' own sizes, summed (shared layers counted each time).
  const imagesSize = d.LayersSize || images.reduce((n, i) => n + i.Size, 0);
  const usedByActive = activeImages.reduce((n, i) => (i.SharedSize < 0 || i.Size < 0 ? n : n + i.Size - i.SharedSize), 0);
  const containers = d.Containers ?? [];
  const volumes = (d.Volumes ?? []).map((v) => v.UsageData ?? { RefCount: 0, Size: 0 });
  const cache = d.BuildCache ?? [];
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + Math.max(0, f(x)), 0);
  return {
    images: { count: images.length, active: activeImages.length, size: imagesSize, reclaimable: Math.max(0, imagesSize - usedByActive) },
    containers: {
      count: containers.length,
      active: containers.filter((c) => c.State === 'running').length,
      size: sum(containers, (c) => c.SizeRw ?? 0),
      reclaimable: sum(
        containers.filter((c) => c.State !== 'running'),
        (c) => c.SizeRw ?? 0,
      ),
    },
    volumes: {
      count: volumes.length,
      active: volumes.filter((v) => v.RefCount > 0).length,
      size: sum(volumes, (v) => v.Size),
      reclaimable: sum(
        volumes.filter((v) => v.RefCount === 0),
        (v) => v.Size,
      ),
    },
    buildCache: {
      count: cache.length,
      active: cache.filter((c) => c.InUse).length,
      size: sum(cache, (c) => c.Size),
      reclaimable: sum(
        cache.filter((c) => !c.InUse && !c.Shared),
        (c) => c.Size,
      ),
    },
  };
}

/** Disk usage. Slow on a big engine (it sizes every layer and volume): call it only when asked. */
export async function diskUsage(docker: DockerClient): Promise<DiskUsage> {
  return toDiskUsage((await callDaemon(docker, 'Disk usage', () => docker.df())) as RawDf);
}
