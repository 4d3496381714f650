// Runs inside a throwaway root (see throwaway-root.ts): sets up a scratch area, then
// extracts archives into it with berth's extractor, one JSON request per line on stdin.
//   {"op":"setup","base":B,"rootIsLink":bool} makes B/dest and B/outside (a secret file, a
//     directory), and with rootIsLink B/dest/data as a symlink to B/outside;
//   {"op":"extract","base":B,"tar":base64,"overwrite":bool} extracts into B/dest/data;
//   {"op":"probe","write":P,"link":[FROM,TO]} does what a broken extractor would (writes P,
//     hardlinks FROM at TO), so the test can show that its check sees such changes.
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { extractArchive } from '../../src/docker/archive-extract.js';
import { DockerError } from '../../src/docker/errors.js';

type Request =
  | { op: 'setup'; base: string; rootIsLink: boolean }
  | { op: 'extract'; base: string; tar: string; overwrite: boolean }
  | { op: 'probe'; write: string; link: [string, string] };

const answer = (msg: unknown): void => void process.stdout.write(`${JSON.stringify(msg)}\n`);

async function handle(req: Request): Promise<unknown> {
  if (req.op === 'setup') {
    mkdirSync(join(req.base, 'dest'), { recursive: true });
    mkdirSync(join(req.base, 'outside', 'dir'), { recursive: true });
    writeFileSync(join(req.base, 'outside', 'secret'), 'keep me');
    if (req.rootIsLink) symlinkSync(join(req.base, 'outside'), join(req.base, 'dest', 'data'));
    return { ok: true };
  }
  if (req.op === 'probe') {
    writeFileSync(req.write, 'pwned');
    linkSync(req.link[0], req.link[1]);
    return { ok: true };
  }
  try {
    const res = await extractArchive(Readable.from([Buffer.from(req.tar, 'base64')]), { root: join(req.base, 'dest', 'data'), topName: 'data', overwrite: req.overwrite });
    return { ok: true, files: res.files, skipped: res.skipped.length };
  } catch (err) {
    // A refusal in words is fine; anything else is a crash the test reports.
    return err instanceof DockerError ? { ok: false, kind: err.kind, message: err.message } : { ok: false, crash: String((err as Error)?.stack ?? err) };
  }
}

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => answer(await handle(JSON.parse(line) as Request)));
});
answer({ ready: true });
