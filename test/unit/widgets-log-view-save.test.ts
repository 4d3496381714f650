import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveLines } from '../../src/widgets/log-view/save.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveLines', () => {
  it('writes the text to a new file', async () => {
    const path = join(dir, 'web.log');
    expect(await saveLines(path, 'a\nb\n', { overwrite: false })).toEqual({ ok: true, path, bytes: 4 });
    expect(await readFile(path, 'utf8')).toBe('a\nb\n');
  });

  it('refuses to overwrite an existing file unless asked, and then does', async () => {
    const path = join(dir, 'web.log');
    await writeFile(path, 'precious');
    const refused = await saveLines(path, 'new', { overwrite: false });
    expect(refused).toMatchObject({ ok: false, reason: 'exists' });
    expect(refused.ok === false && refused.message).toMatch(/already exists; not overwritten/);
    expect(await readFile(path, 'utf8')).toBe('precious');
    expect(await saveLines(path, 'new', { overwrite: true })).toMatchObject({ ok: true });
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('says in a sentence why it could not save', async () => {
    expect(await saveLines(join(dir, 'nope', 'x.log'), 'a', { overwrite: false })).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/folder does not exist/) });
    expect(await saveLines(dir, 'a', { overwrite: true })).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/it is a folder/) });
    expect(await saveLines('  ', 'a', { overwrite: false })).toMatchObject({ ok: false, message: 'No file name given.' });
  });
});
