// Actions on a whole compose project: each asks first, listing what it will touch, then acts
// on exactly what it listed (a container gone meanwhile is reported, not skipped silently; one
// that joined the project meanwhile is left alone, and the report names it).
import type { ContainerState, ContainerSummary } from '../../docker/containers.js';
import { COMPOSE_PROJECT } from '../../render/containers.js';
import { confirm } from '../../widgets/dialogs.js';
import { runBulk, runEach, type Step } from '../bulk.js';
import type { ScreenContext } from '../context.js';
import type { Project } from './table.js';

interface ProjectVerb {
  readonly verb: string;
  readonly past: string;
  /** Which of the project's containers it applies to. */
  readonly states?: readonly ContainerState[];
  run(ctx: ScreenContext, c: ContainerSummary): Promise<unknown>;
}

export const PROJECT_VERBS = {
  stop: { verb: 'stop', past: 'stopped', states: ['running', 'paused', 'restarting'], run: (ctx, c) => ctx.engine.stopContainer(c.id, { timeoutSec: 10 }) },
  start: { verb: 'start', past: 'started', states: ['exited', 'created', 'dead'], run: (ctx, c) => ctx.engine.startContainer(c.id) },
  restart: { verb: 'restart', past: 'restarted', run: (ctx, c) => ctx.engine.restartContainer(c.id, { timeoutSec: 10 }) },
  pause: { verb: 'pause', past: 'paused', states: ['running'], run: (ctx, c) => ctx.engine.pauseContainer(c.id) },
  unpause: { verb: 'unpause', past: 'unpaused', states: ['paused'], run: (ctx, c) => ctx.engine.unpauseContainer(c.id) },
  remove: { verb: 'remove', past: 'removed', run: (ctx, c) => ctx.engine.removeContainer(c.id, { force: true }) },
} satisfies Record<string, ProjectVerb>;

/**
 * After acting: the project's containers the engine has now that were not in it when the list
 * was shown (created while the question was open). They were not touched: the report says so.
 */
function joinedSince(ctx: ScreenContext, p: Project, past: string): () => Promise<string | undefined> {
  const known = new Set(p.containers.map((c) => c.id));
  return async () => {
    const joined = (await ctx.engine.listContainers({ all: true })).filter((c) => c.labels[COMPOSE_PROJECT] === p.name && !known.has(c.id));
    return joined.length ? `${joined.map((c) => c.name).join(', ')}: joined ${p.name} after the list, not ${past}` : undefined;
  };
}

export async function projectVerb(ctx: ScreenContext, p: Project, v: ProjectVerb): Promise<void> {
  const items = p.containers.filter((c) => !v.states || v.states.includes(c.state));
  if (!items.length) return ctx.store.say(`No container of ${p.name} to ${v.verb}.`, 'error');
  await runBulk(ctx, { verb: v.verb, past: v.past, noun: 'container', of: `of ${p.name}`, items, run: (c) => v.run(ctx, c), refresh: ['containers'], changed: joinedSince(ctx, p, v.past) });
}

/** compose down: containers, then the networks the project made, then (if asked) its volumes. */
export async function projectDown(ctx: ScreenContext, p: Project): Promise<void> {
  const owned = (labels: Readonly<Record<string, string>>) => labels[COMPOSE_PROJECT] === p.name;
  const [networks, volumes] = await Promise.all([ctx.engine.listNetworks(), ctx.engine.listVolumes()]);
  const nets = networks.filter((n) => owned(n.labels));
  const vols = volumes.filter((v) => owned(v.labels));
  const lines = [
    `Down ${p.name}: remove ${p.containers.length} container${p.containers.length === 1 ? '' : 's'} (running ones are killed)`,
    `  ${p.containers.map((c) => c.name).join(', ')}`,
    ...(nets.length ? [`and its networks: ${nets.map((n) => n.name).join(', ')}`] : []),
    vols.length ? `Its volumes (${vols.map((v) => v.name).join(', ')}) are kept unless you choose v.` : 'It has no volumes of its own.',
  ];
  const choice = await confirm(ctx.host, `down ${p.name}`, lines, [
    { key: 'y', label: 'down, keep volumes', value: 'keep' as const },
    ...(vols.length ? [{ key: 'v', label: 'down and remove volumes', value: 'volumes' as const }] : []),
  ]);
  if (!choice) return ctx.store.say(`${p.name} left as it was`);
  const steps: Step[] = [
    ...p.containers.map((c) => ({ id: c.id, name: c.name, past: 'removed', run: () => ctx.engine.removeContainer(c.id, { force: true }) })),
    ...nets.map((n) => ({ id: n.id, name: `network ${n.name}`, past: 'removed', run: () => ctx.engine.removeNetwork(n.id) })),
    ...(choice === 'volumes' ? vols.map((v) => ({ id: v.name, name: `volume ${v.name}`, past: 'removed', run: () => ctx.engine.removeVolume(v.name) })) : []),
  ];
  await runEach(ctx, `taking ${p.name} down`, steps, joinedSince(ctx, p, 'removed'));
  for (const k of ['containers', 'networks', 'volumes']) ctx.refresh(k);
}
