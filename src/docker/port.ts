// The engine as the screens see it: every operation of this layer with the client already
// bound. Screens and the refresher reach the daemon only through an EnginePort, so their
// key flows can be tested in-process against a fake one. The heavy operations (docker cp,
// build, pull, push, run, exec, attach, the prunes) load their modules on first use: most sessions never
// call them.
import type { DockerClient } from './client.js';
import { engineVersion } from './client.js';
import { inspectContainer, inspectContainerRaw } from './container-inspect.js';
import { killContainer, listContainers, pauseContainer, removeContainer, renameContainer, restartContainer, startContainer, stopContainer, topContainer, unpauseContainer } from './containers.js';
import { watchEvents } from './events.js';
import { imageHistory, inspectImage, listImages, pruneImages, removeImage, tagImage } from './images.js';
import { followLogs, readLogs } from './logs.js';
import { statsOnce, watchStats } from './stats.js';
import { connectNetwork, createNetwork, disconnectNetwork, inspectNetwork, listNetworks, removeNetwork, removeNetworks, unusedNetworks } from './networks.js';
import { diskUsageDetail } from './disk-usage.js';
import { diskUsage, engineInfo } from './system.js';
import { listServices, listTasks, removeService, rollbackService, scaleService, updateServiceImage, followServiceLogs } from './services.js';
import { listNodes, setNodeAvailability } from './nodes.js';
import { createVolume, inspectVolume, listVolumes, removeVolume, removeVolumes, unusedVolumes, volumeSizes, volumeUsers } from './volumes.js';
import type * as Build from './build.js';
import type * as BuildCache from './build-cache.js';
import type * as Prune from './prune.js';
import type * as Attach from './attach.js';
import type * as Copy from './copy.js';
import type * as Exec from './exec.js';
import type * as Pull from './pull.js';
import type * as Push from './push.js';
import type * as Run from './run.js';

const EAGER = {
  engineVersion,
  engineInfo,
  diskUsage,
  diskUsageDetail,
  watchEvents,
  listContainers,
  inspectContainer,
  inspectContainerRaw,
  topContainer,
  startContainer,
  stopContainer,
  restartContainer,
  pauseContainer,
  unpauseContainer,
  killContainer,
  removeContainer,
  renameContainer,
  followLogs,
  readLogs,
  watchStats,
  statsOnce,
  listImages,
  inspectImage,
  imageHistory,
  removeImage,
  tagImage,
  pruneImages,
  listVolumes,
  inspectVolume,
  createVolume,
  volumeSizes,
  volumeUsers,
  removeVolume,
  unusedVolumes,
  removeVolumes,
  listNetworks,
  inspectNetwork,
  createNetwork,
  removeNetwork,
  connectNetwork,
  disconnectNetwork,
  unusedNetworks,
  removeNetworks,
  listServices,
  listTasks,
  scaleService,
  updateServiceImage,
  rollbackService,
  removeService,
  followServiceLogs,
  listNodes,
  setNodeAvailability,
};

type Lazy = {
  statContainerPath: typeof Copy.statContainerPath;
  copyFromContainer: typeof Copy.copyFromContainer;
  copyToContainer: typeof Copy.copyToContainer;
  buildImage: typeof Build.buildImage;
  pullImage: typeof Pull.pullImage;
  pushImage: typeof Push.pushImage;
  runContainer: typeof Run.runContainer;
  execInteractive: typeof Exec.execInteractive;
  findShell: typeof Exec.findShell;
  attachInteractive: typeof Attach.attachInteractive;
  stoppedContainers: typeof Prune.stoppedContainers;
  removeStoppedContainers: typeof Prune.removeStoppedContainers;
  unusedImages: typeof Prune.unusedImages;
  removeUnusedImages: typeof Prune.removeUnusedImages;
  buildCacheRecords: typeof BuildCache.buildCacheRecords;
  pruneBuildCache: typeof BuildCache.pruneBuildCache;
};

/** A function of this layer without its first argument, the client. */
type Bound<F> = F extends (docker: DockerClient, ...args: infer A) => infer R ? (...args: A) => R : never;

export type EnginePort = { readonly [K in keyof typeof EAGER]: Bound<(typeof EAGER)[K]> } & { readonly [K in keyof Lazy]: Bound<Lazy[K]> };

/** Binds every operation to the client `docker()` returns at call time (host switching replaces it). */
export function bindEngine(docker: () => DockerClient): EnginePort {
  const port: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(EAGER)) {
    port[name] = (...args: unknown[]) => (fn as (d: DockerClient, ...a: unknown[]) => unknown)(docker(), ...args);
  }
  const lazy = <M>(load: () => Promise<M>, pick: (m: M) => (d: DockerClient, ...a: never[]) => Promise<unknown>) =>
    (...args: unknown[]) => load().then((m) => (pick(m) as (d: DockerClient, ...a: unknown[]) => Promise<unknown>)(docker(), ...args));
  const copy = () => import('./copy.js');
  port.statContainerPath = lazy(copy, (m) => m.statContainerPath);
  port.copyFromContainer = lazy(copy, (m) => m.copyFromContainer);
  port.copyToContainer = lazy(copy, (m) => m.copyToContainer);
  port.buildImage = lazy(() => import('./build.js'), (m) => m.buildImage);
  port.pullImage = lazy(() => import('./pull.js'), (m) => m.pullImage);
  port.pushImage = lazy(() => import('./push.js'), (m) => m.pushImage);
  port.runContainer = lazy(() => import('./run.js'), (m) => m.runContainer);
  const exec = () => import('./exec.js');
  port.execInteractive = lazy(exec, (m) => m.execInteractive);
  port.findShell = lazy(exec, (m) => m.findShell);
  port.attachInteractive = lazy(() => import('./attach.js'), (m) => m.attachInteractive);
  const prune = () => import('./prune.js');
  port.stoppedContainers = lazy(prune, (m) => m.stoppedContainers);
  port.removeStoppedContainers = lazy(prune, (m) => m.removeStoppedContainers);
  port.unusedImages = lazy(prune, (m) => m.unusedImages);
  port.removeUnusedImages = lazy(prune, (m) => m.removeUnusedImages);
  const cache = () => import('./build-cache.js');
  port.buildCacheRecords = lazy(cache, (m) => m.buildCacheRecords);
  port.pruneBuildCache = lazy(cache, (m) => m.pruneBuildCache);
  return port as EnginePort;
}
