// The status bar's content: where we are connected, how the endpoint was chosen, counts, state.
import type { Cell } from './cells.js';
import { cell } from './cells.js';

export interface StatusInput {
  readonly endpointUrl: string;
  readonly endpointSource: string;
  /** The engine's version ("20.10.24"), named when it is not Docker ("podman 4.3.1"). */
  readonly engineVersion?: string;
  readonly connection: 'connecting' | 'connected' | 'disconnected';
  readonly running: number;
  readonly total: number;
  readonly images: number;
}

/** Most important first: the bar is cut from the right on narrow terminals. */
export function statusCells(s: StatusInput): Cell[] {
  const other = !!s.engineVersion && /^[a-z]/i.test(s.engineVersion);
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
    // An engine other than Docker is named before the URL (which can be long), so it stays in view.
    ...(other ? [cell(s.engineVersion!, 'warn')] : []),
    cell(s.endpointUrl, 'accent'),
    cell(`(${s.endpointSource}${s.engineVersion && !other ? `, engine ${s.engineVersion}` : ''})`, 'muted'),
  ];
}
