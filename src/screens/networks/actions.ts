// What the networks pane's keys do: create, remove, connect and disconnect a container,
// prune with a preview, inspect.
import { isPredefinedNetwork, type NetworkSummary } from '../../docker/networks.js';
import { networkNameProblem, subnetProblem } from '../../docker/network-input.js';
import { itemsOf } from '../../state/resources.js';
import { confirm, form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';
import { jsonLines, type InspectSource } from '../inspect-view.js';
import { confirmPrune, namedResult, removedSentence } from '../prune-preview.js';
import { parseLabels } from '../volumes/actions.js';
import { containersByNetwork } from './table.js';

const DRIVERS = ['bridge', 'macvlan', 'ipvlan', 'overlay'];

export async function createNetworkFlow(ctx: ScreenContext): Promise<string | undefined> {
  const v = await form(ctx.host, {
    title: 'create network',
    fields: [
      { kind: 'text', name: 'name', label: 'name', value: '' },
      { kind: 'choice', name: 'driver', label: 'driver', value: 'bridge', options: DRIVERS },
      { kind: 'text', name: 'subnet', label: 'subnet', value: '', placeholder: '(the engine picks one) e.g. 10.20.0.0/24' },
      { kind: 'text', name: 'gateway', label: 'gateway', value: '', placeholder: '(the first address of the subnet)' },
      { kind: 'choice', name: 'internal', label: 'internal', value: 'no', options: ['no', 'yes'] },
      { kind: 'text', name: 'labels', label: 'labels', value: '', placeholder: 'KEY=VALUE, ...' },
    ],
    validate: (x) => {
      const name = x.name!.trim();
      if (!name) return 'Cannot create: a network needs a name.';
      const problem = networkNameProblem(name) ?? subnetProblem(x.subnet!.trim(), x.gateway!.trim() || undefined);
      if (problem) return `Cannot create: ${problem}.`;
      const labels = parseLabels(x.labels!);
      return typeof labels === 'string' ? `Cannot create: ${labels}.` : undefined;
    },
  });
  if (!v) return undefined;
  const name = v.name!.trim();
  const subnet = v.subnet!.trim();
  const gateway = v.gateway!.trim();
  const r = await ctx.tasks.run(
    `creating network ${name}`,
    () =>
      ctx.engine.createNetwork({ name, driver: v.driver!, ...(subnet ? { subnet } : {}), ...(gateway ? { gateway } : {}), internal: v.internal === 'yes', labels: parseLabels(v.labels!) as Record<string, string> }),
    (n) => `created network ${n.name}`,
  );
  ctx.refresh('networks');
  return r.value?.id;
}

export async function removeNetworkFlow(ctx: ScreenContext, n: NetworkSummary): Promise<void> {
  const users = containersByNetwork(itemsOf(ctx.store.snapshot, CONTAINERS)).get(n.name) ?? [];
  const lines = [`Remove network ${n.name} (${n.driver}${n.subnets.length ? `, ${n.subnets.join(', ')}` : ''})?`];
  if (users.length) lines.push(`Attached: ${users.map((c) => c.name).join(', ')}: the engine refuses while they are.`);
  const yes = await confirm(ctx.host, 'remove network', lines, [{ key: 'y', label: 'remove', value: 'yes' as const }]);
  if (yes !== 'yes') return ctx.store.say(`kept ${n.name}`);
  await ctx.tasks.run(`removing network ${n.name}`, () => ctx.engine.removeNetwork(n.id), () => `removed network ${n.name}`);
  ctx.refresh('networks');
}

export async function connectFlow(ctx: ScreenContext, n: NetworkSummary): Promise<void> {
  const containers = itemsOf(ctx.store.snapshot, CONTAINERS);
  const candidates = containers.filter((c) => !c.networks.includes(n.name));
  const v = await form(ctx.host, {
    title: `connect a container to ${n.name}`,
    fields: [{ kind: 'text', name: 'container', label: 'container', value: candidates[0]?.name ?? '', placeholder: 'a container name or id' }],
    help: ctx.host.keys.hint('prompt'),
    validate: (x) => {
      const want = x.container!.trim();
      if (!want) return 'Name a container.';
      const c = containers.find((k) => k.name === want || k.id.startsWith(want));
      if (!c) return `No container ${want}.`;
      return c.networks.includes(n.name) ? `${c.name} is already connected to ${n.name}.` : undefined;
    },
  });
  if (!v) return;
  const want = v.container!.trim();
  const c = containers.find((k) => k.name === want || k.id.startsWith(want))!;
  await ctx.tasks.run(`connecting ${c.name} to ${n.name}`, () => ctx.engine.connectNetwork(n.id, c.id), () => `connected ${c.name} to ${n.name}`);
  ctx.refresh('containers');
}

export async function disconnectFlow(ctx: ScreenContext, n: NetworkSummary): Promise<void> {
  const attached = containersByNetwork(itemsOf(ctx.store.snapshot, CONTAINERS)).get(n.name) ?? [];
  if (!attached.length) return ctx.store.say(`No container is connected to ${n.name}.`, 'error');
  const v = await form(ctx.host, {
    title: `disconnect from ${n.name}`,
    fields: [{ kind: 'choice', name: 'container', label: 'container', value: attached[0]!.name, options: attached.map((c) => c.name) }],
  });
  if (!v) return;
  const c = attached.find((k) => k.name === v.container)!;
  await ctx.tasks.run(`disconnecting ${c.name} from ${n.name}`, () => ctx.engine.disconnectNetwork(n.id, c.id), () => `disconnected ${c.name} from ${n.name}`);
  ctx.refresh('containers');
}

export async function pruneNetworksFlow(ctx: ScreenContext): Promise<void> {
  const preview = await ctx.tasks.run('looking for unused networks', () => ctx.engine.unusedNetworks());
  if (!preview.ok || !preview.value) return;
  const { unused, kept } = preview.value;
  const items = unused.map((n) => ({ name: n.name, detail: `${n.driver}${n.subnets.length ? ` ${n.subnets.join(', ')}` : ''}` }));
  if (!(await confirmPrune(ctx, { noun: 'network', items, kept: kept.map((k) => k.name) }))) return;
  await ctx.tasks.run(`removing ${unused.length} networks`, () => ctx.engine.removeNetworks(unused.map((n) => n.id)), (r) => removedSentence('network', namedResult(r, (id) => unused.find((n) => n.id === id)?.name ?? id)));
  ctx.refresh('networks');
}

export function networkInspectSource(ctx: ScreenContext, n: NetworkSummary): InspectSource {
  return { title: `network ${n.name}`, fileName: `${n.name}.json`, load: async () => jsonLines(await ctx.engine.inspectNetwork(n.id)) };
}

/** Why the selected network cannot be changed, before any call. */
export function protectedReason(n: NetworkSummary | undefined): string | undefined {
  return n && isPredefinedNetwork(n.name) ? `${n.name} is one of the engine's predefined networks (bridge, host, none): it cannot be removed.` : undefined;
}
