// The status bar's content: where we are connected, how the endpoint was chosen, counts, state.
import type { Cell } from './cells.js';
import { cell } from './cells.js';

export interface StatusInput {
  readonly endpointUrl: string;
  readonly endpointSource: string;
  /** The engine and its version ("docker 20.10.24", "podman 4.3.1"). */
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
    // Before the URL, which can be long: which engine this is stays in view on narrow terminals.
    ...(s.engineVersion ? [cell(s.engineVersion, 'muted')] : []),
    cell(s.endpointUrl, 'accent'),
    cell(`(${s.endpointSource})`, 'muted'),
  ];
}
