// A point in time as people type it for a log window: a duration back from now ("10m",
// "1h30m", "2d"), a time today ("14:05"), or a date and time ("2026-11-29 14:00", or RFC 3339).
// Pure: `now` is given.

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds since the epoch, or a sentence saying what is wrong. Empty text: undefined (no bound). */
export function parseTimeSpec(text: string, nowMs: number): number | undefined | { error: string } {
  const t = text.trim();
  if (!t) return undefined;
  const dur = /^(?:\d+[smhdw])+$/i.test(t) ? [...t.toLowerCase().matchAll(/(\d+)([smhdw])/g)] : undefined;
  if (dur) return nowMs - dur.reduce((n, [, v, u]) => n + Number(v) * UNIT_MS[u!]!, 0);
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (clock) {
    const [h, m, sec] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || sec > 59) return { error: `"${t}" is not a time of day` };
    const d = new Date(nowMs);
    d.setHours(h, m, sec, 0);
    return d.getTime();
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (full) {
    const [y, mo, d, h, mi, s] = full.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const date = new Date(y, mo - 1, d, h, mi, s);
    if (date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59 || s > 59) return { error: `"${t}" is not a date` };
    return date.getTime();
  }
  const iso = Date.parse(t);
  if (/^\d{4}-\d{2}-\d{2}T/.test(t) && Number.isFinite(iso)) return iso;
  return { error: `"${t}" is not a time: write a duration like 10m, 2h or 1d, a time like 14:05, or a date like 2026-11-29 14:00` };
}

export interface LogWindow {
  /** Lines from the end to start with. */
  readonly tail?: number;
  /** Epoch milliseconds. */
  readonly since?: number;
  readonly until?: number;
}

/** Checks a log window typed as text; a sentence when it does not make sense. */
export function parseLogWindow(v: { lines: string; since: string; until: string }, nowMs: number): LogWindow | { error: string } {
  const lines = v.lines.trim();
  if (lines && !/^\d+$/.test(lines)) return { error: `lines must be a number (or empty for all), not "${lines}"` };
  const since = parseTimeSpec(v.since, nowMs);
  if (since && typeof since === 'object') return { error: `since: ${since.error}` };
  const until = parseTimeSpec(v.until, nowMs);
  if (until && typeof until === 'object') return { error: `until: ${until.error}` };
  if (since !== undefined && until !== undefined && until <= since) return { error: 'until is before since: nothing could show' };
  if (since !== undefined && since > nowMs) return { error: 'since is in the future' };
  return { ...(lines ? { tail: Number(lines) } : {}), ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
}
