// Fuzzy matching for the command palette: the query's characters in order (not necessarily
// together), scored so that matches at word starts and runs of adjacent characters win,
// the way people abbreviate ("rst" for restart, "cp" for copy).

const WORD_START = /[\s.\-_:/(]/;

/** A score (higher is better) when every character of the query appears in order in the text, else undefined. */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const t = text.toLowerCase();
  // A plain substring is the best kind of match, the earlier the better.
  const at = t.indexOf(q);
  if (at >= 0) return 100 + q.length * 4 - Math.min(at, 50) / 10 + (at === 0 || WORD_START.test(t[at - 1]!) ? 20 : 0);
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return undefined;
    score += 1;
    if (found === prev + 1) score += 3;
    if (found === 0 || WORD_START.test(t[found - 1]!)) score += 5;
    score -= Math.min(found - ti, 10) / 10;
    prev = found;
    ti = found + 1;
  }
  return score;
}

/**
 * The score of an entry described by several texts (its name, key, description): each
 * word of the query must match one of them ("inspect volume" finds the volume's inspect
 * action through its hint and its description); the scores add up.
 */
export function bestScore(query: string, texts: readonly string[]): number | undefined {
  let total = 0;
  for (const word of query.split(/\s+/).filter(Boolean)) {
    let best: number | undefined;
    for (const text of texts) {
      const s = fuzzyScore(word, text);
      if (s !== undefined && (best === undefined || s > best)) best = s;
    }
    if (best === undefined) return undefined;
    total += best;
  }
  return total;
}
