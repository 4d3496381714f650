// Search and filter over log lines: which lines match, and where in a line to highlight.
// Queries are literal text (a regular expression from a user is a foot-gun on 10,000 lines),
// case-insensitive unless they contain an upper-case letter ("smart case").
import type { LogStream, ParsedLine } from './log-lines.js';
import { stripSgr } from './log-sanitize.js';

export type StreamFilter = 'all' | 'stdout' | 'stderr';

export const STREAM_FILTERS: readonly StreamFilter[] = ['all', 'stdout', 'stderr'];

/** Most ranges highlighted in one line: enough to see, bounded for a line of "aaaa...". */
export const MAX_RANGES = 256;

export interface Matcher {
  readonly query: string;
  /** Does the (plain, SGR-free) text contain the query? */
  test(plain: string): boolean;
  /** [start, end) index ranges of the matches in the plain text, in order, not overlapping. */
  ranges(plain: string): Array<readonly [number, number]>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for the query, or undefined for an empty query. */
export function makeMatcher(query: string): Matcher | undefined {
  if (query === '') return undefined;
  const smartCase = query !== query.toLowerCase();
  // A literal pattern with the u flag: case folding keeps indexes aligned with the text
  // (toLowerCase() can change a string's length).
  const flags = smartCase ? 'gu' : 'giu';
  const re = new RegExp(escapeRegExp(query), flags);
  const once = new RegExp(escapeRegExp(query), smartCase ? 'u' : 'iu');
  return {
    query,
    test: (plain) => (smartCase ? plain.includes(query) : once.test(plain)),
    ranges(plain) {
      const out: Array<readonly [number, number]> = [];
      re.lastIndex = 0;
      for (let m = re.exec(plain); m && out.length < MAX_RANGES; m = re.exec(plain)) {
        out.push([m.index, m.index + m[0].length]);
      }
      return out;
    },
  };
}

/** Does a line match the query? berth's own marker lines never do. */
export function lineMatches(line: ParsedLine, matcher: Matcher): boolean {
  return line.stream !== 'event' && matcher.test(stripSgr(line.text));
}

/**
 * Does a line pass the stream filter? Marker lines always do; so do TTY lines, whose stdout
 * and stderr the engine has already merged.
 */
export function passesStream(stream: LogStream | 'event', filter: StreamFilter): boolean {
  return filter === 'all' || stream === 'event' || stream === 'tty' || stream === filter;
}

export function nextStreamFilter(f: StreamFilter): StreamFilter {
  return STREAM_FILTERS[(STREAM_FILTERS.indexOf(f) + 1) % STREAM_FILTERS.length]!;
}
