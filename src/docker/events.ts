// The daemon's events stream: newline-delimited JSON, one event a line.
import type { DockerClient } from './client.js';
import { toDockerError, type DockerError } from './errors.js';
import { LineSplitter } from './lines.js';

export type DockerEventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config' | string;

export interface DockerEvent {
  readonly type: DockerEventType;
  readonly action: string;
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Nanoseconds since the epoch, as a number of milliseconds (precision beyond ms dropped). */
  readonly timeMs: number;
}

export interface Stoppable {
  stop(): void;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export function parseEvent(line: string): DockerEvent | undefined {
  if (!line.trim()) return undefined;
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  return {
    type: raw.Type ?? 'container',
    action: raw.Action ?? raw.status ?? '',
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {},
    timeMs: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
  };
}

export interface EventHandlers {
  onEvent(ev: DockerEvent): void;
  /** Called once when the stream has opened (the daemon answered). */
  onOpen?(): void;
  /** Called once when the stream ends for any reason other than stop(). */
  onEnd(err?: DockerError): void;
}

export interface WatchOptions {
  /**
   * Replays the engine's event history from this time (seconds since the epoch) before the
   * live events: one stream both back-fills and follows.
   */
  readonly sinceSec?: number;
  /** The engine's filters ({ container: [id], event: ['start', 'die'] }): only those events are sent. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

/** Opens the events stream. The returned handle closes it; onEnd is not called after stop(). */
export function watchEvents(docker: DockerClient, handlers: EventHandlers, opts: WatchOptions = {}): Stoppable {
  const abort = new AbortController();
  let ended = false;
  const end = (err?: DockerError) => {
    if (ended) return;
    ended = true;
    if (!abort.signal.aborted) handlers.onEnd(err);
  };
  const splitter = new LineSplitter();
  docker
    .getEvents({ abortSignal: abort.signal, ...(opts.sinceSec ? { since: opts.sinceSec } : {}), ...(opts.filters ? { filters: opts.filters as Record<string, string[]> } : {}) })
    .then((stream) => {
      if (abort.signal.aborted) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        return;
      }
      handlers.onOpen?.();
      stream.on('data', (chunk: Buffer) => {
        for (const line of splitter.push(chunk)) {
          const ev = parseEvent(line);
          if (ev) handlers.onEvent(ev);
        }
      });
      stream.on('error', (err: unknown) => end(toDockerError(err)));
      stream.on('end', () => end(toDockerError(new Error('The events stream was closed by the daemon.'))));
      stream.on('close', () => end(toDockerError(new Error('The events stream was closed.'))));
    })
    .catch((err: unknown) => end(toDockerError(err)));
  return {
    stop() {
      abort.abort();
    },
  };
}
