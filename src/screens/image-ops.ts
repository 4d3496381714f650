// Entry points of the image operations of the images pane (history, build, pull, push,
// tag, run, prune) and the jobs view. Their code (forms, tar streaming, progress) is
// loaded the first time one is used: most sessions never build or push, and start-up
// and memory are a product feature.
import type { ImageSummary } from '../docker/images.js';
import type { ImageRowRef } from '../render/images.js';
import type { ScreenContext } from './context.js';
import type { ImageOpsHooks } from './image-jobs.js';

export type { ImageOpsHooks } from './image-jobs.js';

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

/** `hooks` lets the main screen select what a build, pull or run made. */
export function imageOps(ctx: ScreenContext, hooks: ImageOpsHooks = {}): ImageOps {
  let loaded: Promise<ImageOps> | undefined;
  let real: ImageOps | undefined;
  let closed = false;
  const load = () =>
    (loaded ??= import('./image-ops-impl.js').then((m) => {
      real = m.imageOpsNow(ctx, hooks);
      if (closed) real.close();
      return real;
    }));
  const later =
    <A extends unknown[]>(call: (ops: ImageOps, ...args: A) => void) =>
    (...args: A) => {
      load().then(
        (ops) => {
          if (!closed) call(ops, ...args);
        },
        (err: unknown) => ctx.store.say(`Could not load the image tools: ${err instanceof Error ? err.message : String(err)}`, 'error'),
      );
    };
  return {
    history: later((o, row: ImageRowRef, image: ImageSummary | undefined) => o.history(row, image)),
    build: later((o) => o.build()),
    pull: later((o) => o.pull()),
    push: later((o, row: ImageRowRef, image: ImageSummary | undefined) => o.push(row, image)),
    tag: later((o, row: ImageRowRef, image: ImageSummary | undefined) => o.tag(row, image)),
    run: later((o, row: ImageRowRef, image: ImageSummary | undefined) => o.run(row, image)),
    prune: later((o) => o.prune()),
    showJobs: later((o) => o.showJobs()),
    close() {
      closed = true;
      real?.close();
    },
  };
}
