// The detail view's Health: the status and healthcheck, the engine's last probe results,
// and a timeline of the container's life (start, die with its exit code, oom, kill,
// restart, health changes) from the events stream.
import type { ContainerDetails } from '../../docker/container-inspect.js';
import type { DockerEvent } from '../../docker/events.js';
import { signalName } from '../../docker/signals.js';
import { stripControl } from '../text.js';
import { field, goDuration } from './lines.js';

/** The event actions the timeline shows (the engine sends `health_status: healthy`). */
export const TIMELINE_ACTIONS = ['start', 'die', 'oom', 'kill', 'restart', 'health_status', 'rename', 'stop', 'pause', 'unpause'] as const;

function checkText(d: ContainerDetails): string {
  const h = d.healthcheck!;
  const [kind, ...rest] = h.test;
  const test = kind === 'CMD-SHELL' ? `${rest.join(' ')} (in a shell)` : kind === 'CMD' ? JSON.stringify(rest) : JSON.stringify(h.test);
  const every = (ns: number | undefined, fallback: string) => (ns ? goDuration(ns) : `${fallback} (default)`);
  return `${test} · every ${every(h.intervalNs, '30s')} · timeout ${every(h.timeoutNs, '30s')} · start period ${every(h.startPeriodNs, '0s')} · retries ${h.retries ?? '3 (default)'}`;
}

/** One timeline line for an event: "2026-11-28T09:19:59.425Z  die (exit code 3)". */
export function timelineLine(ev: DockerEvent): string {
  const a = ev.attributes;
  let what = ev.action;
  if (ev.action === 'die') what = `die (exit code ${a.exitCode ?? '?'})`;
  else if (ev.action === 'kill' && a.signal) {
    const name = signalName(Number(a.signal));
    what = `kill (signal ${a.signal}${name ? ` ${name}` : ''})`;
  } else if (ev.action === 'rename' && a.oldName) what = `rename (was ${a.oldName.replace(/^\//, '')})`;
  return `${new Date(ev.timeMs).toISOString()}  ${what}`;
}

function probeLines(d: ContainerDetails): string[] {
  if (!d.healthLog.length) return ['  no probe has run yet'];
  // Newest first: the engine keeps the last five, oldest first.
  return [...d.healthLog].reverse().flatMap((p) => {
    const took = Date.parse(p.end) - Date.parse(p.start);
    const out = stripControl(p.output.replace(/\s+/g, ' ').trim());
    return [`  ${p.start}  exit ${p.exitCode}${Number.isFinite(took) && took >= 0 ? `  ${took}ms` : ''}${out ? `  ${out}` : ''}`];
  });
}

export function healthLines(d: ContainerDetails, timeline: readonly DockerEvent[]): string[] {
  const events = timeline.length ? [...timeline].reverse().map((e) => `  ${timelineLine(e)}`) : ['  no events yet'];
  const head = d.healthcheck
    ? [...field('status', `${d.health ?? 'none'} · failing streak ${d.failingStreak}`), ...field('check', checkText(d)), '', 'last probes (newest first)', ...probeLines(d)]
    : [...field('status', 'no healthcheck configured')];
  return [...head, '', 'events (newest first)', ...events];
}
