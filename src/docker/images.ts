// Image reads and the simple image actions (remove, tag, prune), as small readonly types.
import type Docker from 'dockerode';
import type { DockerClient } from './client.js';
import { listContainers, type ContainerSummary } from './containers.js';
import { callDaemon, DockerError } from './errors.js';
import { DEFAULT_TAG, shortId, splitReference } from './reference.js';

export interface ImageSummary {
  readonly id: string;
  /** The first 12 hex digits of the id, as `docker images` shows it. */
  readonly shortId: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  /** From the first tag ("registry:5000/team/app"); "<none>" when there is none. */
  readonly repository: string;
  readonly tag: string;
  /** Seconds since the epoch. */
  readonly created: number;
  readonly size: number;
  /** How many containers (stopped ones too) use this image. */
  readonly containers: number;
  /** No tag at all: what `docker image prune` removes. */
  readonly dangling: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

const NONE = '<none>';

/** Repository and tag of an engine reference; no tag means "latest" unless it is pinned by digest. */
function repositoryAndTag(ref: string): [string, string] {
  const r = splitReference(ref);
  return [r.name, r.tag ?? (r.digest !== undefined ? NONE : DEFAULT_TAG)];
}

/** `inUse` maps image ids to container counts, for engines that answer -1 (all of them, in lists). */
export function toImageSummary(raw: Docker.ImageInfo, inUse: ReadonlyMap<string, number> = new Map()): ImageSummary {
  const repoTags = (raw.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const repoDigests = (raw.RepoDigests ?? []).filter((d) => d !== '<none>@<none>');
  const [repository, tag] = repoTags[0] ? repositoryAndTag(repoTags[0]) : repoDigests[0] ? [splitReference(repoDigests[0]).name, NONE] : [NONE, NONE];
  return {
    id: raw.Id,
    shortId: shortId(raw.Id),
    repoTags,
    repoDigests,
    repository,
    tag,
    created: raw.Created,
    size: raw.Size,
    containers: raw.Containers >= 0 ? raw.Containers : (inUse.get(raw.Id) ?? 0),
    dangling: repoTags.length === 0,
    labels: raw.Labels ?? {},
  };
}

export function countByImage(containers: readonly ContainerSummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of containers) counts.set(c.imageId, (counts.get(c.imageId) ?? 0) + 1);
  return counts;
}

/** Top-level images (all: true adds intermediate ones), with the in-use count worked out from the containers. */
export async function listImages(docker: DockerClient, opts: { all?: boolean } = {}): Promise<ImageSummary[]> {
  const [raw, containers] = await Promise.all([callDaemon(docker, undefined, () => docker.listImages({ all: !!opts.all })), listContainers(docker, { all: true })]);
  const counts = countByImage(containers);
  return raw.map((i) => toImageSummary(i, counts));
}

export interface ImageDetails {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly parentId?: string;
  /** ISO 8601. */
  readonly created: string;
  readonly size: number;
  readonly architecture: string;
  readonly os: string;
  readonly author?: string;
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
  readonly exposedPorts: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly layers: number;
}

function label(ref: string): string {
  return `Image ${/^(sha256:)?[0-9a-f]{64}$/.test(ref) ? shortId(ref) : ref}`;
}

function asList(v: string | string[] | null | undefined): string[] {
  return v == null ? [] : Array.isArray(v) ? v : [v];
}

export function toImageDetails(i: Docker.ImageInspectInfo): ImageDetails {
  const cfg = (i.Config ?? {}) as Partial<Docker.ImageInspectInfo['Config']>;
  return {
    id: i.Id,
    repoTags: i.RepoTags ?? [],
    repoDigests: i.RepoDigests ?? [],
    ...(i.Parent ? { parentId: i.Parent } : {}),
    created: i.Created,
    size: i.Size,
    architecture: i.Architecture,
    os: i.Os,
    ...(i.Author ? { author: i.Author } : {}),
    env: cfg.Env ?? [],
    entrypoint: asList(cfg.Entrypoint as string | string[] | undefined),
    cmd: asList(cfg.Cmd as string | string[] | undefined),
    ...(cfg.WorkingDir ? { workingDir: cfg.WorkingDir } : {}),
    ...(cfg.User ? { user: cfg.User } : {}),
    exposedPorts: Object.keys(cfg.ExposedPorts ?? {}),
    labels: cfg.Labels ?? {},
    layers: i.RootFS?.Layers?.length ?? 0,
  };
}

export async function inspectImage(docker: DockerClient, ref: string): Promise<ImageDetails> {
  return toImageDetails(await callDaemon(docker, label(ref), () => docker.getImage(ref).inspect()));
}

export interface ImageLayer {
  /** The layer's image id, or "<missing>" for layers built elsewhere. */
  readonly id: string;
  readonly createdBy: string;
  /** Seconds since the epoch. */
  readonly created: number;
  readonly size: number;
  readonly tags: readonly string[];
  readonly comment: string;
}

/** The image's layers, newest first (as `docker history`). */
export async function imageHistory(docker: DockerClient, ref: string): Promise<ImageLayer[]> {
  const raw = (await callDaemon(docker, label(ref), () => docker.getImage(ref).history())) as {
    Id: string;
    Created: number;
    CreatedBy?: string;
    Size: number;
    Tags?: string[] | null;
    Comment?: string;
  }[];
  return raw.map((l) => ({ id: l.Id, createdBy: l.CreatedBy ?? '', created: l.Created, size: l.Size, tags: l.Tags ?? [], comment: l.Comment ?? '' }));
}

/** The containers (stopped ones too) created from an image, by its id. */
export async function containersUsing(docker: DockerClient, imageId: string): Promise<ContainerSummary[]> {
  return (await listContainers(docker, { all: true })).filter((c) => c.imageId === imageId);
}

/** A 409 from image removal, rewritten to say which containers hold the image and whether force helps. */
async function explainInUse(docker: DockerClient, ref: string, e: DockerError, force: boolean): Promise<DockerError> {
  let users: ContainerSummary[] = [];
  try {
    users = await containersUsing(docker, (await docker.getImage(ref).inspect()).Id);
  } catch {
    /* the engine's own sentence is all we have */
  }
  const engine = e.engineMessage ?? '';
  const names = users.map((c) => `${c.name} (${c.state})`).join(', ');
  const cannotForce = /cannot be forced/i.test(engine);
  let advice: string;
  if (cannotForce) advice = 'a running container uses it, so even force cannot remove it: stop and remove that container first';
  else if (/must (be )?force/i.test(engine) && !force) advice = 'remove it with force to delete it anyway';
  else advice = engine;
  const what = users.length ? `is used by ${users.length === 1 ? 'container' : 'containers'} ${names}` : 'is in use';
  return new DockerError('conflict', `${label(ref)} ${what}; ${advice}.`, {
    ...(e.statusCode ? { statusCode: e.statusCode } : {}),
    ...(e.engineMessage ? { engineMessage: e.engineMessage } : {}),
    cause: e,
  });
}

export interface RemovedImages {
  readonly untagged: readonly string[];
  readonly deleted: readonly string[];
}

/** Removes an image (or one tag of it). A 409 says which containers use it and whether force would help. */
export async function removeImage(docker: DockerClient, ref: string, opts: { force?: boolean; noprune?: boolean } = {}): Promise<RemovedImages> {
  try {
    const raw = (await callDaemon(docker, label(ref), () => docker.getImage(ref).remove({ force: !!opts.force, noprune: !!opts.noprune }))) as {
      Untagged?: string;
      Deleted?: string;
    }[];
    return { untagged: raw.flatMap((r) => (r.Untagged ? [r.Untagged] : [])), deleted: raw.flatMap((r) => (r.Deleted ? [r.Deleted] : [])) };
  } catch (err) {
    const e = err as DockerError;
    if (e.kind === 'conflict') throw await explainInUse(docker, ref, e, !!opts.force);
    throw e;
  }
}

// The grammar of docker's reference package: an optional registry host (with port), then
// lowercase path components separated by "/", then the tag.
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPO_RE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG_RE = /^[\w][\w.-]{0,127}$/;

/** Why a repository and tag cannot name an image, or undefined when they can. */
export function referenceProblem(repo: string, tag: string): string | undefined {
  if (!repo) return 'the repository name is empty';
  if (repo.length > 255) return 'the repository name is longer than 255 characters';
  if (/[A-Z]/.test(repo.split('/').slice(repo.includes('/') ? 1 : 0).join('/'))) return `"${repo}": repository names must be lowercase`;
  if (!REPO_RE.test(repo)) return `"${repo}" is not a valid repository name (lowercase letters, digits, and ".", "_", "-" or "/" between them)`;
  if (!TAG_RE.test(tag)) return `"${tag}" is not a valid tag (up to 128 letters, digits, "_", "." or "-", not starting with "." or "-")`;
  return undefined;
}

/** Gives `source` the new name repo:tag; an invalid name is refused before any call. Returns the new reference. */
export async function tagImage(docker: DockerClient, source: string, repo: string, tag = 'latest'): Promise<string> {
  const problem = referenceProblem(repo, tag);
  if (problem) throw new DockerError('badRequest', `${label(source)} cannot be tagged: ${problem}.`);
  await callDaemon(docker, label(source), () => docker.getImage(source).tag({ repo, tag }));
  return `${repo}:${tag}`;
}

export interface PruneResult {
  readonly deleted: readonly string[];
  readonly spaceReclaimed: number;
}

/** Removes dangling (untagged, unused) images only; `labels` narrows it like `--filter label=...`. */
export async function pruneImages(docker: DockerClient, opts: { labels?: readonly string[] } = {}): Promise<PruneResult> {
  const filters: Record<string, string[]> = { dangling: ['true'], ...(opts.labels?.length ? { label: [...opts.labels] } : {}) };
  const raw = (await callDaemon(docker, 'Pruning images', () => docker.pruneImages({ filters }))) as {
    ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null;
    SpaceReclaimed?: number;
  };
  return { deleted: (raw.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : [])), spaceReclaimed: raw.SpaceReclaimed ?? 0 };
}
