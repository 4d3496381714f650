// The container actions: stop, start, restart, pause/unpause, remove.
import type { ContainerSummary } from '../../docker/containers.js';
import { DockerError } from '../../docker/errors.js';
import { confirm } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';

/** "already stopped" is not a failure worth an error colour. */
async function tolerateNotModified(fn: () => Promise<unknown>, sentence: string): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    if (err instanceof DockerError && err.kind === 'notModified') return sentence;
    throw err;
  }
}

export function stop(ctx: ScreenContext, c: ContainerSummary): void {
  void ctx.tasks.run(
    `stopping ${c.name}`,
    () => tolerateNotModified(() => ctx.engine.stopContainer(c.id, { timeoutSec: 10 }), `${c.name} was already stopped`),
    (note) => note ?? `stopped ${c.name}`,
  );
}

export function start(ctx: ScreenContext, c: ContainerSummary): void {
  void ctx.tasks.run(
    `starting ${c.name}`,
    () => tolerateNotModified(() => ctx.engine.startContainer(c.id), `${c.name} was already running`),
    (note) => note ?? `started ${c.name}`,
  );
}

export function restart(ctx: ScreenContext, c: ContainerSummary): void {
  void ctx.tasks.run(`restarting ${c.name}`, () => ctx.engine.restartContainer(c.id, { timeoutSec: 10 }), () => `restarted ${c.name}`);
}

export function togglePause(ctx: ScreenContext, c: ContainerSummary): void {
  if (c.state === 'paused') {
    void ctx.tasks.run(`unpausing ${c.name}`, () => ctx.engine.unpauseContainer(c.id), () => `unpaused ${c.name}`);
  } else {
    void ctx.tasks.run(`pausing ${c.name}`, () => ctx.engine.pauseContainer(c.id), () => `paused ${c.name}`);
  }
}

export async function remove(ctx: ScreenContext, c: ContainerSummary): Promise<void> {
  const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  const choice = running
    ? await confirm(ctx.host, 'remove container', [`${c.name} is ${c.state}.`, 'Force removal kills it first.'], [
        { key: 'f', label: 'force remove', value: 'force' as const },
        { key: 'n', label: 'no', value: 'no' as const },
      ])
    : await confirm(ctx.host, 'remove container', [`Remove ${c.name} (${c.image})?`], [
        { key: 'y', label: 'remove', value: 'remove' as const },
        { key: 'v', label: 'remove with its volumes', value: 'volumes' as const },
        { key: 'n', label: 'no', value: 'no' as const },
      ]);
  if (!choice || choice === 'no') {
    ctx.store.say(`kept ${c.name}`);
    return;
  }
  await ctx.tasks.run(
    `removing ${c.name}`,
    () => ctx.engine.removeContainer(c.id, { force: choice === 'force', volumes: choice === 'volumes' }),
    () => `removed ${c.name}`,
  );
}
