// Writes saved log text to a file, never replacing an existing file unless asked to.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export type SaveResult =
  | { readonly ok: true; readonly path: string; readonly bytes: number }
  | { readonly ok: false; readonly path: string; readonly reason: 'exists' | 'failed'; readonly message: string };

/**
 * Saves text to path (relative paths are taken from the working directory). Without
 * overwrite, an existing file is left alone and the result says so, so the caller can ask
 * "overwrite?" and call again. Never throws.
 */
export async function saveLines(path: string, text: string, opts: { overwrite: boolean }): Promise<SaveResult> {
  const full = resolve(path);
  if (path.trim() === '') return { ok: false, path: full, reason: 'failed', message: 'No file name given.' };
  try {
    // 'wx' fails when the file exists, atomically: no window between a check and the write.
    await writeFile(full, text, { flag: opts.overwrite ? 'w' : 'wx', mode: 0o644 });
    return { ok: true, path: full, bytes: Buffer.byteLength(text) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'EEXIST'
        ? `${full} already exists; not overwritten.`
        : code === 'ENOENT'
          ? `Cannot save to ${full}: the folder does not exist.`
          : code === 'EACCES' || code === 'EPERM'
            ? `Cannot save to ${full}: permission denied.`
            : code === 'EISDIR'
              ? `Cannot save to ${full}: it is a folder.`
              : `Cannot save to ${full}: ${(e as Error).message}`;
    return { ok: false, path: full, reason: code === 'EEXIST' ? 'exists' : 'failed', message };
  }
}
