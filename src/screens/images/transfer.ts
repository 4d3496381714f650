// p: pull an image by reference; P: push the selected tag. Both run as jobs with
// per-layer progress in the jobs view; credentials come from the Docker config file.
import type { ImageSummary } from '../../docker/images.js';
import { checkReference, formatReference, withDefaultTag } from '../../docker/reference.js';
import { credentialsFor } from '../../docker/registry-auth.js';
import { shortId } from '../../docker/reference.js';
import type { ImageRowRef } from '../../render/images.js';
import { confirm, form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import type { JobStarter } from './jobs.js';

export async function pullDialog(ctx: ScreenContext, starter: JobStarter, memory: { pull: string }): Promise<void> {
  const values = await form(ctx.host, {
    title: 'pull an image',
    fields: [{ kind: 'text', name: 'ref', label: 'reference', value: memory.pull, placeholder: 'alpine:3.20, 127.0.0.1:5000/team/app:1' }],
    validate: (v) => {
      const r = checkReference((v.ref ?? '').trim());
      return typeof r === 'string' ? `Not an image reference: ${r}.` : undefined;
    },
  });
  if (!values) return;
  const text = (values.ref ?? '').trim();
  memory.pull = text;
  const parsed = checkReference(text);
  const shown = typeof parsed === 'string' ? text : formatReference(withDefaultTag(parsed));
  starter.start('pull', `pull ${shown}`, async (c) => {
    const r = await ctx.engine.pullImage(text, { onProgress: (e) => c.progress(e), signal: c.signal });
    return { text: `pulled ${r.ref} (${shortId(r.id)}${r.digest ? `, ${r.digest}` : ''})`, imageId: r.id, ref: r.ref };
  });
}

/** The tag to push: the row's, the image's only one, or the one the user picks. */
async function chooseTag(ctx: ScreenContext, row: ImageRowRef, image: ImageSummary | undefined): Promise<string | undefined> {
  if (row.ref) return row.ref;
  const tags = image?.repoTags ?? [];
  if (tags.length === 0) {
    ctx.store.say('This image has no tag to push: give it one with t first.', 'error');
    return undefined;
  }
  if (tags.length === 1) return tags[0];
  const shown = tags.slice(0, 9);
  const picked = await confirm(
    ctx.host,
    'push which tag?',
    [`${shortId(row.imageId)} has ${tags.length} tags:`, ...shown.map((t, i) => `${i + 1}  ${t}`)],
    shown.map((t, i) => ({ key: String(i + 1), label: t, value: t })),
  );
  if (!picked) ctx.store.say('nothing pushed');
  return picked;
}

export async function pushDialog(ctx: ScreenContext, starter: JobStarter, row: ImageRowRef, image: ImageSummary | undefined): Promise<void> {
  const tag = await chooseTag(ctx, row, image);
  if (!tag) return;
  const parsed = checkReference(tag);
  if (typeof parsed === 'string') return ctx.store.say(`Cannot push ${tag}: ${parsed}.`, 'error');
  let credentials: string;
  try {
    const creds = await credentialsFor(parsed.registry);
    credentials = creds ? `as ${creds.username ?? 'the stored token'} (from the Docker config file)` : 'without credentials (none stored for it)';
  } catch (err) {
    return ctx.store.say(err instanceof Error ? err.message : String(err), 'error');
  }
  const ok = await confirm(ctx.host, 'push', [`Push ${tag} to ${parsed.registry}`, credentials + '?'], [{ key: 'y', label: 'push', value: 'yes' as const }]);
  if (!ok) return ctx.store.say('nothing pushed');
  starter.start('push', `push ${tag}`, async (c) => {
    const r = await ctx.engine.pushImage(tag, { onProgress: (e) => c.progress(e), signal: c.signal });
    return { text: `pushed ${r.ref}${r.digest ? `, digest ${r.digest}` : ''}` };
  });
}
