// b: build an image from a directory. The form checks the context directory, the
// Dockerfile, the tags and the build args before anything starts; the build then runs as
// a job whose output streams into the jobs view.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { checkReference } from '../../docker/reference.js';
import { splitList } from '../../docker/run-form.js';
import { form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import type { JobStarter } from './jobs.js';

export interface BuildMemory {
  context: string;
  dockerfile: string;
  tags: string;
  args: string;
}

export function newBuildMemory(): BuildMemory {
  return { context: process.cwd(), dockerfile: 'Dockerfile', tags: '', args: '' };
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface BuildInput {
  readonly contextDir: string;
  readonly dockerfile: string;
  readonly tags: string[];
  readonly buildArgs: Record<string, string>;
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

/** The form's values checked against the file system; a sentence when something is wrong. */
export async function checkBuildForm(v: Record<string, string>): Promise<BuildInput | string> {
  const raw = (v.context ?? '').trim();
  if (!raw) return 'Give the directory to build from.';
  const contextDir = resolve(expandHome(raw));
  const dirStat = await stat(contextDir).catch(() => undefined);
  if (!dirStat) return `${contextDir} does not exist.`;
  if (!dirStat.isDirectory()) return `${contextDir} is not a directory.`;
  const dockerfile = (v.dockerfile ?? '').trim() || 'Dockerfile';
  const inside = relative(contextDir, resolve(contextDir, dockerfile));
  if (inside.startsWith('..') || isAbsolute(inside)) return `The Dockerfile must be inside ${contextDir}.`;
  const fileStat = await stat(join(contextDir, inside)).catch(() => undefined);
  if (!fileStat?.isFile()) return `There is no ${inside} in ${contextDir}.`;
  const tags = splitList(v.tags ?? '');
  for (const t of tags) {
    const r = checkReference(t);
    if (typeof r === 'string') return `Tag ${JSON.stringify(t)}: ${r}.`;
    if (r.digest !== undefined) return `Tag ${JSON.stringify(t)}: a build is tagged with name:tag, not a digest.`;
  }
  const buildArgs: Record<string, string> = {};
  for (const a of splitList(v.args ?? '')) {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    if (eq < 0 || !ARG_NAME.test(key)) return `Build arg ${JSON.stringify(a)} must be KEY=VALUE (letters, digits and "_" in the key).`;
    buildArgs[key] = a.slice(eq + 1);
  }
  return { contextDir, dockerfile: inside, tags, buildArgs };
}

export async function buildDialog(ctx: ScreenContext, starter: JobStarter, memory: BuildMemory): Promise<void> {
  let checked: BuildInput | undefined;
  const values = await form(ctx.host, {
    title: 'build an image',
    fields: [
      { kind: 'text', name: 'context', label: 'context directory', value: memory.context },
      { kind: 'text', name: 'dockerfile', label: 'Dockerfile', value: memory.dockerfile, placeholder: 'Dockerfile (in the context)' },
      { kind: 'text', name: 'tags', label: 'tags', value: memory.tags, placeholder: 'app:1, app:latest' },
      { kind: 'text', name: 'args', label: 'build args', value: memory.args, placeholder: 'KEY=VALUE, ...' },
    ],
    validate: async (v) => {
      const r = await checkBuildForm(v);
      if (typeof r === 'string') return r;
      checked = r;
      return undefined;
    },
  });
  if (!values || !checked) return;
  Object.assign(memory, { context: values.context ?? memory.context, dockerfile: values.dockerfile ?? '', tags: values.tags ?? '', args: values.args ?? '' });
  const input = checked;
  const name = input.tags[0] ?? basename(input.contextDir);
  starter.start('build', `build ${name}`, async (c) => {
    const r = await ctx.engine.buildImage({ ...input, onOutput: (t) => c.output(t), signal: c.signal });
    const shown = r.tags.length ? r.tags.join(', ') : 'an untagged image';
    return { text: `built ${shown} (${r.id.slice(0, 19)}…)`, imageId: r.id, ...(r.tags[0] ? { ref: r.tags[0] } : {}) };
  });
}
