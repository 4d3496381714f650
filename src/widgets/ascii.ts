// ASCII mode: for terminals and locales that cannot show UTF-8 (a serial console, LANG=C).
// Rather than teach every widget and message a second set of glyphs, the screen's cells are
// made ASCII just before blessed draws them: one place, so no glyph can slip through, from
// berth's own borders and markers to a container's name or a log line.
import type blessed from 'blessed';

/** berth's own glyphs and blessed's borders, each as one ASCII character (a cell is one column). */
const GLYPHS: Readonly<Record<string, string>> = {
  '─': '-', '━': '-', '│': '|', '┃': '|',
  '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+',
  '▶': '>', '›': '>', '→': '>', '←': '<', '↑': '^', '↓': 'v', '↕': '^',
  '▏': '|', '▌': '!', '…': '~', '·': '-', '●': '*', '○': 'o', '✓': '+', '✗': 'x', '■': '#',
  '⏳': '*', '█': '#', '▒': '#', '░': '.',
  '\u00a0': ' ',
};

/** One cell's text as one ASCII character. */
export function asciiCell(ch: string): string {
  if (/^[\x20-\x7e]?$/.test(ch)) return ch;
  // blessed's placeholder after a double-width character: the character itself becomes one
  // column, so its second column is a space.
  if (ch === '\x03') return ' ';
  const mapped = GLYPHS[ch];
  if (mapped) return mapped;
  // An accented letter keeps its base letter (é -> e), with or without combining marks.
  const first = ch.normalize('NFD')[0]!;
  return /[\x21-\x7e]/.test(first) ? first : '?';
}

type Cells = Array<Array<[number, string]> & { dirty?: boolean }>;

/** Makes every cell of the screen ASCII before each draw; returns the way back. */
export function keepAscii(screen: blessed.Widgets.Screen): () => void {
  const target = screen as unknown as { lines: Cells; draw(start: number, end: number): void };
  const draw = target.draw;
  target.draw = function asciiDraw(start: number, end: number) {
    for (let y = start; y <= end; y++) {
      const line = target.lines[y];
      if (!line) continue;
      for (const cell of line) {
        const c = cell[1];
        if (c.length !== 1 || c > '~' || c < ' ') cell[1] = asciiCell(c);
      }
    }
    draw.call(this, start, end);
  };
  return () => {
    target.draw = draw;
  };
}

/** Does the locale promise UTF-8? The first set of LC_ALL, LC_CTYPE, LANG decides (as in C); none set is the C locale. */
export function localeIsUtf8(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
