// Entry points of the image operations of the images pane (history, build, pull, push,
// tag, run, prune). Their code (forms, tar streaming, progress) is loaded the first time
// one is used: most sessions never build or push, and start-up and memory are a product
// feature.
import type { ImageSummary } from '../../docker/images.js';
import type { ImageRowRef } from '../../render/images.js';
import type { ScreenContext } from '../context.js';
import type { ImageOps, ImageOpsHooks } from './types.js';

export function imageOps(ctx: ScreenContext, hooks: ImageOpsHooks): ImageOps {
  let loaded: Promise<ImageOps> | undefined;
  const load = () => (loaded ??= import('./ops-impl.js').then((m) => m.imageOpsNow(ctx, hooks)));
  const later =
    <A extends unknown[]>(call: (ops: ImageOps, ...args: A) => void) =>
    (...args: A) => {
      load().then(
        (ops) => call(ops, ...args),
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
    pruneCache: later((o) => o.pruneCache()),
  };
}
