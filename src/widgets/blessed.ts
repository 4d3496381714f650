// The two blessed widgets berth builds everything from (screen and box) and blessed's width
// table, loaded from their own files. blessed's index loads all of its 30-odd widgets, the
// image decoders among them: about 30 of 44 files and 20-60 ms of start-up here that berth
// never uses. The classes are the same objects the index exports (one require cache), so
// blessed-contrib, which loads the index when a chart is first drawn, works with them.
import { createRequire } from 'node:module';
import type Blessed from 'blessed';

const requireBlessed = createRequire(import.meta.url);

export const screen = requireBlessed('blessed/lib/widgets/screen.js') as typeof Blessed.screen;
export const box = requireBlessed('blessed/lib/widgets/box.js') as typeof Blessed.box;
/** blessed's own measure of a string's columns (it differs from Unicode's tables on some characters). */
export const unicode = requireBlessed('blessed/lib/unicode.js') as { strWidth(s: string): number };
/** blessed's colour tables (its match cache is cleared by the theme). */
export const colors = requireBlessed('blessed/lib/colors.js') as { _cache?: Record<number, number> };
