// src/widgets/blessed.ts in the single file (bundle.ts loads this in its place): the same
// files of blessed, by requires that esbuild follows (src's createRequire(import.meta.url)
// has no module URL to start from in a bundle).
/* eslint-disable @typescript-eslint/no-require-imports -- requires that esbuild bundles */
import type * as Src from '../../src/widgets/blessed.js';

export const screen = require('blessed/lib/widgets/screen.js') as typeof Src.screen;
export const box = require('blessed/lib/widgets/box.js') as typeof Src.box;
export const unicode = require('blessed/lib/unicode.js') as typeof Src.unicode;
export const colors = require('blessed/lib/colors.js') as typeof Src.colors;

// The compiler checks that this module still exports all that src's does.
const _same: typeof Src = { screen, box, unicode, colors };
