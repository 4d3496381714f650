// U: disk usage, like `docker system df -v`, in an inspect view (scroll, search, save).
import { action } from '../../keys/action.js';
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
        load: async () => diskUsageLines(await ctx.engine.diskUsageDetail(), Date.now()),
      }),
  },
};
