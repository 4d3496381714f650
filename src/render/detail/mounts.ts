// The detail view's Mounts: one block per mount, destination first (what the container sees).
import type { MountSummary } from '../../docker/containers.js';
import { field } from './lines.js';

export function mountLines(mounts: readonly MountSummary[]): string[] {
  if (!mounts.length) return ['No mounts: the container has only its own filesystem.'];
  return mounts.flatMap((m, i) => [
    ...(i ? [''] : []),
    `${m.destination}  ${m.type}, ${m.readOnly ? 'read-only' : 'read-write'}`,
    ...(m.name ? field('  volume', m.name) : []),
    ...field('  source', m.source || '(none)'),
    ...(m.driver ? field('  driver', m.driver) : []),
    ...(m.mode ? field('  mode', m.mode) : []),
    ...(m.propagation ? field('  propagation', m.propagation) : []),
  ]);
}
