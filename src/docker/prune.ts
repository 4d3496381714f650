// Prunes of stopped containers and unused images that remove exactly what they previewed, one
// by one (as volumes and networks do): the engine's own prunes remove whatever is unused when
// they run, which can be more or less than the user was shown. Each refusal says what changed
// since the preview.
import type { DockerClient } from './client.js';
import { toContainerSummary, type ContainerSummary } from './containers.js';
import { removeContainer } from './containers.js';
import { callDaemon, DockerError } from './errors.js';
import { listImages, removeImage } from './images.js';
import { byName, isKept, rephrase, removeEach, type RemoveMany } from './prune-shared.js';

/** What `docker container prune` takes: every container that is not running, paused or restarting. */
export const STOPPED_STATES = ['exited', 'created', 'dead'] as const;

export interface StoppedContainer extends ContainerSummary {
  /** The writable layer's size in bytes (what removing the container frees), when the engine sized it. */
  readonly sizeRw?: number;
}

/**
 * The stopped containers, each with its writable layer's size, for a prune preview; `kept` are
 * those labelled berth.keep=true. One list call with `size=true`: the engine sizes the writable
 * layers exactly as its disk usage does, without also walking every image layer and volume.
 */
export async function stoppedContainers(docker: DockerClient): Promise<{ stopped: StoppedContainer[]; kept: StoppedContainer[] }> {
  const raw = await callDaemon(docker, undefined, () => docker.listContainers({ all: true, size: true, filters: { status: [...STOPPED_STATES] } }));
  const stopped: StoppedContainer[] = [];
  const kept: StoppedContainer[] = [];
  for (const r of raw) {
    const c = toContainerSummary(r);
    // An engine that ignores the filter (or a state it does not know) must not widen the prune.
    if (!(STOPPED_STATES as readonly string[]).includes(c.state)) continue;
    const size = (r as { SizeRw?: number }).SizeRw;
    const sized: StoppedContainer = typeof size === 'number' && size >= 0 ? { ...c, sizeRw: size } : c;
    (isKept(c.labels) ? kept : stopped).push(sized);
  }
  return { stopped: stopped.sort(byName), kept: kept.sort(byName) };
}

/**
 * Removes exactly these containers (by id), never forced: one started since the preview stays.
 * Four at a time: one by one, 1,000 took over two minutes on 2 cores (bench:prune).
 */
export function removeStoppedContainers(docker: DockerClient, ids: readonly string[]): Promise<RemoveMany> {
  return removeEach(ids, async (id) => {
    try {
      await removeContainer(docker, id);
    } catch (err) {
      if (err instanceof DockerError && err.kind === 'conflict' && /running|paused|restarting/i.test(err.engineMessage ?? err.message)) {
        throw rephrase(err, 'started since the preview: not removed');
      }
      if (err instanceof DockerError && err.kind === 'notFound') throw rephrase(err, 'already gone (removed since the preview)', 'notFound');
      throw err;
    }
  }, 4);
}

export interface UnusedImage {
  readonly id: string;
  /** repo:tag names; none for a dangling image. */
  readonly tags: readonly string[];
  /** How it is named in a preview: its first tag, or its short id. */
  readonly name: string;
  readonly size: number;
  /** Bytes no other image shares (what removing it frees for sure), when the engine's disk usage answered. */
  readonly unique?: number;
  /** Seconds since the epoch. */
  readonly created: number;
  readonly dangling: boolean;
}

/**
 * The images no container (running or not) uses, for a prune preview: `unused` holds dangling
 * and tagged ones (each says which), `kept` those labelled berth.keep=true. Sizes shared with
 * other images come from the engine's disk usage; without it, sizes are the images' own.
 */
export async function unusedImages(docker: DockerClient): Promise<{ unused: UnusedImage[]; kept: UnusedImage[] }> {
  const [images, df] = await Promise.all([
    listImages(docker),
    (callDaemon(docker, undefined, () => docker.df()) as Promise<{ Images?: { Id: string; SharedSize?: number; Size?: number }[] | null }>).catch(() => undefined),
  ]);
  const shared = new Map((df?.Images ?? []).map((i) => [i.Id, i.SharedSize ?? -1]));
  const unused: UnusedImage[] = [];
  const kept: UnusedImage[] = [];
  for (const i of images) {
    if (i.containers > 0) continue;
    const s = shared.get(i.id);
    const item: UnusedImage = {
      id: i.id,
      tags: i.repoTags,
      name: i.repoTags[0] ?? i.shortId,
      size: i.size,
      ...(s !== undefined && s >= 0 ? { unique: Math.max(0, i.size - s) } : {}),
      created: i.created,
      dangling: i.dangling,
    };
    (isKept(i.labels) ? kept : unused).push(item);
  }
  return { unused: unused.sort(byName), kept: kept.sort(byName) };
}

/**
 * Removes one previewed image the way the engine's prune does: each of its tags (the last one
 * deletes it), or by id when it has none. Never forced, so an image a container started using
 * since the preview is refused; one still there after its tags went (tagged again, or another
 * image is built on it) is reported as kept.
 */
async function removeUnusedImage(docker: DockerClient, img: UnusedImage): Promise<void> {
  let deleted = false;
  let found = false;
  const remove = async (ref: string) => {
    try {
      const r = await removeImage(docker, ref);
      found = true;
      if (r.deleted.includes(img.id)) deleted = true;
    } catch (err) {
      // A tag removed since the preview: the others (or the id) go on.
      if (err instanceof DockerError && err.kind === 'notFound') return;
      if (err instanceof DockerError && err.kind === 'conflict') throw rephrase(err, `in use since the preview: ${err.message}`);
      throw err;
    }
  };
  for (const ref of img.tags) await remove(ref);
  // Untagged, or every listed tag gone since the preview: the image itself, by id.
  if (!found) await remove(img.id);
  if (!found) throw new DockerError('notFound', 'already gone (removed since the preview)');
  if (!deleted && (await imageExists(docker, img.id))) {
    throw new DockerError('conflict', 'untagged but kept: it has another tag now, or another image is built on it');
  }
}

async function imageExists(docker: DockerClient, id: string): Promise<boolean> {
  try {
    await callDaemon(docker, undefined, () => docker.getImage(id).inspect());
    return true;
  } catch (err) {
    if (err instanceof DockerError && err.kind === 'notFound') return false;
    throw err;
  }
}

/** Removes exactly these images, one by one; the result names them by id. */
export function removeUnusedImages(docker: DockerClient, images: readonly UnusedImage[]): Promise<RemoveMany> {
  const byId = new Map(images.map((i) => [i.id, i]));
  return removeEach([...byId.keys()], (id) => removeUnusedImage(docker, byId.get(id)!));
}
