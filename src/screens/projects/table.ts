// Compose projects, found from the containers' labels alone (no compose file or CLI needed):
// each project's state, services and containers. Pure.
import type { ContainerSummary } from '../../docker/containers.js';
import { cell, lazyRow, type Column, type TableModel } from '../../render/cells.js';
import { COMPOSE_PROJECT, COMPOSE_SERVICE } from '../../render/containers.js';

export const WORKING_DIR = 'com.docker.compose.project.working_dir';

export interface Project {
  readonly name: string;
  readonly containers: readonly ContainerSummary[];
  readonly running: number;
  readonly services: readonly string[];
  readonly workingDir?: string;
}

export function projectsOf(containers: readonly ContainerSummary[]): Project[] {
  const by = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const p = c.labels[COMPOSE_PROJECT];
    if (p) by.set(p, [...(by.get(p) ?? []), c]);
  }
  return [...by.entries()]
    .map(([name, cs]) => {
      const dir = cs.map((c) => c.labels[WORKING_DIR]).find(Boolean);
      return {
        name,
        containers: [...cs].sort((a, b) => a.name.localeCompare(b.name)),
        running: cs.filter((c) => c.state === 'running').length,
        services: [...new Set(cs.map((c) => c.labels[COMPOSE_SERVICE] ?? '?'))].sort(),
        ...(dir ? { workingDir: dir } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const PROJECT_COLUMNS: readonly Column[] = [
  { title: 'PROJECT', min: 10, max: 30, flex: 1, priority: 0 },
  { title: 'STATE', min: 12, max: 14, flex: 0, priority: 0 },
  { title: 'SERVICES', min: 10, max: 40, flex: 2, priority: 1 },
  { title: 'CONTAINERS', min: 12, max: 60, flex: 2, priority: 2 },
  { title: 'DIRECTORY', min: 10, max: 50, flex: 1, priority: 3 },
];

export function projectTable(projects: readonly Project[], filter?: string): TableModel {
  const q = filter?.trim().toLowerCase();
  const rows = projects
    .filter((p) => !q || p.name.toLowerCase().includes(q) || p.services.some((s) => s.toLowerCase().includes(q)))
    .map((p) =>
      lazyRow(p.name, () => [
        cell(p.name),
        cell(`${p.running}/${p.containers.length} running`, p.running === p.containers.length ? 'ok' : p.running ? 'warn' : 'muted'),
        cell(p.services.join(', ')),
        cell(p.containers.map((c) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`)).join(', '), 'muted'),
        cell(p.workingDir ?? '', 'muted'),
      ]),
    );
  return { columns: PROJECT_COLUMNS, rows };
}
