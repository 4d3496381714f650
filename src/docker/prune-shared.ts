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

/**
 * Runs `remove` for each name, `concurrency` at a time (one by default); a failure is kept with
 * its reason and the rest go on. The result keeps the names' order, however they finish.
 */
export async function removeEach(names: readonly string[], remove: (name: string) => Promise<void>, concurrency = 1): Promise<RemoveMany> {
  const outcome: (string | undefined)[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      try {
        await remove(names[i]!);
      } catch (err) {
        outcome[i] = err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, names.length)) }, worker));
  const result: RemoveMany = { removed: [], failed: [] };
  names.forEach((name, i) => (outcome[i] === undefined ? result.removed.push(name) : result.failed.push({ name, reason: outcome[i]! })));
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
