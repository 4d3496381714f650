// The image operations of the images pane (history, build, pull, push, tag, run, prune)
// and the jobs view; each opens its own dialogs and reports through the task runner or the
// jobs list. Loaded on first use by image-ops.ts.
import { Jobs } from '../state/jobs.js';
import type { ScreenContext } from './context.js';
import { buildDialog, newBuildMemory } from './image-build.js';
import { showHistory } from './image-history.js';
import { jobStarter, type ImageOpsHooks } from './image-jobs.js';
import { pruneDialog } from './image-prune.js';
import { runDialog } from './image-run.js';
import { tagDialog } from './image-tag.js';
import { pullDialog, pushDialog } from './image-transfer.js';
import { jobsView } from './jobs-view.js';

import type { ImageOps } from './image-ops.js';

/** `hooks` lets the main screen select what a build, pull or run made; without them the status line says what to select. */
export function imageOpsNow(ctx: ScreenContext, hooks: ImageOpsHooks = {}): ImageOps {
  const jobs = new Jobs();
  const view = jobsView(ctx, jobs);
  const starter = jobStarter(ctx, jobs, view, hooks);
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
    showJobs: () => view.show(),
    close() {
      view.close();
      jobs.cancelAll();
    },
  };
}
