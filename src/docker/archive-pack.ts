// Builds a tar archive of a host file or directory, streamed: file contents are read in chunks
// as the daemon takes them, never held whole in memory.
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { DockerError } from './errors.js';

export interface PackOptions {
  readonly onProgress?: (bytes: number, files: number) => void;
  readonly signal?: AbortSignal;
}

export interface Packing {
  /** The tar stream to send. */
  readonly stream: Readable;
  /** Settles when the whole archive was written to the stream (or failed). */
  readonly done: Promise<{ files: number; bytes: number }>;
  /** Stops packing (for instance when the daemon refused the upload). */
  cancel(err?: Error): void;
}

function readError(err: unknown, path: string): DockerError {
  if (err instanceof DockerError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new DockerError('permission', `Permission denied on this host: cannot read ${path}.`, { cause: err });
  if (code === 'ENOENT') return new DockerError('notFound', `No such file or directory on this host: ${path}.`, { cause: err });
  return new DockerError('server', `Cannot read ${path} on this host: ${(err as Error).message}.`, { cause: err });
}

/** Resolves once the entry was fully accepted by the pack; rejects if the pack closes first. */
type EntrySink = ReturnType<tar.Pack['entry']>;

function writeEntry(pack: tar.Pack, closed: Promise<never>, header: Parameters<tar.Pack['entry']>[0], fill?: (w: EntrySink) => Promise<void>): Promise<void> {
  const written = new Promise<void>((resolve, reject) => {
    const w = pack.entry(header, (err) => (err ? reject(err) : resolve()));
    // Failures surface through the callback or `closed`; an 'error' event here has no one to tell.
    w.on('error', () => undefined);
    if (!fill) {
      w.end(undefined);
      return;
    }
    fill(w).catch((err: unknown) => {
      w.destroy(err as Error);
      reject(err as Error);
    });
  });
  return Promise.race([written, closed]);
}

/**
 * Packs `hostPath` under the name `name` (the archive's top-level entry). Symlinks are packed
 * as links (like docker cp), sockets, fifos and devices are skipped.
 */
export function packHostPath(hostPath: string, name: string, opts: PackOptions = {}): Packing {
  const pack = tar.pack();
  // Whoever consumes the stream (the HTTP request) sees its end; `done` carries the reason.
  pack.on('error', () => undefined);
  let files = 0;
  let bytes = 0;
  let stopped: Error | undefined;
  // Settles only if the pack is destroyed: every wait below races it, so nothing hangs.
  const closed = new Promise<never>((_, reject) =>
    pack.once('close', () => reject(stopped ?? new DockerError('server', 'The archive stream was closed before it was complete.'))),
  );
  closed.catch(() => undefined);

  const add = async (path: string, entryName: string): Promise<void> => {
    if (stopped) throw stopped;
    let st;
    try {
      st = await lstat(path);
    } catch (err) {
      throw readError(err, path);
    }
    const base = { name: entryName, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 };
    if (st.isDirectory()) {
      await writeEntry(pack, closed, { ...base, type: 'directory' });
      let names: string[];
      try {
        names = (await readdir(path)).sort();
      } catch (err) {
        throw readError(err, path);
      }
      for (const child of names) await add(join(path, child), `${entryName}/${child}`);
    } else if (st.isSymbolicLink()) {
      await writeEntry(pack, closed, { ...base, type: 'symlink', linkname: await readlink(path) });
      files++;
    } else if (st.isFile()) {
      const size = st.size;
      await writeEntry(pack, closed, { ...base, type: 'file', size }, async (w) => {
        if (size === 0) {
          w.end(undefined);
          return;
        }
        // Read exactly the size announced in the header; a file that shrinks meanwhile fails the entry.
        const rs = createReadStream(path, { start: 0, end: size - 1 });
        try {
          for await (const chunk of rs as AsyncIterable<Buffer>) {
            if (stopped) throw stopped;
            bytes += chunk.length;
            opts.onProgress?.(bytes, files);
            if (!w.write(chunk)) await Promise.race([new Promise<void>((r) => w.once('drain', () => r())), closed]);
          }
        } catch (err) {
          rs.destroy();
          throw readError(err, path);
        }
        w.end(undefined);
      });
      files++;
      opts.onProgress?.(bytes, files);
    }
  };

  const cancel = (err?: Error) => {
    stopped = err ?? new DockerError('cancelled', 'The copy was cancelled.');
    pack.destroy(stopped);
  };
  const onAbort = () => cancel();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const done = (async () => {
    try {
      await add(hostPath, name);
      pack.finalize();
      return { files, bytes };
    } catch (err) {
      const e = stopped ?? (err instanceof DockerError ? err : readError(err, hostPath));
      pack.destroy(e);
      throw e;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
  })();
  // The caller awaits `done`; this keeps a rejection the caller handles elsewhere from being "unhandled".
  done.catch(() => undefined);
  return { stream: pack as unknown as Readable, done, cancel };
}
