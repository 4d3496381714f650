// U: disk usage, like `docker system df -v`, in an inspect view (scroll, search, save).
import { action } from '../../keys/action.js';
import { keysOf } from '../../keys/dispatch.js';
import { openInspectView } from '../inspect-view.js';
import type { ViewDef } from '../view.js';
import { diskUsageLines } from './lines.js';

export const DISK_USAGE_ACTIONS = [
  action({ id: 'disk.show', keys: ['U'], scope: 'global', hint: 'disk usage', description: 'Show what uses the disk, like docker system df -v (reads every layer and volume: slow on a big engine)' }),
] as const;

export const diskUsageView: ViewDef<typeof DISK_USAGE_ACTIONS> = {
  title: 'Disk usage',
  actions: DISK_USAGE_ACTIONS,
  open: {
    'disk.show': (ctx, shell) =>
      openInspectView(ctx, shell, {
        title: 'disk usage',
        fileName: 'disk-usage.txt',
        load: async () => {
          const key = (id: string) => keysOf(ctx.actions, id);
          return [
            ...diskUsageLines(await ctx.engine.diskUsageDetail(), Date.now()),
            '',
            // Where the space can be freed from, each with a preview first.
            `To free space: ${key('containers.prune')} in the containers pane prunes stopped containers, ${key('images.prune')} in the images pane unused images`,
            `and ${key('images.pruneCache')} there the build cache, ${key('volumes.prune')} in the volumes pane unused volumes. Each lists what it removes first.`,
          ];
        },
      }),
  },
};
