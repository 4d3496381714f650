// Maps cell meanings to colours (16-colour palette), or to nothing under NO_COLOR.
import type { Meaning } from '../render/cells.js';

export interface Theme {
  readonly color: boolean;
  /** Wraps already-escaped text in blessed tags for its meaning. */
  paint(text: string, meaning: Meaning): string;
  readonly border: string;
  /** The border of the focused pane. */
  readonly focusBorder: string;
  /** Borders of dialogs (they ask something) and of overlays (they show something). */
  readonly dialogBorder: string;
  readonly overlayBorder: string;
  /** Wraps already-escaped text as the selected row. */
  selectedRow(text: string): string;
  /** Wraps already-escaped text as a search match, or the match the view is on. */
  highlight(text: string, kind: 'match' | 'current'): string;
}

const COLORS: Record<Meaning, string | undefined> = {
  normal: undefined,
  ok: 'green-fg',
  warn: 'yellow-fg',
  error: 'red-fg',
  muted: 'gray-fg',
  accent: 'cyan-fg',
};

export function makeTheme(color: boolean): Theme {
  return {
    color,
    paint(text, meaning) {
      const tag = color ? COLORS[meaning] : undefined;
      return tag ? `{${tag}}${text}{/${tag}}` : text;
    },
    border: color ? 'gray' : 'default',
    focusBorder: color ? 'cyan' : 'default',
    dialogBorder: color ? 'yellow' : 'default',
    overlayBorder: color ? 'cyan' : 'default',
    selectedRow: (text) => (color ? `{white-fg}{blue-bg}${text}{/blue-bg}{/white-fg}` : `{inverse}${text}{/inverse}`),
    highlight(text, kind) {
      if (!color) return kind === 'match' ? `{inverse}${text}{/inverse}` : `{inverse}{underline}${text}{/underline}{/inverse}`;
      return kind === 'match' ? `{black-fg}{yellow-bg}${text}{/yellow-bg}{/black-fg}` : `{black-fg}{green-bg}${text}{/green-bg}{/black-fg}`;
    },
  };
}

/** blessed interprets {...} as tags; container text must never be read as one. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (ch) => (ch === '{' ? '{open}' : '{close}'));
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}
