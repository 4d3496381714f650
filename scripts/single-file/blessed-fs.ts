// The fs that blessed's tput gets in the single file (scripts/single-file/bundle.ts points its
// require('fs') here). tput reads its fallback terminfo files from beside its own code, and
// blessed 0.1.81 needs them on most machines (it cannot parse ncurses 6's files). They are
// in the bundle, so nothing is written to disk: reads under the virtual directory the build
// gave tput are answered from memory, everything else goes to the real fs.
import fs from 'node:fs';
import usr from 'berth-single-file:blessed-usr';

const USR = `${usr.dir}/`;

function bundled(file: unknown): Buffer | undefined {
  if (typeof file !== 'string' || !file.startsWith(USR)) return undefined;
  const data = usr.files[file.slice(USR.length)];
  if (data === undefined) throw Object.assign(new Error(`ENOENT: no such file in the single file, open '${file}'`), { code: 'ENOENT' });
  return Buffer.from(data, 'base64');
}

const blessedFs: typeof fs = Object.create(fs) as typeof fs;
blessedFs.readFileSync = ((file: fs.PathOrFileDescriptor, options?: { encoding?: BufferEncoding | null } | BufferEncoding | null) => {
  const data = bundled(file);
  if (!data) return fs.readFileSync(file, options);
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding ? data.toString(encoding) : data;
}) as typeof fs.readFileSync;

export default blessedFs;
