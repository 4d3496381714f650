// The list panes' filter rule, one for every kind: the query (trimmed, any case) matches a row
// when it is part of one of the row's words, the start of its id, or part of one of its
// labels written key=value.

/** The query as the rule compares it; undefined when there is none (every row matches). */
export function filterQuery(filter: string | undefined): string | undefined {
  return filter?.trim().toLowerCase() || undefined;
}

export interface FilterTarget {
  /** Names, images, drivers...: matched anywhere, in any case. */
  readonly words: readonly string[];
  /** Matched from its start (an id typed short). */
  readonly id?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export function matchesQuery(q: string | undefined, t: FilterTarget): boolean {
  if (!q) return true;
  if (t.words.some((w) => w.toLowerCase().includes(q))) return true;
  if (t.id?.startsWith(q)) return true;
  return Object.entries(t.labels ?? {}).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q));
}
