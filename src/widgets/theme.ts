// Maps cell meanings to colours, or to nothing under NO_COLOR. This is the one place colours
// come from: a theme is a palette of colour names (blessed's, or #rrggbb, which blessed
// reduces to the nearest colour a 16- or 8-colour terminal has).
import * as lite from './blessed.js';
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
  /** Foreground colours (SGR numbers) that tell interleaved sources apart (a project's logs). */
  readonly series: readonly number[];
}

/** The colours a user may set one by one in the config. */
export const COLOR_ROLES = ['ok', 'warn', 'error', 'muted', 'accent', 'selection', 'border'] as const;
export type ColorRole = (typeof COLOR_ROLES)[number];

export interface Palette extends Record<ColorRole, string> {
  /** Text on the selection colour. */
  readonly selectionText: string;
  readonly match: string;
  readonly current: string;
  /** Text on a match. */
  readonly matchText: string;
  readonly series: readonly number[];
}

export const THEME_NAMES = ['dark', 'light', 'high-contrast', 'monochrome'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/**
 * The palettes. dark is berth's first look. light avoids yellow, cyan and bright colours as
 * text (unreadable on white) and uses dark shades that a 16-colour terminal reduces to the
 * plain ones. high-contrast uses only bright colours and white, no greys. monochrome has
 * no palette: it is what NO_COLOR gives.
 */
export const PALETTES: Readonly<Record<Exclude<ThemeName, 'monochrome'>, Palette>> = {
  dark: {
    ok: 'green', warn: 'yellow', error: 'red', muted: 'gray', accent: 'cyan', border: 'gray',
    selection: 'blue', selectionText: 'white', match: 'yellow', current: 'green', matchText: 'black',
    series: [36, 33, 35, 32, 34, 31],
  },
  light: {
    ok: '#008700', warn: '#af00af', error: '#af0000', muted: '#5f5f5f', accent: '#0000af', border: '#5f5f5f',
    selection: 'blue', selectionText: 'white', match: 'yellow', current: 'green', matchText: 'black',
    series: [34, 35, 32, 31, 30],
  },
  'high-contrast': {
    ok: 'bright-green', warn: 'bright-yellow', error: 'bright-red', muted: 'white', accent: 'bright-cyan', border: 'white',
    selection: 'bright-yellow', selectionText: 'black', match: 'bright-magenta', current: 'bright-green', matchText: 'black',
    series: [96, 93, 95, 92, 97, 91],
  },
};

/**
 * blessed 0.1.81 builds its 8-colour reduction table when it loads by matching every xterm
 * colour against the first 8, and leaves those answers in its match cache: a #rrggbb that is
 * exactly an xterm colour (#008700) then comes out as a basic one (green). Emptied once, later
 * matches are against all 256; reduction for 8- and 16-colour terminals has its own table.
 */
let matchCacheCleared = false;
function clearColorMatchCache(): void {
  if (matchCacheCleared) return;
  matchCacheCleared = true;
  if (lite.colors._cache) lite.colors._cache = {};
}

/** A theme from a palette; without colour (NO_COLOR or monochrome) it marks with attributes only. */
export function makeTheme(color: boolean, palette: Palette = PALETTES.dark): Theme {
  const p = color ? palette : undefined;
  if (p) clearColorMatchCache();
  const fg = (c: string, text: string) => `{${c}-fg}${text}{/${c}-fg}`;
  const on = (text: string, c: string, bg: string) => `{${c}-fg}{${bg}-bg}${text}{/${bg}-bg}{/${c}-fg}`;
  const meanings: Record<Meaning, string | undefined> = p ? { normal: undefined, ok: p.ok, warn: p.warn, error: p.error, muted: p.muted, accent: p.accent } : ({} as Record<Meaning, undefined>);
  return {
    color: !!p,
    paint(text, meaning) {
      const c = meanings[meaning];
      return c ? fg(c, text) : text;
    },
    border: p ? p.border : 'default',
    focusBorder: p ? p.accent : 'default',
    dialogBorder: p ? p.warn : 'default',
    overlayBorder: p ? p.accent : 'default',
    selectedRow: (text) => (p ? on(text, p.selectionText, p.selection) : `{inverse}${text}{/inverse}`),
    highlight(text, kind) {
      if (!p) return kind === 'match' ? `{inverse}${text}{/inverse}` : `{inverse}{underline}${text}{/underline}{/inverse}`;
      return on(text, p.matchText, kind === 'match' ? p.match : p.current);
    },
    series: p ? p.series : [],
  };
}

/** The theme a name and the user's colours give; NO_COLOR wins over both. */
export function themeFor(name: ThemeName, colors: Partial<Record<ColorRole, string>> = {}, color = colorWanted()): Theme {
  if (name === 'monochrome') return makeTheme(false);
  return makeTheme(color, { ...PALETTES[name], ...colors });
}

const BASE_COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** Is this a colour blessed understands: a name ("red", "bright-red", "gray", "default") or #rgb / #rrggbb? */
export function isColor(text: string): boolean {
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(text)) return true;
  const name = text.toLowerCase().replace(/[- ]/g, '');
  return ['default', 'gray', 'grey'].includes(name) || BASE_COLORS.some((c) => name === c || name === `light${c}` || name === `bright${c}`);
}

/** blessed interprets {...} as tags; container text must never be read as one. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (ch) => (ch === '{' ? '{open}' : '{close}'));
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}
