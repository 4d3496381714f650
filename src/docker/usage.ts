// Small domain facts about containers that the list endpoint does not give.

/** Exact times, learned from events or inspect (the list has only a sentence). */
export interface ContainerTimes {
  readonly startedAtMs?: number;
  readonly finishedAtMs?: number;
  readonly exitCode?: number;
}

/** Live usage computed from a container's stats stream. */
export interface ContainerUsage {
  /** Percent of one CPU core, like docker stats (200 = two full cores). */
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly memoryLimit: number;
}

/** Parses an engine timestamp; the engine writes year 1 for "never". */
export function engineTime(iso: string | undefined): number | undefined {
  if (!iso || iso.startsWith('0001-')) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}
