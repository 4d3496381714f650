// Terminal text maths: how many columns a string takes, and cutting it to fit.
// Emoji and other wide characters take two columns; blessed counts some as one,
// so the render layer measures itself and hands widgets text that already fits.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Control characters and the like never reach a table cell. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

function isWideCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x1f680 && cp <= 0x1f6ff) ||
    (cp >= 0x1fa70 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Emoji clusters: terminals draw them two wide, blessed counts one (see facts.md). */
export const EMOJI = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\u200d|\ufe0f/u;

/** Width of one grapheme cluster in terminal columns (0, 1 or 2). */
export function graphemeWidth(g: string): number {
  const cp = g.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (/\p{Mn}|\p{Me}/u.test(g) && g.length === 1) return 0;
  // A cluster with an emoji presentation selector, a flag pair or a ZWJ sequence draws two wide.
  if (EMOJI.test(g) || (/\p{Extended_Pictographic}/u.test(g) && cp > 0x2fff)) return 2;
  return isWideCodePoint(cp) ? 2 : 1;
}

/** Printable ASCII: one column a character, no segmentation needed (the common case, and hot). */
export const PLAIN = /^[\x20-\x7e]*$/;

export function displayWidth(s: string): number {
  if (PLAIN.test(s)) return s.length;
  let w = 0;
  for (const { segment } of segmenter.segment(s)) w += graphemeWidth(segment);
  return w;
}

/**
 * Cuts s to at most `width` columns, ending in an ellipsis when cut, and pads it to
 * exactly `width` columns. Wide characters that do not fit whole are replaced by spaces;
 * emoji become "??" (see below).
 */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (PLAIN.test(s)) {
    if (s.length <= width) return align === 'right' ? s.padStart(width) : s.padEnd(width);
    return s.slice(0, width - 1) + '…';
  }
  const clean = stripControl(s);
  let out = '';
  let w = 0;
  const total = displayWidth(clean);
  const limit = total > width ? width - 1 : width;
  for (const { segment } of segmenter.segment(clean)) {
    const gw = graphemeWidth(segment);
    if (w + gw > limit) break;
    // blessed measures emoji one column short, which would shift the borders: draw a
    // two-column stand-in instead.
    out += gw === 2 && EMOJI.test(segment) ? '??' : segment;
    w += gw;
  }
  if (total > width) {
    out += '…';
    w += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'right' ? pad + out : out + pad;
}
