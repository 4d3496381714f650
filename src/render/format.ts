// Formatting shared by the tables: ages, sizes and ports, the way docker prints them.
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import type { PortBinding } from '../docker/containers.js';

/** "3 minutes", "2 hours": how long since `thenMs`, floored as docker does. */
export function age(thenMs: number, nowMs: number): string {
  if (!Number.isFinite(thenMs) || thenMs <= 0) return '';
  if (nowMs - thenMs < 1000) return 'less than a second';
  return formatDistanceStrict(thenMs, nowMs, { roundingMethod: 'floor' });
}

/** "3 minutes ago". */
export function ago(thenMs: number, nowMs: number): string {
  const a = age(thenMs, nowMs);
  return a ? `${a} ago` : '';
}

/** Sizes in decimal units with three significant digits, as `docker images` shows them ("5.24MB", "1.2GB"). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : Number(v.toPrecision(3))}${units[i]}`;
}

/** Binary units for memory, as `docker stats` shows them ("12.5MiB", "1.94GiB"). */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v.toFixed(0) : v.toFixed(v < 10 ? 2 : 1)}${units[i]}`;
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

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
