// Terminal text maths: how many columns a string takes, and cutting it to fit.
// Widths come from Unicode's East Asian Width data (get-east-asian-width, pinned) plus the
// emoji rules terminals follow. blessed measures with an older table of its own (emoji,
// newer wide characters such as Kana Supplement or Tangut, newer combining marks), so the
// render layer measures itself and hands widgets text on which blessed and the terminal agree.
import { eastAsianWidth } from 'get-east-asian-width';
import { BLESSED_WIDE, BLESSED_ZERO } from './blessed-widths.js';
import { graphemes } from './intl.js';

/** Control characters and the like never reach a table cell. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

/** Parses a generated table of "a-b c" hexadecimal ranges into sorted [from, to] pairs. */
function ranges(table: string): readonly (readonly [number, number])[] {
  return table.split(' ').map((r) => {
    const [from = '', to = from] = r.split('-');
    return [parseInt(from, 16), parseInt(to, 16)] as const;
  });
}

function inRanges(rs: readonly (readonly [number, number])[], cp: number): boolean {
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = rs[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

const BLESSED_ZERO_RANGES = ranges(BLESSED_ZERO);
const BLESSED_WIDE_RANGES = ranges(BLESSED_WIDE);

/** Marks, format characters and conjoining Hangul vowels and finals: no column of their own. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff\ud7b0-\ud7ff]/u;

/**
 * Columns a terminal gives one code point: Unicode's East Asian Width (wide and fullwidth
 * are two, ambiguous is one, as terminals do by default), none for controls and marks.
 * The soft hyphen is the one format character terminals show.
 */
function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp === 0xad) return 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  return eastAsianWidth(cp);
}

/** Columns blessed counts for a code point (its own, older table; see blessed-widths.ts). */
function blessedCodePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0xa0) return 1;
  if (inRanges(BLESSED_ZERO_RANGES, cp)) return 0;
  return inRanges(BLESSED_WIDE_RANGES, cp) ? 2 : 1;
}

/** Emoji clusters: terminals draw them two wide, blessed counts one (see facts.md). */
export const EMOJI = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\u200d|\ufe0f/u;

/** Width of one grapheme cluster in terminal columns (0, 1 or 2). */
export function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  // A cluster with an emoji presentation selector, a flag pair or a ZWJ sequence draws two wide.
  if (EMOJI.test(g) || (/\p{Extended_Pictographic}/u.test(g) && cp > 0x2fff)) return 2;
  let w = 0;
  for (const ch of g) w += codePointWidth(ch.codePointAt(0)!);
  // No cluster is drawn wider than two: a longer run of spacing marks (U+1D160 is three code
  // points) is where terminals disagree most, and fit() shows a stand-in if blessed does.
  return Math.min(w, 2);
}

/** Columns blessed counts for a grapheme cluster (the sum over its code points, as it does). */
export function blessedGraphemeWidth(g: string): number {
  let w = 0;
  for (const ch of g) w += blessedCodePointWidth(ch.codePointAt(0)!);
  return w;
}

/** Printable ASCII: one column a character, no segmentation needed (the common case, and hot). */
export const PLAIN = /^[\x20-\x7e]*$/;

/**
 * One column a UTF-16 unit, on which the terminal and blessed agree: printable ASCII and
 * Latin-1, the ellipsis and the arrows and marks berth's tables show ("demo · web#2",
 * "↕cpu"). Table cells are mostly these; the grapheme walk was most of a table's drawing.
 */
export const ONE_COLUMN = /^[\x20-\x7e\xa0-\xff\u2026\u2191\u2193\u2195\u25b6]*$/;

export function displayWidth(s: string): number {
  if (ONE_COLUMN.test(s)) return s.length;
  let w = 0;
  for (const { segment } of graphemes(s)) w += graphemeWidth(segment);
  return w;
}

/**
 * Cuts s to at most `width` columns, ending in an ellipsis when cut, and pads it to
 * exactly `width` columns. Wide characters that do not fit whole are replaced by spaces;
 * emoji, and characters blessed measures otherwise than the terminal, become "?" per column.
 */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (ONE_COLUMN.test(s)) {
    if (s.length <= width) return align === 'right' ? s.padStart(width) : s.padEnd(width);
    return s.slice(0, width - 1) + '…';
  }
  const clean = stripControl(s);
  let out = '';
  let w = 0;
  const total = displayWidth(clean);
  const limit = total > width ? width - 1 : width;
  for (const { segment } of graphemes(clean)) {
    const gw = graphemeWidth(segment);
    if (w + gw > limit) break;
    // Where blessed's count differs from the terminal's (emoji, newer wide characters or
    // marks), the borders would shift: draw a stand-in as wide as the terminal would.
    out += (gw === 2 && EMOJI.test(segment)) || blessedGraphemeWidth(segment) !== gw ? '?'.repeat(gw) : segment;
    w += gw;
  }
  if (total > width) {
    out += '…';
    w += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'right' ? pad + out : out + pad;
}
