import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toContainerSummary } from '../../src/docker/containers.js';
import { containerTable, stateMeaning, visibleContainers } from '../../src/render/containers.js';

const raw = JSON.parse(readFileSync(new URL('./fixtures/containers-list.json', import.meta.url), 'utf8')) as Docker.ContainerInfo[];
const list = raw.map(toContainerSummary);

describe('container summaries from the engine', () => {
  it('drops the leading slash of names and keeps labels', () => {
    const labelled = list.find((c) => c.name === 'labelled');
    expect(labelled?.labels['com.docker.compose.project']).toBe('shop');
    expect(list.every((c) => !c.name.startsWith('/'))).toBe(true);
  });
});

describe('the containers table', () => {
  it('shows only running ones unless all is asked for', () => {
    const running = containerTable(list, { all: false }).rows.map((r) => r.cells[0]!.text);
    expect(running).not.toContain('web');
    expect(running).not.toContain('never-started');
    expect(running).toContain('db');
    const all = containerTable(list, { all: true }).rows.map((r) => r.cells[0]!.text);
    expect(all).toContain('web');
    expect(all).toContain('never-started');
  });

  it('puts running containers first, then by name', () => {
    const names = visibleContainers(list, { all: true }).map((c) => c.name);
    expect(names).toEqual(['db', 'labelled', 'worker', 'x22614', 'never-started', 'web']);
  });

  it('sorts names naturally, and reverses when asked', () => {
    const many = ['web-10', 'web-2', 'Web-1'].map((name, i) => ({ ...list[0]!, id: String(i), name, state: 'running' as const }));
    expect(visibleContainers(many, { all: true, sort: { key: 'name', descending: false } }).map((c) => c.name)).toEqual(['Web-1', 'web-2', 'web-10']);
    expect(visibleContainers(many, { all: true, sort: { key: 'name', descending: true } }).map((c) => c.name)).toEqual(['web-10', 'web-2', 'Web-1']);
  });

  it('filters by name, image, id prefix and label', () => {
    const names = (filter: string) => visibleContainers(list, { all: true, filter }).map((c) => c.name);
    expect(names('LABEL')).toEqual(['labelled']);
    expect(names('compose.project=shop')).toEqual(['labelled']);
    expect(names('never')).toEqual(['never-started']);
    expect(names(list[0]!.id.slice(0, 6))).toContain(list[0]!.name);
    expect(names('zzz-nothing')).toEqual([]);
  });

  it('leaves out the CPU and memory columns when stats are off', () => {
    const on = containerTable(list, { all: true });
    const off = containerTable(list, { all: true, stats: false });
    expect(on.columns.map((c) => c.title)).toContain('CPU %');
    expect(off.columns.map((c) => c.title)).not.toContain('CPU %');
    expect(off.columns.map((c) => c.title)).not.toContain('MEM');
    expect(off.rows[0]!.cells).toHaveLength(off.columns.length);
  });

  it('carries ids and a meaning for the state', () => {
    const rows = containerTable(list, { all: true }).rows;
    const web = rows.find((r) => r.cells[0]!.text === 'web')!;
    expect(web.id).toMatch(/^[0-9a-f]{64}$/);
    expect(web.cells[2]).toEqual({ text: 'exited', meaning: 'muted' });
    expect(web.cells[3]!.text).toContain('Exited (137)');
  });

  it('maps states to meanings', () => {
    expect(stateMeaning('running')).toBe('ok');
    expect(stateMeaning('running', 'unhealthy')).toBe('error');
    expect(stateMeaning('paused')).toBe('warn');
    expect(stateMeaning('dead')).toBe('error');
  });
});
