// Engine timestamps on log lines: parsing them off a line, an ordered key for each, and how
// the log view prints them (local time, or age in the tables' words).
import { ago } from './format.js';

// The engine writes RFC3339Nano with trailing zeros of the fraction trimmed.
/** The engine's timestamp prefix (RFC3339Nano, trailing zeros trimmed) and the space after it. */
export const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,9}))?(?:Z|[+-]\d\d:\d\d)) /;

export interface TimestampedText {
  readonly text: string;
  readonly ts?: string;
  readonly time?: number;
}

/** Parses an engine timestamp prefix off a line, when there is one. */
export function splitTimestamp(line: string): TimestampedText {
  const m = TS.exec(line);
  if (!m) return { text: line };
  const time = Date.parse(m[1]!);
  if (Number.isNaN(time)) return { text: line };
  return { text: line.slice(m[0].length), ts: m[1]!, time };
}

/**
 * A totally ordered key for an engine timestamp, in nanoseconds since the epoch: lines at or
 * before a key already shown are duplicates when a stream is reopened after a restart.
 */
export function timestampKey(ts: string): bigint | undefined {
  const m = TS.exec(ts + ' ');
  if (!m) return undefined;
  const whole = Date.parse(m[1]!.replace(/\.\d+/, ''));
  if (Number.isNaN(whole)) return undefined;
  return BigInt(whole) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time of a log line, one fixed width: "MM-dd HH:mm:ss.SSS". */
export function formatLogTime(time: number): string {
  const d = new Date(time);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export const LOG_TIME_WIDTH = 18;

/** How long ago a log line was written, in the words the tables use ("3 minutes ago"). */
export function formatLogAge(time: number, now: number): string {
  return ago(time, now) || 'Less than a second ago';
}

/** The longest age: "Less than a second ago". */
export const LOG_AGE_WIDTH = 22;
