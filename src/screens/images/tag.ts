// t: add a tag to the selected image, the reference checked in the form.
import type { ImageSummary } from '../../docker/images.js';
import { checkReference } from '../../docker/reference.js';
import { shortId } from '../../docker/reference.js';
import type { ImageRowRef } from '../../render/images.js';
import { form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';

/** Why a new tag cannot be used, or undefined. */
export function newTagProblem(text: string): string | undefined {
  const r = checkReference(text.trim());
  if (typeof r === 'string') return `Not a valid reference: ${r}.`;
  if (r.digest !== undefined) return 'A tag cannot hold a digest: use name:tag.';
  return undefined;
}

export async function tagDialog(ctx: ScreenContext, row: ImageRowRef, image: ImageSummary | undefined): Promise<void> {
  const what = row.ref ?? image?.repoTags[0] ?? shortId(row.imageId);
  const values = await form(ctx.host, {
    title: `tag ${what}`,
    fields: [{ kind: 'text', name: 'ref', label: 'new reference', value: '', placeholder: 'app:2, 127.0.0.1:5000/team/app:1' }],
    validate: (v) => newTagProblem(v.ref ?? ''),
  });
  if (!values) return;
  const parsed = checkReference((values.ref ?? '').trim());
  if (typeof parsed === 'string') return;
  await ctx.tasks.run(
    `tagging ${what}`,
    () => ctx.engine.tagImage(row.imageId, parsed.repository, parsed.tag ?? 'latest'),
    (ref) => `tagged ${what} as ${ref}`,
  );
  ctx.refresh('images');
}
