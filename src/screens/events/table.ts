// Engine events -> table rows, newest first. Pure.
import type { DockerEvent } from '../../docker/events.js';
import { cell, lazyRow, type Column, type Meaning, type TableModel } from '../../render/cells.js';

export const EVENT_TYPES = ['all', 'container', 'image', 'volume', 'network', 'daemon'] as const;
export type EventTypeFilter = (typeof EVENT_TYPES)[number];

export const EVENT_COLUMNS: readonly Column[] = [
  { title: 'TIME', min: 8, max: 12, flex: 0, priority: 0 },
  { title: 'TYPE', min: 9, max: 9, flex: 0, priority: 2 },
  { title: 'ACTION', min: 8, max: 24, flex: 0, priority: 1 },
  { title: 'NAME', min: 10, max: 40, flex: 1, priority: 0 },
  { title: 'DETAILS', min: 10, max: 200, flex: 3, priority: 3 },
];

const QUIET_ATTRIBUTES = new Set(['name', 'image', 'container']);

/** The object's name as a person knows it (a container's name, a network's name, an image reference). */
export function eventName(ev: DockerEvent): string {
  return ev.attributes.name ?? ev.attributes.image ?? (ev.id.length > 12 && /^[0-9a-f]+$/.test(ev.id) ? ev.id.slice(0, 12) : ev.id);
}

function meaningOf(ev: DockerEvent): Meaning {
  if (/^(die|oom|kill|destroy|delete|untag|health_status: unhealthy)/.test(ev.action)) return ev.action === 'die' && ev.attributes.exitCode === '0' ? 'normal' : 'warn';
  if (/^(start|create|health_status: healthy|pull|tag|connect)/.test(ev.action)) return 'ok';
  return 'normal';
}

const time = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

export function eventTable(events: readonly DockerEvent[], o: { type: EventTypeFilter; filter?: string }): TableModel {
  const q = o.filter?.trim().toLowerCase();
  const rows = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]!;
    if (o.type !== 'all' && ev.type !== o.type) continue;
    const details = Object.entries(ev.attributes)
      .filter(([k]) => !QUIET_ATTRIBUTES.has(k) && !k.startsWith('com.docker.compose.config'))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const name = eventName(ev);
    if (q && ![ev.type, ev.action, name, details, ev.id].some((x) => x.toLowerCase().includes(q))) continue;
    rows.push(lazyRow(`${i}`, () => [cell(time(ev.timeMs), 'muted'), cell(ev.type, 'muted'), cell(ev.action, meaningOf(ev)), cell(name), cell(details, 'muted')]));
  }
  return { columns: EVENT_COLUMNS, rows };
}
