// The status bar's content: where we are connected, how the endpoint was chosen, counts, state.
import type { Cell } from './cells.js';
import { cell } from './cells.js';

export interface StatusInput {
  readonly endpointUrl: string;
  readonly endpointSource: string;
  readonly engineVersion?: string;
  readonly connection: 'connecting' | 'connected' | 'disconnected';
  readonly connectionError?: string;
  readonly running: number;
  readonly total: number;
  readonly showingAll: boolean;
}

export function statusCells(s: StatusInput): Cell[] {
  const conn =
    s.connection === 'connected'
      ? cell('connected', 'ok')
      : s.connection === 'connecting'
        ? cell('connecting…', 'warn')
        : cell('disconnected, retrying', 'error');
  return [
    cell(s.endpointUrl, 'accent'),
    cell(`(${s.endpointSource})`, 'muted'),
    ...(s.engineVersion ? [cell(`engine ${s.engineVersion}`, 'muted')] : []),
    conn,
    cell(`${s.running} running / ${s.total} all`),
    cell(s.showingAll ? '[all]' : '[running]', 'muted'),
  ];
}
