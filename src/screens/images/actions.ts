// rmi: remove the selected image or tag, saying which containers use it and offering
// force only where the engine allows it.
import type { ContainerSummary } from '../../docker/containers.js';
import type { ImageSummary } from '../../docker/images.js';
import { shortId } from '../../docker/reference.js';
import type { ImageRowRef } from '../../render/images.js';
import { confirm } from '../../widgets/dialogs.js';
import { itemsOf } from '../../state/resources.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';

export function containersUsing(imageId: string, containers: readonly ContainerSummary[]): ContainerSummary[] {
  return containers.filter((c) => c.imageId === imageId);
}

export async function removeSelectedImage(ctx: ScreenContext, row: ImageRowRef, image: ImageSummary | undefined): Promise<void> {
  const what = row.ref ?? shortId(row.imageId);
  const users = containersUsing(row.imageId, itemsOf(ctx.store.snapshot, CONTAINERS));
  const running = users.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  const otherTags = (image?.repoTags ?? []).filter((t) => t !== row.ref && t !== '<none>:<none>');
  const lines = [`Remove ${what}${row.ref ? ` (${shortId(row.imageId)})` : ''}?`];
  if (otherTags.length) lines.push(`Only the tag goes: the image keeps ${otherTags.length} other tag${otherTags.length > 1 ? 's' : ''}.`);
  let choice: 'remove' | 'force' | undefined;
  if (users.length === 0 || otherTags.length) {
    choice = await confirm(ctx.host, 'remove image', lines, [
      { key: 'y', label: 'remove', value: 'remove' as const },
    ]);
  } else if (running.length) {
    ctx.store.say(`${what} is in use by running container${running.length > 1 ? 's' : ''} ${running.map((c) => c.name).join(', ')}: stop and remove ${running.length > 1 ? 'them' : 'it'} first.`, 'error');
    return;
  } else {
    lines.push(`Used by stopped container${users.length > 1 ? 's' : ''}: ${users.map((c) => c.name).join(', ')}.`);
    choice = await confirm(ctx.host, 'remove image', lines, [{ key: 'f', label: 'force remove', value: 'force' as const }]);
  }
  if (!choice) {
    ctx.store.say(`kept ${what}`);
    return;
  }
  await ctx.tasks.run(
    `removing ${what}`,
    () => ctx.engine.removeImage(row.ref ?? row.imageId, { force: choice === 'force' }),
    (r) => `removed ${what}: ${r.untagged.length} untagged, ${r.deleted.length} deleted`,
  );
}
