// Container output is untrusted: a log line must never be able to change the user's
// terminal (title, clipboard, cursor, screen, hyperlinks, bell) or berth's layout.
// sanitizeLogLine keeps printable text and, when asked, colour; everything else goes.
//
// What comes out, and nothing else:
// - printable text (no C0, no DEL, no C1, no lone surrogates: those become U+FFFD);
// - TAB expanded to spaces up to the next multiple of 8 columns;
// - with keepColor, SGR sequences `ESC [ <digits and ;> m` rewritten to a canonical form
//   that holds only the attributes blessed understands, with bounded colour indexes
//   (blessed packs colours into 9 bits, so a larger index would corrupt other attributes).
// Choices:
// - CR in the middle of a line: the text after the last CR wins, as a terminal redrawing a
//   progress bar would show it ("10%\r20%" -> "20%"). A trailing CR (CRLF) is just dropped.
//   A CR inside an escape string belongs to the string.
// - Escape sequences are removed whole (CSI with its parameters, OSC/DCS/SOS/PM/APC strings
//   up to their terminator, or to the end of the line when unterminated), not shown.
// - Bidi overrides/isolates and invisible formatting characters are removed: they could make
//   a line read differently from what it contains.
import { displayWidth } from './text.js';

export interface SanitizeOptions {
  /** Keep colours and bold/underline/inverse (as canonical SGR); otherwise drop them. */
  readonly keepColor: boolean;
}

/** Longest SGR parameter string kept; longer ones are dropped whole. */
export const MAX_SGR_PARAMS = 64;

const TAB_STOP = 8;

/**
 * Characters that need the slow path: C0, DEL, C1, invisible formatting and bidi controls,
 * lone surrogates, and the tag characters (U+E0000-U+E007F).
 */
const NEEDS_WORK = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|\p{Cs}/u;

/** The same set, to find the next character to handle in a line that has some. */
const SPECIAL = new RegExp(NEEDS_WORK.source, 'gu');

/** SGR codes blessed turns into attributes (others it ignores, or would misread). */
const PLAIN_SGR = new Set([0, 1, 4, 7, 22, 24, 27, 39, 49]);

function isPlainSgr(n: number): boolean {
  return PLAIN_SGR.has(n) || (n >= 30 && n <= 37) || (n >= 40 && n <= 47) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107);
}

const byte = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '' || s.length > 3) return undefined;
  const n = Number(s);
  return n <= 255 ? n : undefined;
};

/**
 * Canonical form of an SGR parameter string, or undefined when nothing is left.
 * 0 is written as the empty parameter (`ESC[m`, `ESC[;31m`) so the canonical form is never
 * longer than the input; what precedes a reset is dropped, since the reset undoes it.
 */
export function canonicalSgr(params: string): string | undefined {
  const raw = params.split(';');
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i]!;
    // Very long digit runs are not colours; treat them as unknown codes.
    const n = p === '' ? 0 : p.length > 3 ? -1 : Number(p);
    if (n === 0) {
      kept.length = 0;
      kept.push('');
    } else if ((n === 38 || n === 48) && raw[i + 1] === '5') {
      const idx = byte(raw[i + 2]);
      if (idx !== undefined) kept.push(`${n};5;${idx}`);
      i += 2;
    } else if ((n === 38 || n === 48) && raw[i + 1] === '2') {
      const rgb = [byte(raw[i + 2]), byte(raw[i + 3]), byte(raw[i + 4])];
      if (rgb.every((v) => v !== undefined)) kept.push(`${n};2;${rgb.join(';')}`);
      i += 4;
    } else if (isPlainSgr(n)) {
      kept.push(String(n));
    }
  }
  if (kept.length === 0) return undefined;
  return kept.join(';');
}

function isFinal(c: number): boolean {
  return c >= 0x40 && c <= 0x7e;
}

/**
 * Index just after a string (OSC, DCS, SOS, PM, APC) whose payload starts at i, or at the ESC
 * that starts a new sequence; -1 when the text ends first (the string is still open).
 */
function stringEnd(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x07 || c === 0x9c || c === 0x18 || c === 0x1a) return i + 1;
    if (c === 0x1b) return s.charCodeAt(i + 1) === 0x5c ? i + 2 : i; // ST, or a new sequence
  }
  return -1;
}

/** Index just after a string that starts at i (an unterminated one runs to the end). */
function skipString(s: string, i: number): number {
  const end = stringEnd(s, i);
  return end < 0 ? s.length : end;
}

interface Csi {
  readonly end: number;
  /** The text ended inside the sequence (no final byte yet): in its parameters or after them. */
  readonly open?: 'params' | 'intermediates';
  /** Canonical SGR parameters when it is a well-formed SGR worth keeping. */
  readonly sgr?: string;
}

/** Parses a CSI whose parameters start at i. */
function parseCsi(s: string, i: number): Csi {
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x3f) i++;
  const paramsEnd = i;
  while (i < s.length && s.charCodeAt(i) >= 0x20 && s.charCodeAt(i) <= 0x2f) i++;
  const c = s.charCodeAt(i);
  // Cut short by end of line or a stray character: drop what was read, go on from there.
  if (i >= s.length) return { end: i, open: paramsEnd < i ? 'intermediates' : 'params' };
  if (!isFinal(c)) return { end: i };
  const params = s.slice(start, paramsEnd);
  if (c === 0x6d && paramsEnd === i && params.length <= MAX_SGR_PARAMS && /^[\d;]*$/.test(params)) {
    const sgr = canonicalSgr(params);
    return sgr === undefined ? { end: i + 1 } : { end: i + 1, sgr };
  }
  return { end: i + 1 };
}

export function sanitizeLogLine(text: string, opts: SanitizeOptions): string {
  if (!NEEDS_WORK.test(text)) return text;
  let s = text;
  // Lone surrogates become U+FFFD (the cheap test first: most lines have no surrogate at all).
  if (/[\ud800-\udfff]/.test(s)) s = s.replace(/\p{Cs}/gu, '\ufffd');
  const parts: string[] = [];
  // Plain text since the last tab stop: its width is measured only when a tab needs it.
  let sinceTab: string[] = [];
  let col = 0;
  const plain = (t: string) => {
    parts.push(t);
    sinceTab.push(t);
  };
  let i = 0;
  while (i < s.length) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(s);
    const at = m ? m.index : s.length;
    if (at > i) plain(s.slice(i, at));
    if (!m) break;
    i = at;
    const c = s.charCodeAt(i);
    if (c === 0x0d) {
      // The text after the last CR wins, as a terminal redrawing a progress bar shows it; CRs
      // at the end change nothing. A CR inside an escape string is part of that string (it is
      // skipped with it), so it cannot uncover the string's payload.
      let j = i;
      while (s.charCodeAt(j) === 0x0d) j++;
      if (j < s.length) {
        parts.length = 0;
        sinceTab = [];
        col = 0;
      }
      i = j;
    } else if (c === 0x09) {
      col += displayWidth(sinceTab.join(''));
      sinceTab = [];
      const n = TAB_STOP - (col % TAB_STOP);
      parts.push(' '.repeat(n));
      col += n;
      i++;
    } else if (c === 0x1b) {
      const next = s.charCodeAt(i + 1);
      if (next === 0x5b) {
        const csi = parseCsi(s, i + 2);
        if (csi.sgr !== undefined && opts.keepColor) parts.push(`\x1b[${csi.sgr}m`);
        i = csi.end;
      } else if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
        i = skipString(s, i + 2);
      } else if (next >= 0x20 && next <= 0x2f) {
        // nF escape: intermediates then one final byte (charset selection and the like).
        let j = i + 1;
        while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
        i = j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x7e ? j + 1 : j;
      } else if (next >= 0x30 && next <= 0x7e) {
        i += 2; // ESC 7, ESC c, ESC M, ESC = ...
      } else {
        i += 1; // a lone ESC
      }
    } else if (c >= 0x80 && c <= 0x9f) {
      // C1 controls: the 8-bit CSI and string introducers eat their parameters like the
      // 7-bit forms would in a terminal that honours them; colour is not kept from them.
      if (c === 0x9b) i = parseCsi(s, i + 1).end;
      else if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) i = skipString(s, i + 1);
      else i++;
    } else {
      // Other C0, DEL, invisible formatting; a tag character is a surrogate pair.
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  return parts.join('');
}

/**
 * A CSI left open, as a short stand-in that parses on the same way: '?' keeps it from reading
 * as colour; once an intermediate byte came, a parameter byte ends it (and shows), so the
 * stand-in must say so.
 */
function openCsi(at: 'params' | 'intermediates'): string {
  return at === 'params' ? '\x1b[?' : '\x1b[ ';
}

/**
 * A long line is sanitised in pieces (see log-lines.ts), and an escape sequence may straddle
 * the cut. Returns what to put before the next piece so the sequence's rest is removed as a
 * whole (an OSC title's payload would otherwise show as text), or '' when none is open at the
 * end of `s`. A CSI cut short is continued as a private one, so its colour is dropped rather
 * than half applied.
 */
export function openEscapeAtEnd(s: string): string {
  let i = 0;
  while (i < s.length) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(s);
    if (!m) return '';
    i = m.index;
    const c = s.charCodeAt(i);
    if (c === 0x1b) {
      if (i + 1 >= s.length) return '\x1b';
      const next = s.charCodeAt(i + 1);
      if (next === 0x5b) {
        const csi = parseCsi(s, i + 2);
        if (csi.open) return openCsi(csi.open);
        i = csi.end;
      } else if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
        const end = stringEnd(s, i + 2);
        if (end < 0) return '\x1b]';
        i = end;
      } else if (next >= 0x20 && next <= 0x2f) {
        let j = i + 1;
        while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
        if (j >= s.length) return '\x1b ';
        i = j;
      } else {
        i += 1;
      }
    } else if (c === 0x9b) {
      const csi = parseCsi(s, i + 1);
      if (csi.open) return openCsi(csi.open);
      i = csi.end;
    } else if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) {
      const end = stringEnd(s, i + 1);
      if (end < 0) return '\x1b]';
      i = end;
    } else {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  return '';
}

const SGR = /\x1b\[[\d;]*m/g;

/** The text without its SGR sequences (for search, saving, and colourless display). */
export function stripSgr(sanitized: string): string {
  return sanitized.includes('\x1b') ? sanitized.replace(SGR, '') : sanitized;
}
