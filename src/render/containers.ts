// Container list -> table rows. Pure: same data and options, same rows.
import type { ContainerState, ContainerSummary } from '../docker/containers.js';
import { cell, type Column, type Meaning, type TableModel } from './cells.js';

export interface ContainerViewOptions {
  /** Show stopped containers too (docker ps -a). */
  readonly all: boolean;
}

export const CONTAINER_COLUMNS: readonly Column[] = [
  { title: 'NAME', min: 8, max: 40, flex: 2, priority: 0 },
  { title: 'IMAGE', min: 8, max: 40, flex: 1, priority: 2 },
  { title: 'STATE', min: 7, max: 10, flex: 0, priority: 1 },
  { title: 'STATUS', min: 10, max: 28, flex: 1, priority: 1 },
];

export function stateMeaning(state: ContainerState, health?: string): Meaning {
  if (health === 'unhealthy') return 'error';
  switch (state) {
    case 'running':
      return health === 'starting' ? 'warn' : 'ok';
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'warn';
    case 'dead':
      return 'error';
    case 'exited':
    case 'created':
      return 'muted';
    default:
      return 'normal';
  }
}

/** Running first, then by name: the order people scan a list in. */
function byStateThenName(a: ContainerSummary, b: ContainerSummary): number {
  const ra = a.state === 'running' ? 0 : 1;
  const rb = b.state === 'running' ? 0 : 1;
  return ra - rb || a.name.localeCompare(b.name);
}

export function visibleContainers(list: readonly ContainerSummary[], opts: ContainerViewOptions): ContainerSummary[] {
  return list.filter((c) => opts.all || c.state === 'running' || c.state === 'paused' || c.state === 'restarting').sort(byStateThenName);
}

export function containerTable(list: readonly ContainerSummary[], opts: ContainerViewOptions): TableModel {
  const rows = visibleContainers(list, opts).map((c) => {
    const meaning = stateMeaning(c.state, c.health);
    return {
      id: c.id,
      cells: [cell(c.name), cell(c.image, 'muted'), cell(c.state, meaning), cell(c.status, meaning === 'ok' ? 'normal' : meaning)],
    };
  });
  return { columns: CONTAINER_COLUMNS, rows };
}
