// C: the compose projects, grouped from the containers' labels, with actions on a whole
// project (stop, start, restart, pause, remove, down) and its interleaved logs.
import { itemsOf } from '../../state/resources.js';
import { DataTable } from '../../widgets/data-table.js';
import type { ScreenContext } from '../context.js';
import { CONTAINERS } from '../containers/resource.js';
import { cursorHandlers } from '../cursor.js';
import type { Handlers, Shell, View, ViewDef } from '../view.js';
import { listFilter } from '../list-filter.js';
import { PROJECT_VERBS, projectDown, projectVerb } from './actions.js';
import { PROJECT_ACTIONS } from './keys.js';
import { projectsOf, projectTable, type Project } from './table.js';

function openProjectsView(ctx: ScreenContext, shell: Shell): View {
  const table = new DataTable({ parent: ctx.host.screen, label: 'compose projects', theme: ctx.host.theme, top: 1, height: '100%-2', emptyText: '' });
  table.setFocused(true);
  const filter = listFilter(shell, 'projects');
  const projects = () => projectsOf(itemsOf(ctx.store.snapshot, CONTAINERS));
  const withProject = (fn: (p: Project) => void | Promise<unknown>) => () => {
    const p = projects().find((x) => x.name === table.selected);
    return p ? fn(p) : undefined;
  };
  const handlers: Handlers<typeof PROJECT_ACTIONS, 'projects'> = {
    ...cursorHandlers(table, 'projects'),
    'projects.filter': filter.start,
    'projects.stop': withProject((p) => projectVerb(ctx, p, PROJECT_VERBS.stop)),
    'projects.start': withProject((p) => projectVerb(ctx, p, PROJECT_VERBS.start)),
    'projects.restart': withProject((p) => projectVerb(ctx, p, PROJECT_VERBS.restart)),
    'projects.pause': withProject((p) => projectVerb(ctx, p, PROJECT_VERBS.pause)),
    'projects.unpause': withProject((p) => projectVerb(ctx, p, PROJECT_VERBS.unpause)),
    'projects.remove': withProject((p) => projectVerb(ctx, p, PROJECT_VERBS.remove)),
    'projects.takeDown': withProject((p) => projectDown(ctx, p)),
    'projects.logs': withProject((p) => {
      const running = p.containers.filter((c) => c.state === 'running');
      if (!running.length) return ctx.store.say(`No container of ${p.name} is running.`, 'error');
      shell.emit('followProject', { anchor: running[0]!, project: p.name, members: running });
      shell.focus('logs');
    }),
  };
  return {
    scope: 'projects',
    box: table.box,
    handlers,
    actionContext: () => ({ hasSelection: !!table.selected }),
    draw(snap) {
      const all = projectsOf(itemsOf(snap, CONTAINERS));
      table.setModel(projectTable(all, filter.value));
      table.setLabel(`compose projects (${all.length})${filter.note}`);
      table.setEmptyText(all.length ? 'Nothing matches the filter.' : 'No compose projects: no container has a com.docker.compose.project label.');
      table.draw();
    },
    close: () => table.box.destroy(),
  };
}

export const projectsView: ViewDef<typeof PROJECT_ACTIONS> = { title: 'Compose projects view', scope: 'projects', actions: PROJECT_ACTIONS, open: { 'projects.show': openProjectsView } };
