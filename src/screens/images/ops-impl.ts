// The image operations of the images pane (history, build, pull, push, tag, run, prune, build cache prune);
// each opens its own dialogs and reports through the task runner or the app's jobs list.
// Loaded on first use by ops.ts.
import type { ScreenContext } from '../context.js';
import { buildDialog, newBuildMemory } from './build.js';
import { showHistory } from './history.js';
import { jobStarter } from './jobs.js';
import { pruneCacheDialog } from './build-cache.js';
import { pruneDialog } from './prune.js';
import { runDialog } from './run.js';
import { tagDialog } from './tag.js';
import { pullDialog, pushDialog } from './transfer.js';
import type { ImageOps, ImageOpsHooks } from './types.js';

export function imageOpsNow(ctx: ScreenContext, hooks: ImageOpsHooks): ImageOps {
  const starter = jobStarter(ctx, hooks);
  const buildMemory = newBuildMemory();
  const pullMemory = { pull: '' };
  return {
    history: (row, image) => void showHistory(ctx, row, image),
    build: () => void buildDialog(ctx, starter, buildMemory),
    pull: () => void pullDialog(ctx, starter, pullMemory),
    push: (row, image) => void pushDialog(ctx, starter, row, image),
    tag: (row, image) => void tagDialog(ctx, row, image),
    run: (row, image) => void runDialog(ctx, hooks, row, image),
    prune: () => void pruneDialog(ctx),
    pruneCache: () => void pruneCacheDialog(ctx),
  };
}
