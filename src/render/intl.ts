// The ICU-backed helpers (grapheme segmenter, natural-order collator), each made the first
// time it is needed: at start-up none is (the first screen may have no text to measure),
// an ICU object cannot go into the startup snapshot (scripts/snapshot), and one made on first
// use follows the locale of the run, not of the build.

let segmenter: Intl.Segmenter | undefined;
let collator: Intl.Collator | undefined;

/** The user-perceived characters of `s`, in order. */
export function graphemes(s: string): Iterable<Intl.SegmentData> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(s);
}

/** Compares names as people read them: case aside, numbers by value (web-2 before web-10). */
export function compareNatural(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b);
}

/** Drops the ICU objects made so far: the startup snapshot's warm-up (src/warm-up.ts) may not keep any. */
export function forgetIntl(): void {
  segmenter = undefined;
  collator = undefined;
}
