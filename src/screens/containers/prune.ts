// x in the containers pane: remove the stopped containers, after listing each with its writable
// layer's size; then exactly those go, one by one, and the report says what changed meanwhile.
import { formatSize } from '../../render/format.js';
import type { ScreenContext } from '../context.js';
import { confirmPrune, namedResult, removedSentence } from '../prune-preview.js';

const sum = (xs: readonly { sizeRw?: number }[]) => xs.reduce((n, x) => n + (x.sizeRw ?? 0), 0);

export async function pruneContainersFlow(ctx: ScreenContext): Promise<void> {
  const preview = await ctx.tasks.run('looking for stopped containers', () => ctx.engine.stoppedContainers());
  if (!preview.ok || !preview.value) return;
  const { stopped, kept } = preview.value;
  const sized = stopped.some((c) => c.sizeRw !== undefined);
  const items = stopped.map((c) => ({ name: c.name, detail: `${c.sizeRw !== undefined ? formatSize(c.sizeRw) : '?'}  ${c.status}` }));
  const notes = ['Their volumes stay (prune them from the volumes pane). A container started meanwhile is not removed.'];
  if (!(await confirmPrune(ctx, { noun: 'container', what: 'stopped container', items, kept: kept.map((c) => c.name), ...(sized ? { total: formatSize(sum(stopped)) } : {}), notes }))) return;
  const nameOf = (id: string) => stopped.find((c) => c.id === id)?.name ?? id;
  await ctx.tasks.run(
    `removing ${stopped.length} stopped containers`,
    () => ctx.engine.removeStoppedContainers(stopped.map((c) => c.id)),
    (r) => removedSentence('container', namedResult(r, nameOf), formatSize(sum(stopped.filter((c) => r.removed.includes(c.id))))),
  );
  ctx.refresh('containers');
}
