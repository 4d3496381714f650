// Maps cell meanings to colours (16-colour palette), or to nothing under NO_COLOR.
import type { Meaning } from '../render/cells.js';

export interface Theme {
  readonly color: boolean;
  /** Wraps already-escaped text in blessed tags for its meaning. */
  paint(text: string, meaning: Meaning): string;
  readonly selected: { fg?: string; bg?: string; inverse?: boolean };
  readonly border: string;
  /** The border of the focused pane. */
  readonly focusBorder: string;
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
    selected: color ? { bg: 'blue', fg: 'white' } : { inverse: true },
    border: color ? 'gray' : 'default',
    focusBorder: color ? 'cyan' : 'default',
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
