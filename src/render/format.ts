// Formatting shared by the tables: ages, sizes and ports, the way docker prints them.
// date-fns does the calendar arithmetic (one function file each: start-up cost); the words
// and cut-offs are docker's.
import { differenceInHours } from 'date-fns/differenceInHours';
import { differenceInSeconds } from 'date-fns/differenceInSeconds';
import type { PortBinding } from '../docker/containers.js';
import { formatBytes } from './stats.js';

/**
 * How long since `thenMs`, in the docker CLI's words ("Less than a second", "About a minute",
 * "3 hours", "2 weeks"), with its cut-offs: whole seconds and minutes, hours rounded to the
 * nearest, then days below two weeks, weeks below two months (of 30 days), months below two
 * years. A time in the future reads as "Less than a second", as in docker.
 */
export function age(thenMs: number, nowMs: number): string {
  if (!Number.isFinite(thenMs) || thenMs <= 0) return '';
  const seconds = differenceInSeconds(nowMs, thenMs);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = differenceInHours(nowMs, thenMs, { roundingMethod: 'round' });
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(differenceInHours(nowMs, thenMs) / 24 / 365)} years`;
}

/** "3 minutes ago". */
export function ago(thenMs: number, nowMs: number): string {
  const a = age(thenMs, nowMs);
  return a ? `${a} ago` : '';
}

/** Sizes as `docker images` shows them: decimal, three significant digits ("5.24MB", "1.2GB"). */
export function formatSize(bytes: number): string {
  return Number.isFinite(bytes) && bytes >= 0 ? formatBytes(bytes, 'decimal') : '';
}

/** Memory as `docker stats` shows it: binary units ("12.5MiB", "1.943GiB"). */
export function formatMemory(bytes: number): string {
  return Number.isFinite(bytes) && bytes >= 0 ? formatBytes(bytes, 'binary') : '';
}

/** "0.0.0.0:8080->80/tcp, 443/tcp", grouped like `docker ps`. */
export function formatPorts(ports: readonly PortBinding[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  const sorted = [...ports].sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
  for (const p of sorted) {
    const text = p.publicPort ? `${p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? p.ip : ''}${p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? ':' : ''}${p.publicPort}->${p.privatePort}/${p.type}` : `${p.privatePort}/${p.type}`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.join(', ');
}
