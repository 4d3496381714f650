// The logs pane: the selected container's logs (or a whole compose project's), following
// the containers pane's selection through the shell's events.
import type { ContainerSummary } from '../../docker/containers.js';
import type { ScreenContext } from '../context.js';
import type { Pane, PaneDef, Shell } from '../view.js';
import { logsActions } from './actions.js';
import { openLogsPane } from './follower.js';
import { LOG_ACTIONS } from './keys.js';
import { logWindowFlow } from './window-flow.js';

function createLogsPane(ctx: ScreenContext, shell: Shell): Pane {
  const follower = openLogsPane(ctx, { parent: ctx.host.screen, theme: ctx.host.theme, requestRender: () => shell.requestLogFrame() });
  let selected: ContainerSummary | undefined;
  const offSelected = shell.on('containerSelected', (c) => {
    selected = c;
    follower.follow(c);
  });
  const offProject = shell.on('followProject', ({ anchor, project, members }) => follower.followProject(anchor, project, members));
  return {
    box: follower.box,
    handlers: { ...logsActions(ctx, follower.view, () => follower.current()), 'logs.window': () => logWindowFlow(ctx, follower) },
    actionContext: () => ({ hasSelection: !!follower.current() }),
    setFocused: (f) => follower.setFocused(f),
    draw: () => follower.draw(),
    pause: () => follower.pause(),
    resume: () => follower.resume(selected),
    reset: () => follower.reset(),
    close() {
      offSelected();
      offProject();
      follower.close();
    },
  };
}

export const logsPane: PaneDef<typeof LOG_ACTIONS> = { id: 'logs', title: 'logs', scope: 'logs', slot: 'logs', actions: LOG_ACTIONS, create: createLogsPane };
