// Extracts a tar archive that came out of a container onto the host, safely.
//
// The archive is untrusted (the docker CLI itself had CVEs here): an entry may be named
// `../../etc/passwd` or `/etc/passwd`, a symlink may point anywhere and a later entry may try
// to write through it, a hardlink may point at a host file. So:
//  - every entry lands under `root` or is skipped: no `..`, no absolute names, nothing outside
//    the archive's own top-level name;
//  - no path component is ever followed if it is a symlink, whether the archive made it or it
//    was on the host before: parents are checked with lstat, files are created with O_EXCL
//    (which never follows a link), an existing non-directory is unlinked, never written into;
//  - symlinks are recreated as links (their target is text, never dereferenced here);
//  - hardlinks may only point at a regular file this extraction wrote;
//  - devices, fifos and unknown types are skipped; setuid/setgid/sticky bits are dropped.
import { constants as FS } from 'node:fs';
import { lstat, lutimes, mkdir, open, link, symlink, unlink, chmod, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { DockerError, toDockerError } from './errors.js';

export interface ExtractTarget {
  /** The host path the archive's top-level entry becomes (a file, a directory or a link). */
  readonly root: string;
  /** The archive's top-level name (the source's basename): entries outside it are skipped. */
  readonly topName: string;
  /** Whether an existing `root` may be replaced (a file or link) or merged into (a directory). */
  readonly overwrite?: boolean;
  readonly onProgress?: (bytes: number, files: number) => void;
  readonly signal?: AbortSignal;
}

export interface ExtractResult {
  readonly files: number;
  readonly bytes: number;
  /** Entries refused as unsafe or unsupported, with the reason. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** An entry name as path components, or undefined when it is unsafe. */
export function entryComponents(name: string): string[] | undefined {
  if (!name || name.includes('\0') || name.startsWith('/')) return undefined;
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (!parts.length || parts.includes('..')) return undefined;
  return parts;
}

async function lstatOrUndefined(p: string) {
  try {
    return await lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function hostError(err: unknown, path: string): DockerError {
  if (err instanceof DockerError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new DockerError('permission', `Permission denied on this host: cannot write ${path}.`, { cause: err });
  }
  if (code === 'ENOSPC') return new DockerError('server', `No space left on this host while writing ${path}.`, { cause: err });
  if (typeof code === 'string' && code.startsWith('E')) return new DockerError('server', `Cannot write ${path} on this host: ${(err as Error).message}.`, { cause: err });
  // Not a file system error: the stream itself broke or was not a tar archive.
  return new DockerError('server', `The archive from the container could not be read: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
}

const SAFE_MODE = 0o777;

export async function extractArchive(source: Readable | NodeJS.ReadableStream, target: ExtractTarget): Promise<ExtractResult> {
  const { root, topName } = target;
  const skipped: { name: string; reason: string }[] = [];
  /** Directories known to be real directories under root (relative, '/'-joined; '' is root). */
  const realDirs = new Set<string>();
  /** Regular files written by this extraction: the only allowed hardlink targets. */
  const written = new Set<string>();
  /** Directories this extraction created: their mode and time are applied at the end. */
  const madeDirs: { path: string; mode: number; mtime?: Date }[] = [];
  let files = 0;
  let bytes = 0;

  const rootBefore = await lstatOrUndefined(root);
  if (rootBefore && !target.overwrite) {
    (source as Readable).destroy?.();
    throw new DockerError('conflict', `${root} already exists (choose overwrite to replace it).`);
  }

  /** Makes sure every parent of `rel` is a real directory (creating missing ones); false if one is not. */
  const ensureParents = async (rel: string[], create: boolean): Promise<boolean> => {
    for (let i = 0; i < rel.length; i++) {
      const key = rel.slice(0, i).join('/');
      if (realDirs.has(key)) continue;
      const p = join(root, ...rel.slice(0, i));
      const st = await lstatOrUndefined(p);
      if (!st) {
        if (!create) return false;
        await mkdir(p, { mode: 0o700 });
        madeDirs.push({ path: p, mode: 0o755 });
      } else if (!st.isDirectory()) return false;
      realDirs.add(key);
    }
    return true;
  };

  /** Clears the way for a new non-directory at `p`: unlinks a file or link, refuses a directory. */
  const clear = async (p: string): Promise<boolean> => {
    const st = await lstatOrUndefined(p);
    if (!st) return true;
    if (st.isDirectory()) return false;
    await unlink(p);
    return true;
  };

  const extract = tar.extract();
  const abort = () => extract.destroy(new DockerError('cancelled', 'The copy was cancelled.'));
  if (target.signal?.aborted) throw new DockerError('cancelled', 'The copy was cancelled.');
  target.signal?.addEventListener('abort', abort, { once: true });
  // A broken download is the daemon's fault, not the host's: classify it before it surfaces.
  (source as Readable).on('error', (err: Error) => extract.destroy(toDockerError(err)));
  source.pipe(extract as unknown as NodeJS.WritableStream);

  let current = root;
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const comps = entryComponents(h.name);
      const skip = (reason: string) => {
        skipped.push({ name: h.name, reason });
        entry.resume();
      };
      if (!comps) {
        skip('unsafe name');
        continue;
      }
      if (comps[0] !== topName) {
        skip(`outside ${topName}`);
        continue;
      }
      const rel = comps.slice(1);
      const path = join(root, ...rel);
      current = path;
      const key = rel.join('/');
      const type = h.type ?? 'file';
      if (!(await ensureParents(rel, true))) {
        skip('a parent is not a directory (a symlink or a file)');
        continue;
      }
      const mtime = h.mtime instanceof Date && !Number.isNaN(h.mtime.getTime()) ? h.mtime : undefined;
      const mode = (h.mode ?? 0o644) & SAFE_MODE;

      if (type === 'directory') {
        const st = await lstatOrUndefined(path);
        if (st && !st.isDirectory()) await unlink(path);
        if (!st || !st.isDirectory()) {
          await mkdir(path, { mode: 0o700 });
          madeDirs.push({ path, mode: (h.mode ?? 0o755) & SAFE_MODE, ...(mtime ? { mtime } : {}) });
        }
        realDirs.add(key);
        entry.resume();
      } else if (type === 'file' || type === 'contiguous-file') {
        if (!(await clear(path))) {
          skip('a directory is in the way');
          continue;
        }
        // O_EXCL: fails rather than follow anything that appeared at this name.
        const fh = await open(path, FS.O_WRONLY | FS.O_CREAT | FS.O_EXCL | FS.O_NOFOLLOW, 0o600);
        try {
          for await (const chunk of entry as AsyncIterable<Buffer>) {
            await fh.write(chunk);
            bytes += chunk.length;
            target.onProgress?.(bytes, files);
          }
          await fh.chmod(mode);
          if (mtime) await fh.utimes(mtime, mtime);
        } finally {
          await fh.close();
        }
        written.add(key);
        files++;
        target.onProgress?.(bytes, files);
      } else if (type === 'symlink') {
        const to = h.linkname ?? '';
        if (!to || to.includes('\0') || !(await clear(path))) {
          skip(to ? 'a directory is in the way' : 'empty link');
          continue;
        }
        await symlink(to, path);
        if (mtime) await lutimes(path, mtime, mtime).catch(() => undefined);
        written.delete(key);
        files++;
        entry.resume();
      } else if (type === 'link') {
        const to = entryComponents(h.linkname ?? '');
        const toKey = to && to[0] === topName ? to.slice(1).join('/') : undefined;
        const toPath = to ? join(root, ...to.slice(1)) : '';
        const toSt = toKey !== undefined && written.has(toKey) ? await lstatOrUndefined(toPath) : undefined;
        if (!toSt?.isFile() || !(await ensureParents(to!.slice(1), false)) || !(await clear(path))) {
          skip('hardlink to something this copy did not write');
          continue;
        }
        await link(toPath, path);
        written.add(key);
        files++;
        entry.resume();
      } else {
        skip(`unsupported type ${type}`);
      }
    }
    // Modes last, deepest first, so a read-only directory does not block its own contents.
    for (const d of madeDirs.reverse()) {
      await chmod(d.path, d.mode);
      if (d.mtime) await utimes(d.path, d.mtime, d.mtime);
    }
  } catch (err) {
    extract.destroy();
    (source as Readable).destroy?.();
    throw hostError(err, current);
  } finally {
    target.signal?.removeEventListener('abort', abort);
  }
  return { files, bytes, skipped };
}
