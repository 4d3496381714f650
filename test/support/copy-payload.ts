// docker cp into a container from berth's copy form, checked byte for byte: the payload has
// every byte value and UTF-8 text, so a copy that decodes text or drops bytes would show.
import type Docker from 'dockerode';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { execIn } from './engine-state.js';
import { KEYS, type AppSession } from './pty.js';

export interface Payload {
  /** The host directory ("…/payload"). */
  readonly src: string;
  /** Its files by path inside it, with their bytes. */
  readonly files: Readonly<Record<string, Buffer>>;
}

export const EVERY_BYTE = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), ...Array.from({ length: 256 }, (_, i) => 255 - i)]);

/** Writes `parent`/payload with a.bin (every byte value) and sub/b.txt (UTF-8 text). */
export function writePayload(parent: string): Payload {
  const src = join(parent, 'payload');
  mkdirSync(join(src, 'sub'), { recursive: true });
  const files = { 'a.bin': EVERY_BYTE, 'sub/b.txt': Buffer.from('BB\nline two é 中\n', 'utf8') };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(src, name), body);
  return { src, files };
}

/** Copies the payload into the container's /tmp with the copy form (c, space for "into"), then reads every file back. */
export async function copyPayloadIn(app: AppSession, docker: Docker, container: string, p: Payload): Promise<void> {
  await app.press('c');
  await app.waitForText('container path');
  await app.press(' ', KEYS.tab, '\x15', '/tmp', KEYS.tab, '\x15', p.src, KEYS.enter);
  await app.waitForText(/copied 2 files, .* to/, 15_000);
  const listed = await execIn(docker, container, ['find', '/tmp/payload']);
  expect(listed.stdout.toString('utf8').trim().split('\n').sort()).toEqual(['/tmp/payload', '/tmp/payload/a.bin', '/tmp/payload/sub', '/tmp/payload/sub/b.txt']);
  for (const [name, body] of Object.entries(p.files)) expect((await execIn(docker, container, ['cat', `/tmp/payload/${name}`])).stdout.equals(body)).toBe(true);
}
