// What the nodes pane's keys do: drain (asks, and warns when no node would be left to run
// tasks), pause, activate.
import type { Availability, NodeSummary } from '../../docker/nodes.js';
import { itemsOf } from '../../state/resources.js';
import { confirm } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import { SERVICES } from '../services/resource.js';
import { NODES } from './resource.js';

const PAST: Record<Availability, string> = { active: 'active again', pause: 'paused', drain: 'drained' };

export async function setAvailabilityFlow(ctx: ScreenContext, n: NodeSummary, availability: Availability): Promise<void> {
  if (n.availability === availability) return ctx.store.say(`${n.hostname} is already ${availability === 'active' ? 'active' : PAST[availability]}.`);
  if (availability === 'drain') {
    const others = itemsOf(ctx.store.snapshot, NODES).filter((x) => x.id !== n.id && x.availability === 'active' && x.status === 'ready');
    const lines = [`Drain ${n.hostname}? Its tasks stop there${others.length ? ' and move to the other nodes' : ''}.`];
    if (!others.length) lines.push('No other node is active: every task stops until one is.');
    const yes = await confirm(ctx.host, 'drain node', lines, [{ key: 'y', label: 'drain', value: 'yes' as const }]);
    if (yes !== 'yes') return ctx.store.say(`${n.hostname} left as it is`);
  }
  await ctx.tasks.run(`setting ${n.hostname} to ${availability}`, () => ctx.engine.setNodeAvailability(n.id, availability), () => `${n.hostname} is ${PAST[availability]}`);
  ctx.refresh(NODES.kind);
  ctx.refresh(SERVICES.kind);
}
