// docker cp from a dialog: either direction, paths remembered for the session,
// validated before any transfer, and never overwriting without asking.
import type { ContainerSummary } from '../../docker/containers.js';
import { DockerError } from '../../docker/errors.js';
import { formatSize } from '../../render/format.js';
import { confirm, form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';

const FROM = 'container → host';
const TO = 'host → container';

export interface CopyMemory {
  direction: string;
  containerPath: string;
  hostPath: string;
}

export function newCopyMemory(cwd: string = process.cwd()): CopyMemory {
  return { direction: FROM, containerPath: '/', hostPath: cwd };
}

function describe(files: number, bytes: number, destination: string): string {
  return `copied ${files} file${files === 1 ? '' : 's'}, ${formatSize(bytes)} to ${destination}`;
}

export async function copyDialog(ctx: ScreenContext, c: ContainerSummary, memory: CopyMemory): Promise<void> {
  const values = await form(ctx.host, {
    title: `copy · ${c.name}`,
    fields: [
      { kind: 'choice', name: 'direction', label: 'direction', value: memory.direction, options: [FROM, TO] },
      { kind: 'text', name: 'containerPath', label: 'container path', value: memory.containerPath },
      { kind: 'text', name: 'hostPath', label: 'host path', value: memory.hostPath },
    ],
    validate: (v) => {
      if (!v.containerPath?.trim()) return 'Enter a path inside the container.';
      if (!v.containerPath.trim().startsWith('/')) return 'The container path must be absolute (start with /).';
      if (!v.hostPath?.trim()) return 'Enter a path on this host.';
      return undefined;
    },
  });
  if (!values) return;
  memory.direction = values.direction!;
  memory.containerPath = values.containerPath!.trim();
  memory.hostPath = values.hostPath!.trim();
  await runCopy(ctx, c, memory, false);
}

async function runCopy(ctx: ScreenContext, c: ContainerSummary, m: CopyMemory, overwrite: boolean): Promise<void> {
  const fromContainer = m.direction === FROM;
  let lastShown = 0;
  const onProgress = (bytes: number, files: number) => {
    const now = Date.now();
    if (now - lastShown < 250) return;
    lastShown = now;
    ctx.store.say(`copying… ${files} file${files === 1 ? '' : 's'}, ${formatSize(bytes)}`);
  };
  const label = fromContainer ? `copying ${c.name}:${m.containerPath} to ${m.hostPath}` : `copying ${m.hostPath} to ${c.name}:${m.containerPath}`;
  let conflict: DockerError | undefined;
  await ctx.tasks.run(
    label,
    async () => {
      try {
        return fromContainer
          ? await ctx.engine.copyFromContainer(c.id, m.containerPath, m.hostPath, { overwrite, onProgress })
          : await ctx.engine.copyToContainer(c.id, m.hostPath, m.containerPath, { overwrite, onProgress });
      } catch (err) {
        if (!overwrite && err instanceof DockerError && err.kind === 'conflict') {
          conflict = err;
          return undefined;
        }
        throw err;
      }
    },
    (r) => (r ? describe(r.files, r.bytes, r.destination) : undefined),
  );
  if (!conflict) return;
  const answer = await confirm(ctx.host, 'overwrite?', [conflict.message, 'Replace what is there?'], [
    { key: 'y', label: 'overwrite', value: 'yes' as const },
    { key: 'n', label: 'no', value: 'no' as const },
  ]);
  if (answer === 'yes') await runCopy(ctx, c, m, true);
  else ctx.store.say('copy cancelled: nothing was overwritten');
}
