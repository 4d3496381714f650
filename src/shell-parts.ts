// What the shell is built from besides the session's own state: the config's settings and the
// registry's panes, views and keys. The app and the startup snapshot's warm-up (which draws
// the first frame as a start does, src/warm-up.ts) build the same shell from it.
import type { Config } from './config/config.js';
import { actionTable } from './config/table.js';
import type { Settings } from './screens/context.js';
import { HELP_TITLES, PANES, VIEWS, shellStatus } from './screens/registry.js';
import type { ShellDeps } from './screens/shell/shell.js';
import { suspendTerminal } from './widgets/terminal-suspend.js';

export function shellSettings(config: Config): Settings {
  return { stats: config.stats, logLines: config.logLines, sort: config.sort, shells: config.shells, clipboard: config.clipboard };
}

export type ShellParts = Pick<ShellDeps, 'panes' | 'views' | 'actions' | 'commands' | 'mouse' | 'helpTitles' | 'statusCells' | 'suspendTerminal'>;

export function shellParts(config: Config): ShellParts {
  return {
    panes: PANES,
    views: VIEWS,
    actions: actionTable(config),
    commands: config.commands,
    mouse: config.mouse,
    helpTitles: HELP_TITLES,
    statusCells: shellStatus,
    suspendTerminal,
  };
}
