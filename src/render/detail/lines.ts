// Shared pieces of the container detail's sections: labelled fields, engine times with
// their age, and Go durations, so every section prints them the same way.
import { stripControl } from '../text.js';
import { ago } from '../format.js';

const LABEL_WIDTH = 15;

/** "label        value", continuation values indented under the first. */
export function field(label: string, values: string | readonly string[]): string[] {
  const list = typeof values === 'string' ? [values] : values.length ? values : ['(none)'];
  return list.map((v, i) => `${(i === 0 ? label : '').padEnd(LABEL_WIDTH)}${stripControl(v)}`);
}

/** The engine's time exactly as inspect gives it, then its age: "2026-11-28T09:19:57.285326012Z (3 minutes ago)". */
export function engineTime(iso: string | undefined, now: number, never = 'never'): string {
  if (!iso) return never;
  const age = ago(Date.parse(iso), now);
  return age ? `${iso} (${age})` : iso;
}

const UNITS: readonly [string, number][] = [
  ['h', 3600e9],
  ['m', 60e9],
  ['s', 1e9],
  ['ms', 1e6],
  ['µs', 1e3],
  ['ns', 1],
];

/** Nanoseconds as Go prints a time.Duration, as docker shows healthcheck intervals: "1m30s", "100ms". */
export function goDuration(ns: number): string {
  if (!Number.isFinite(ns) || ns <= 0) return '0s';
  if (ns < 1e9) {
    const [unit, size] = UNITS.find(([, s]) => ns >= s && s < 1e9)!;
    return `${+(ns / size).toFixed(3)}${unit}`;
  }
  let rest = ns;
  let out = '';
  for (const [unit, size] of UNITS.slice(0, 2)) {
    const n = Math.floor(rest / size);
    if (n || out) out += `${n}${unit}`;
    rest -= n * size;
  }
  return `${out}${+(rest / 1e9).toFixed(9)}s`;
}

/** A command as the engine stores it: a JSON array, or "(none)". */
export function commandText(parts: readonly string[]): string {
  return parts.length ? JSON.stringify(parts) : '(none)';
}

/**
 * The value a detail line shows, for copying: a JSON member's value (quotes off), a
 * variable's value (NAME=value), a field's value (after its label column), else the line.
 */
export function lineValue(line: string): string {
  const json = /^\s*"[^"]*":\s*(.*?),?\s*$/.exec(line);
  if (json) {
    const v = json[1]!;
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === 'string' ? parsed : v;
    } catch {
      return v;
    }
  }
  const variable = /^\s*[A-Za-z_][A-Za-z0-9_]*=(.*)$/.exec(line);
  if (variable) return variable[1]!;
  return (line.length > LABEL_WIDTH ? line.slice(LABEL_WIDTH).trim() : '') || line.trim();
}
