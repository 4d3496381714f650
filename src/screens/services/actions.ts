// What the services pane's keys do: scale (a dialog), update the image, roll back, remove.
// Bad input is refused in the dialog with a sentence, before anything reaches the engine.
import { checkReference } from '../../docker/reference.js';
import { replicasProblem, type ServiceSummary } from '../../docker/services.js';
import { confirm, form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import { SERVICES } from './resource.js';

export async function scaleFlow(ctx: ScreenContext, s: ServiceSummary): Promise<void> {
  if (s.mode !== 'replicated') return ctx.store.say(`${s.name} runs in ${s.mode} mode (one task per node): it cannot be scaled.`, 'error');
  const v = await form(ctx.host, {
    title: `scale ${s.name}`,
    fields: [{ kind: 'text', name: 'replicas', label: 'replicas', value: String(s.desired) }],
    help: `now ${s.running}/${s.desired} running · ${ctx.host.keys.hint('prompt')}`,
    validate: (x) => replicasProblem(x.replicas ?? ''),
  });
  if (!v) return;
  const n = Number(v.replicas!.trim());
  if (n === s.desired) return ctx.store.say(`${s.name} already asks for ${n} replica${n === 1 ? '' : 's'}`);
  await ctx.tasks.run(`scaling ${s.name} to ${n}`, () => ctx.engine.scaleService(s.id, n), () => `${s.name} scaled to ${n} (was ${s.desired})`);
  ctx.refresh(SERVICES.kind);
}

export async function updateImageFlow(ctx: ScreenContext, s: ServiceSummary): Promise<void> {
  const v = await form(ctx.host, {
    title: `update the image of ${s.name}`,
    fields: [{ kind: 'text', name: 'image', label: 'image', value: s.image }],
    help: `the engine replaces the tasks by its update config; progress shows in the UPDATE column · ${ctx.host.keys.hint('prompt')}`,
    validate: (x) => {
      const r = checkReference(x.image!.trim());
      return typeof r === 'string' ? `"${x.image!.trim()}" is not an image reference: ${r}` : undefined;
    },
  });
  if (!v) return;
  const image = v.image!.trim();
  await ctx.tasks.run(`updating ${s.name}`, () => ctx.engine.updateServiceImage(s.id, image), (ref) => `${s.name}: rolling update to ${ref} started`);
  ctx.refresh(SERVICES.kind);
}

export async function rollbackFlow(ctx: ScreenContext, s: ServiceSummary): Promise<void> {
  if (!s.canRollBack) return ctx.store.say(`${s.name} has no previous version to roll back to.`, 'error');
  const yes = await confirm(ctx.host, 'roll back', [`Roll ${s.name} back to its previous version?`, `(now: ${s.image})`], [{ key: 'y', label: 'roll back', value: 'yes' as const }]);
  if (yes !== 'yes') return ctx.store.say(`${s.name} left as it is`);
  await ctx.tasks.run(`rolling back ${s.name}`, () => ctx.engine.rollbackService(s.id), () => `${s.name}: roll back started`);
  ctx.refresh(SERVICES.kind);
}

export async function removeServiceFlow(ctx: ScreenContext, s: ServiceSummary): Promise<void> {
  const yes = await confirm(ctx.host, 'remove service', [`Remove service ${s.name} and its ${s.running} running task${s.running === 1 ? '' : 's'}?`], [{ key: 'y', label: 'remove', value: 'yes' as const }]);
  if (yes !== 'yes') return ctx.store.say(`kept ${s.name}`);
  await ctx.tasks.run(`removing ${s.name}`, () => ctx.engine.removeService(s.id), () => `removed service ${s.name}`);
  ctx.refresh(SERVICES.kind);
}
