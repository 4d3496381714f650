// Formatting shared by the tables: ages, sizes and ports, the way docker prints them.
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import type { PortBinding } from '../docker/containers.js';
import { formatBytes } from './stats.js';

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
