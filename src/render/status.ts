// The status bar's content: where we are connected, how the endpoint was chosen, counts, state.
import type { Cell } from './cells.js';
import { cell } from './cells.js';

export interface StatusInput {
  readonly endpointUrl: string;
  readonly endpointSource: string;
  readonly engineVersion?: string;
  readonly connection: 'connecting' | 'connected' | 'disconnected';
  readonly running: number;
  readonly total: number;
  readonly images: number;
}

/** Most important first: the bar is cut from the right on narrow terminals. */
export function statusCells(s: StatusInput): Cell[] {
  const conn =
    s.connection === 'connected'
      ? cell('● connected', 'ok')
      : s.connection === 'connecting'
        ? cell('connecting…', 'warn')
        : cell('disconnected, retrying', 'error');
  return [
    conn,
    cell(`${s.running}/${s.total} running`),
    cell(`${s.images} images`),
    cell(s.endpointUrl, 'accent'),
    cell(`(${s.endpointSource}${s.engineVersion ? `, engine ${s.engineVersion}` : ''})`, 'muted'),
  ];
}
