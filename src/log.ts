// A file logger for --log FILE. A full-screen app must never write to the terminal,
// so without --log nothing is written anywhere.
import { appendFileSync } from 'node:fs';

export interface Logger {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export const silentLogger: Logger = { info() {}, error() {} };

export function fileLogger(path: string): Logger {
  const write = (level: string, msg: string) => {
    try {
      appendFileSync(path, `${new Date().toISOString()} ${level} ${msg}\n`);
    } catch {
      /* a log that cannot be written must not take the app down */
    }
  };
  return {
    info: (msg) => write('info', msg),
    error: (msg, err) => write('error', err instanceof Error ? `${msg}: ${err.stack ?? err.message}` : err === undefined ? msg : `${msg}: ${String(err)}`),
  };
}
