// What volumes and networks share: the keep label, removing a previewed list one by one,
// naming the containers that hold an object, and rewording the engine's refusals.
import type { ContainerSummary } from './containers.js';
import { DockerError, type DockerErrorKind } from './errors.js';

/** A volume or network labelled berth.keep=true is never offered for pruning. */
export const KEEP_LABEL = 'berth.keep';

export function isKept(labels: Readonly<Record<string, string>>): boolean {
  return labels[KEEP_LABEL] === 'true';
}

export interface RemoveMany {
  readonly removed: string[];
  readonly failed: { name: string; reason: string }[];
}

/** Runs `remove` for each name in turn; a failure is kept with its reason and the rest go on. */
export async function removeEach(names: readonly string[], remove: (name: string) => Promise<void>): Promise<RemoveMany> {
  const result: RemoveMany = { removed: [], failed: [] };
  for (const name of names) {
    try {
      await remove(name);
      result.removed.push(name);
    } catch (err) {
      result.failed.push({ name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

/** "web, db (stopped)": how containers are named in an "in use" sentence. */
export function containerNames(users: readonly Pick<ContainerSummary, 'name' | 'state'>[]): string {
  return users.map((c) => (c.state === 'running' ? c.name : c.state === 'paused' ? `${c.name} (paused)` : `${c.name} (stopped)`)).join(', ');
}

/** berth's sentence for an engine refusal, keeping the engine's status and words for the record. */
export function rephrase(err: DockerError, sentence: string, kind: DockerErrorKind = 'conflict'): DockerError {
  return new DockerError(kind, sentence, {
    ...(err.statusCode ? { statusCode: err.statusCode } : {}),
    ...(err.engineMessage ? { engineMessage: err.engineMessage } : {}),
    cause: err,
  });
}

export function byName<T extends { readonly name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name);
}
