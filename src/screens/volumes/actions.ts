// What the volumes pane's keys do: create, remove, prune with a preview, inspect.
import type { VolumeSummary } from '../../docker/volumes.js';
import { volumeNameProblem } from '../../docker/volumes.js';
import { formatSize } from '../../render/format.js';
import { itemsOf } from '../../state/resources.js';
import { confirm, form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';
import { jsonLines, type InspectSource } from '../inspect-view.js';
import { confirmPrune, removedSentence } from '../prune-preview.js';
import { usersByVolume } from './table.js';

/** "KEY=VALUE, KEY2=VALUE2" -> labels; a sentence when a part has no '='. */
export function parseLabels(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `"${part}" is not KEY=VALUE`;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export async function createVolumeFlow(ctx: ScreenContext): Promise<string | undefined> {
  const v = await form(ctx.host, {
    title: 'create volume',
    fields: [
      { kind: 'text', name: 'name', label: 'name', value: '', placeholder: '(empty: the engine names it)' },
      { kind: 'text', name: 'driver', label: 'driver', value: 'local' },
      { kind: 'text', name: 'labels', label: 'labels', value: '', placeholder: 'KEY=VALUE, ...' },
    ],
    validate: (x) => {
      const name = x.name!.trim();
      const labels = parseLabels(x.labels!);
      if (name && volumeNameProblem(name)) return `Cannot create: ${volumeNameProblem(name)}.`;
      if (typeof labels === 'string') return `Cannot create: ${labels}.`;
      return undefined;
    },
  });
  if (!v) return undefined;
  const name = v.name!.trim();
  const r = await ctx.tasks.run(
    `creating volume ${name || '(anonymous)'}`,
    () => ctx.engine.createVolume({ ...(name ? { name } : {}), driver: v.driver!.trim() || 'local', labels: parseLabels(v.labels!) as Record<string, string> }),
    (created) => `created volume ${created.name}`,
  );
  ctx.refresh('volumes');
  return r.value?.name;
}

export async function removeVolumeFlow(ctx: ScreenContext, vol: VolumeSummary): Promise<void> {
  const users = usersByVolume(itemsOf(ctx.store.snapshot, CONTAINERS)).get(vol.name) ?? [];
  const lines = [`Remove volume ${vol.name}? Its data is deleted.`];
  if (users.length) lines.push(`Used by ${users.map((c) => `${c.name} (${c.state})`).join(', ')}: the engine refuses while they exist.`);
  const yes = await confirm(ctx.host, 'remove volume', lines, [{ key: 'y', label: 'remove', value: 'yes' as const }]);
  if (yes !== 'yes') return ctx.store.say(`kept ${vol.name}`);
  await ctx.tasks.run(`removing volume ${vol.name}`, () => ctx.engine.removeVolume(vol.name), () => `removed volume ${vol.name}`);
  ctx.refresh('volumes');
}

export async function pruneVolumesFlow(ctx: ScreenContext): Promise<void> {
  const preview = await ctx.tasks.run('looking for unused volumes', () => ctx.engine.unusedVolumes({ sizes: true }));
  if (!preview.ok || !preview.value) return;
  const { unused, kept } = preview.value;
  const known = unused.filter((v) => v.size !== undefined);
  const total = known.reduce((n, v) => n + (v.size ?? 0), 0);
  const items = unused.map((v) => ({ name: v.name, ...(v.size !== undefined ? { detail: formatSize(v.size) } : {}) }));
  if (!(await confirmPrune(ctx, { noun: 'volume', items, kept: kept.map((k) => k.name), ...(known.length ? { total: formatSize(total) } : {}) }))) return;
  const names = unused.map((v) => v.name);
  await ctx.tasks.run(
    `removing ${names.length} volumes`,
    () => ctx.engine.removeVolumes(names),
    (r) => removedSentence('volume', r, formatSize(unused.filter((v) => r.removed.includes(v.name)).reduce((n, v) => n + (v.size ?? 0), 0))),
  );
  ctx.refresh('volumes');
}

export function volumeInspectSource(ctx: ScreenContext, vol: VolumeSummary): InspectSource {
  return {
    title: `volume ${vol.name}`,
    fileName: `${vol.name}.json`,
    async load() {
      const [details, users] = await Promise.all([ctx.engine.inspectVolume(vol.name), ctx.engine.volumeUsers(vol.name)]);
      return jsonLines({ ...details, usedBy: users.map((c) => ({ name: c.name, id: c.id, state: c.state })) });
    },
  };
}
