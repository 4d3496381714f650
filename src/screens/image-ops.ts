// Entry points of the image operations of the images pane (history, build, pull, push,
// tag, run, prune) and the jobs view. The main screen calls these; each opens its own
// dialogs and reports through the task runner or the jobs list.
import type { ImageSummary } from '../docker/images.js';
import type { ImageRowRef } from '../render/images.js';
import type { ScreenContext } from './context.js';

export interface ImageOps {
  history(row: ImageRowRef, image: ImageSummary | undefined): void;
  build(): void;
  pull(): void;
  push(row: ImageRowRef, image: ImageSummary | undefined): void;
  tag(row: ImageRowRef, image: ImageSummary | undefined): void;
  run(row: ImageRowRef, image: ImageSummary | undefined): void;
  prune(): void;
  showJobs(): void;
  /** Stops what the operations started (running builds, pulls, pushes). */
  close(): void;
}

export function imageOps(ctx: ScreenContext): ImageOps {
  const notYet = (what: string) => () => ctx.store.say(`${what} is not available yet.`, 'error');
  return {
    history: notYet('history'),
    build: notYet('build'),
    pull: notYet('pull'),
    push: notYet('push'),
    tag: notYet('tag'),
    run: notYet('run'),
    prune: notYet('prune'),
    showJobs: notYet('the jobs view'),
    close() {},
  };
}
