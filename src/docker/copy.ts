// docker cp, both ways, through the archive endpoints. Paths are checked before anything is
// transferred, an existing destination is never replaced unless the caller asks, and what comes
// out of a container is extracted by archive-extract.ts, which never writes outside the target.
import { constants as FS } from 'node:fs';
import { access, lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { posix } from 'node:path';
import type { DockerClient } from './client.js';
import { DockerError, toDockerError } from './errors.js';
import { extractArchive } from './archive-extract.js';
import { packHostPath } from './archive-pack.js';

export interface ContainerPathStat {
  readonly name: string;
  readonly size: number;
  /** Go's os.FileMode bits as the engine sends them (type bits high, permissions low). */
  readonly mode: number;
  readonly isDir: boolean;
  readonly isSymlink: boolean;
  /** Where a symlink points (the engine resolves it), else ''. */
  readonly linkTarget: string;
  readonly mtime: string;
}

export interface CopyOptions {
  /** Replace an existing file (or merge into an existing directory) instead of refusing. */
  readonly overwrite?: boolean;
  readonly onProgress?: (bytes: number, files: number) => void;
  readonly signal?: AbortSignal;
}

export interface CopyResult {
  readonly files: number;
  readonly bytes: number;
  /** Where the copy landed (host path, or path in the container). */
  readonly destination: string;
  /** Entries of the container's archive refused as unsafe (copy out only). */
  readonly skipped?: readonly { readonly name: string; readonly reason: string }[];
}

const GO_MODE_DIR = 2 ** 31;
const GO_MODE_SYMLINK = 2 ** 27;

function label(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

function containerPath(p: string): string {
  // docker cp takes container paths relative to the container's root.
  return posix.normalize(p.startsWith('/') ? p : `/${p}`);
}

const gone = (id: string, cause?: unknown) => new DockerError('notFound', `Container ${label(id)} is gone.`, { statusCode: 404, cause });

/** Maps an archive-endpoint failure, telling a missing path from a missing container. */
function archiveError(err: unknown, id: string, path: string): DockerError {
  const e = toDockerError(err, `container ${label(id)}`);
  if (e.kind !== 'notFound') {
    // Engine 20.10 answers 500 "container rootfs is marked read-only" (newer ones 403).
    if (e.kind === 'permission' || /read-only|permission denied/i.test(e.engineMessage ?? '')) {
      return new DockerError('permission', `Permission denied in container ${label(id)}: ${path} (${e.engineMessage ?? 'forbidden'}).`, { cause: err });
    }
    return e;
  }
  if (/could not find the file|no such file or directory/i.test(e.engineMessage ?? '')) {
    return new DockerError('notFound', `No such file or directory in container ${label(id)}: ${path}`, { statusCode: 404, cause: err });
  }
  return gone(id, err);
}

/**
 * The engine's stat of a path in a container, or undefined when it does not exist.
 * Throws a notFound DockerError ("Container web is gone.") when the container does not.
 */
export async function statContainerPath(docker: DockerClient, id: string, path: string): Promise<ContainerPathStat | undefined> {
  const p = containerPath(path);
  const c = docker.getContainer(id);
  let res: { headers?: Record<string, string | string[] | undefined>; resume?: () => void };
  try {
    res = (await c.infoArchive({ path: p })) as typeof res;
  } catch (err) {
    const e = toDockerError(err);
    if (e.kind !== 'notFound') throw archiveError(err, id, p);
    // A HEAD answer has no body, so the 404 does not say what is missing: ask about the container.
    try {
      await c.inspect();
    } catch (inspectErr) {
      const ie = toDockerError(inspectErr);
      throw ie.kind === 'notFound' ? gone(id, inspectErr) : ie;
    }
    return undefined;
  }
  res.resume?.();
  const header = res.headers?.['x-docker-container-path-stat'];
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) throw new DockerError('server', `The engine sent no path information for ${p} in container ${label(id)}.`);
  const info = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { name?: string; size?: number; mode?: number; mtime?: string; linkTarget?: string };
  const mode = info.mode ?? 0;
  return {
    name: info.name ?? posix.basename(p),
    size: info.size ?? 0,
    mode,
    isDir: Math.floor(mode / GO_MODE_DIR) % 2 === 1,
    isSymlink: Math.floor(mode / GO_MODE_SYMLINK) % 2 === 1,
    linkTarget: info.linkTarget ?? '',
    mtime: info.mtime ?? '',
  };
}

async function lstatOrUndefined(p: string) {
  try {
    return await lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw hostError(err, p);
  }
}

function hostError(err: unknown, p: string): DockerError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new DockerError('permission', `Permission denied on this host: ${p}.`, { cause: err });
  return new DockerError('server', `Cannot use ${p} on this host: ${(err as Error).message}.`, { cause: err });
}

/** The host side of docker cp out: where the copy lands, checked before any transfer. */
async function hostDestination(hostPath: string, source: ContainerPathStat, overwrite: boolean): Promise<string> {
  const abs = resolve(hostPath);
  const st = await lstatOrUndefined(abs);
  // The user's own path may be a link to a directory: docker cp follows it, and so do we.
  const followed = st?.isSymbolicLink() ? await stat(abs).catch(() => undefined) : st;
  let parent: string;
  let name: string;
  if (followed?.isDirectory()) {
    parent = abs;
    name = source.name;
  } else {
    if (!st && /\/$/.test(hostPath)) throw new DockerError('notFound', `No such directory on this host: ${abs} (it must exist to copy into it).`);
    parent = dirname(abs);
    name = basename(abs);
    const pst = await stat(parent).catch(() => undefined);
    if (!pst) throw new DockerError('notFound', `No such directory on this host: ${parent}.`);
    if (!pst.isDirectory()) throw new DockerError('badRequest', `${parent} is not a directory.`);
  }
  const realParent = await realpath(parent).catch((err: unknown) => {
    throw hostError(err, parent);
  });
  try {
    await access(realParent, FS.W_OK);
  } catch (err) {
    throw new DockerError('permission', `Permission denied on this host: cannot write into ${realParent}.`, { cause: err });
  }
  const dest = join(realParent, name);
  const existing = await lstatOrUndefined(dest);
  if (existing) {
    if (!overwrite) throw new DockerError('conflict', `${dest} already exists (choose overwrite to replace it).`);
    if (source.isDir && !existing.isDirectory() && !existing.isSymbolicLink()) {
      throw new DockerError('conflict', `Cannot copy the directory ${source.name} onto the file ${dest}.`);
    }
    if (!source.isDir && existing.isDirectory()) throw new DockerError('conflict', `Cannot replace the directory ${dest} with a file.`);
  }
  return dest;
}

/** docker cp CONTAINER:containerPath hostPath. */
export async function copyFromContainer(docker: DockerClient, id: string, containerSrc: string, hostPath: string, opts: CopyOptions = {}): Promise<CopyResult> {
  const src = containerPath(containerSrc);
  const st = await statContainerPath(docker, id, src);
  if (!st) throw new DockerError('notFound', `No such file or directory in container ${label(id)}: ${src}`);
  if (src === '/' || !st.name || st.name === '/') {
    throw new DockerError('badRequest', "Copying a container's whole file system is not supported: choose a directory in it.");
  }
  const dest = await hostDestination(hostPath, st, Boolean(opts.overwrite));
  let archive: NodeJS.ReadableStream;
  try {
    archive = await docker.getContainer(id).getArchive({ path: src, ...(opts.signal ? { abortSignal: opts.signal } : {}) });
  } catch (err) {
    if (opts.signal?.aborted) throw new DockerError('cancelled', 'The copy was cancelled.', { cause: err });
    throw archiveError(err, id, src);
  }
  const res = await extractArchive(archive, {
    root: dest,
    topName: st.name,
    overwrite: Boolean(opts.overwrite),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { files: res.files, bytes: res.bytes, destination: dest, skipped: res.skipped };
}

/** The container side of docker cp in: the final path, checked before any transfer. */
async function containerDestination(docker: DockerClient, id: string, target: string, trailingSlash: boolean, host: { isDir: boolean; name: string }, overwrite: boolean): Promise<string> {
  let resolved = target;
  let st = await statContainerPath(docker, id, target);
  // A link as the destination: docker cp goes to where it points (the engine resolved it).
  if (st?.isSymlink && st.linkTarget) {
    resolved = st.linkTarget;
    st = await statContainerPath(docker, id, resolved);
  }
  let dest: string;
  let existing: ContainerPathStat | undefined;
  if (st?.isDir) {
    dest = posix.join(resolved, host.name);
    existing = await statContainerPath(docker, id, dest);
  } else {
    if (!st && trailingSlash) throw new DockerError('notFound', `No such directory in container ${label(id)}: ${target} (it must exist to copy into it).`);
    dest = resolved;
    existing = st;
    if (!st) {
      const parent = posix.dirname(resolved);
      const pst = await statContainerPath(docker, id, parent);
      if (!pst) throw new DockerError('notFound', `No such file or directory in container ${label(id)}: ${parent}`);
      if (!pst.isDir) throw new DockerError('badRequest', `${parent} is not a directory in container ${label(id)}.`);
    }
  }
  if (existing) {
    if (!overwrite) throw new DockerError('conflict', `${dest} already exists in container ${label(id)} (choose overwrite to replace it).`);
    if (host.isDir && !existing.isDir) throw new DockerError('conflict', `Cannot copy the directory ${host.name} onto the file ${dest} in container ${label(id)}.`);
    if (!host.isDir && existing.isDir) throw new DockerError('conflict', `Cannot replace the directory ${dest} in container ${label(id)} with a file.`);
  }
  return dest;
}

/** docker cp hostPath CONTAINER:containerPath. */
export async function copyToContainer(docker: DockerClient, id: string, hostPath: string, containerDst: string, opts: CopyOptions = {}): Promise<CopyResult> {
  const abs = resolve(hostPath);
  const hst = await lstatOrUndefined(abs);
  if (!hst) throw new DockerError('notFound', `No such file or directory on this host: ${abs}`);
  try {
    await access(abs, FS.R_OK);
  } catch (err) {
    throw new DockerError('permission', `Permission denied on this host: cannot read ${abs}.`, { cause: err });
  }
  const target = containerPath(containerDst);
  const dest = await containerDestination(docker, id, target, /\/$/.test(containerDst) && target !== '/', { isDir: hst.isDirectory(), name: basename(abs) }, Boolean(opts.overwrite));
  const packing = packHostPath(abs, posix.basename(dest), {
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  try {
    const [, counts] = await Promise.all([
      docker
        .getContainer(id)
        .putArchive(packing.stream as unknown as NodeJS.ReadableStream, {
          path: posix.dirname(dest),
          // Never let the engine swap a directory for a file or the other way round.
          noOverwriteDirNonDir: true,
          ...(opts.signal ? { abortSignal: opts.signal } : {}),
        })
        .catch((err: unknown) => {
          const e = opts.signal?.aborted ? new DockerError('cancelled', 'The copy was cancelled.', { cause: err }) : archiveError(err, id, posix.dirname(dest));
          packing.cancel(e);
          throw e;
        }),
      packing.done,
    ]);
    return { files: counts.files, bytes: counts.bytes, destination: dest };
  } catch (err) {
    packing.cancel(err instanceof Error ? err : undefined);
    throw err instanceof DockerError ? err : toDockerError(err);
  }
}
