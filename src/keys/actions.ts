// The one table of actions. It drives the key bindings, the footer hints, the help
// overlay and the README's key list (a test checks that they agree).
import type { ContainerState } from '../docker/containers.js';

export type Scope = 'global' | 'containers' | 'images' | 'logs' | 'help' | 'overlay';

/** Scopes of modal views: they take every key while open, so they never collide with the others. */
export const MODAL_SCOPES: readonly Scope[] = ['help', 'overlay'];

export interface ActionContext {
  /** Is something selected in the focused list? */
  readonly hasSelection: boolean;
  readonly readOnly: boolean;
  /** The selected container, in the containers pane. */
  readonly container?: { readonly state: ContainerState; readonly project?: string };
}

export interface Action {
  readonly id: string;
  /** Keys in blessed's naming ("q", "C-c", "up", "S-tab"); capitals are typed characters. */
  readonly keys: readonly string[];
  readonly scope: Scope;
  /** Short label for the footer. */
  readonly hint: string;
  /** One line for the help overlay and the README. */
  readonly description: string;
  /** Changes or removes something: refused in read-only mode, confirmed where it loses data. */
  readonly destructive: boolean;
  /** Shown in the footer (the most used ones only: the footer is one line). */
  readonly footer: boolean;
  /** Why it cannot apply now, or undefined when it can. */
  readonly whyNot?: (ctx: ActionContext) => string | undefined;
}

const needSelection = (what: string) => (ctx: ActionContext) => (ctx.hasSelection ? undefined : `No ${what} is selected.`);
const needState =
  (allowed: readonly ContainerState[], sentence: (s: ContainerState) => string) =>
  (ctx: ActionContext): string | undefined => {
    if (!ctx.container) return 'No container is selected.';
    return allowed.includes(ctx.container.state) ? undefined : sentence(ctx.container.state);
  };

type Row = Omit<Action, 'destructive' | 'footer'> & { destructive?: boolean; footer?: boolean };
const a = (r: Row): Action => ({ destructive: false, footer: false, ...r });

export const ACTIONS: readonly Action[] = [
  a({ id: 'quit', keys: ['q', 'C-c'], scope: 'global', hint: 'quit', description: 'Quit berth', footer: true }),
  a({ id: 'help', keys: ['?'], scope: 'global', hint: 'help', description: 'Show or hide this help', footer: true }),
  a({ id: 'focus.next', keys: ['tab'], scope: 'global', hint: 'next pane', description: 'Focus the next pane (containers, images, logs)', footer: true }),
  a({ id: 'focus.prev', keys: ['S-tab'], scope: 'global', hint: 'prev pane', description: 'Focus the previous pane' }),
  a({ id: 'focus.containers', keys: ['1'], scope: 'global', hint: 'containers', description: 'Focus the containers pane' }),
  a({ id: 'focus.images', keys: ['2'], scope: 'global', hint: 'images', description: 'Focus the images pane' }),
  a({ id: 'focus.logs', keys: ['3'], scope: 'global', hint: 'logs', description: 'Focus the logs pane' }),

  a({ id: 'host.switch', keys: ['H'], scope: 'global', hint: 'host', description: 'Switch to another docker context or host URL (the new one is reached first)', footer: true }),

  a({ id: 'cursor.down', keys: ['j', 'down'], scope: 'containers', hint: 'down', description: 'Move the selection down' }),
  a({ id: 'cursor.up', keys: ['k', 'up'], scope: 'containers', hint: 'up', description: 'Move the selection up' }),
  a({ id: 'cursor.top', keys: ['g', 'home'], scope: 'containers', hint: 'top', description: 'Go to the first row' }),
  a({ id: 'cursor.bottom', keys: ['G', 'end'], scope: 'containers', hint: 'bottom', description: 'Go to the last row' }),
  a({ id: 'cursor.pageDown', keys: ['pagedown', 'C-f'], scope: 'containers', hint: 'page down', description: 'Move one page down' }),
  a({ id: 'cursor.pageUp', keys: ['pageup', 'C-b'], scope: 'containers', hint: 'page up', description: 'Move one page up' }),
  a({ id: 'containers.toggleAll', keys: ['a'], scope: 'containers', hint: 'all', description: 'Show all containers or only running ones (docker ps -a)', footer: true }),
  a({ id: 'containers.filter', keys: ['/'], scope: 'containers', hint: 'filter', description: 'Filter by name, image, id or label (esc clears)', footer: true }),
  a({ id: 'containers.toggleStats', keys: ['%'], scope: 'containers', hint: 'stats', description: 'Show or hide live CPU and memory (each shown container costs the daemon a stats stream)' }),
  a({ id: 'containers.sort', keys: ['o'], scope: 'containers', hint: 'sort', description: 'Sort by the next column (name, image, state, status, CPU, memory, ports, project)' }),
  a({ id: 'containers.sortReverse', keys: ['O'], scope: 'containers', hint: 'reverse', description: 'Reverse the sort order' }),
  a({
    id: 'containers.stop',
    keys: ['s'],
    scope: 'containers',
    hint: 'stop',
    description: 'Stop the selected container',
    destructive: true,
    footer: true,
    whyNot: needState(['running', 'paused', 'restarting'], (s) => `The container is not running (it is ${s}).`),
  }),
  a({
    id: 'containers.start',
    keys: ['t'],
    scope: 'containers',
    hint: 'start',
    description: 'Start the selected container',
    destructive: true,
    whyNot: needState(['exited', 'created', 'dead'], (s) => (s === 'paused' ? 'The container is paused: unpause it with p.' : `The container is already ${s}.`)),
  }),
  a({
    id: 'containers.restart',
    keys: ['r'],
    scope: 'containers',
    hint: 'restart',
    description: 'Restart the selected container',
    destructive: true,
    footer: true,
    whyNot: needSelection('container'),
  }),
  a({
    id: 'containers.pause',
    keys: ['p'],
    scope: 'containers',
    hint: 'pause',
    description: 'Pause or unpause the selected container',
    destructive: true,
    whyNot: needState(['running', 'paused'], (s) => `Only a running container can be paused (it is ${s}).`),
  }),
  a({
    id: 'containers.remove',
    keys: ['d'],
    scope: 'containers',
    hint: 'remove',
    description: 'Remove the selected container (asks first; a running one can be forced)',
    destructive: true,
    footer: true,
    whyNot: needSelection('container'),
  }),
  a({
    id: 'containers.copy',
    keys: ['c'],
    scope: 'containers',
    hint: 'copy',
    description: 'Copy files between the selected container and the host (docker cp)',
    destructive: true,
    footer: true,
    whyNot: needSelection('container'),
  }),
  a({
    id: 'containers.projectLogs',
    keys: ['L'],
    scope: 'containers',
    hint: 'project logs',
    description: 'Follow the logs of every container of the selected one\'s compose project, interleaved, named',
    whyNot: (ctx) => (!ctx.container ? 'No container is selected.' : ctx.container.project ? undefined : 'This container is not part of a compose project.'),
  }),
  a({ id: 'containers.copyId', keys: ['y'], scope: 'containers', hint: 'show id', description: 'Show the selected container\'s full id in the status line, to copy it', whyNot: needSelection('container') }),

  a({ id: 'images.down', keys: ['j', 'down'], scope: 'images', hint: 'down', description: 'Move the selection down' }),
  a({ id: 'images.up', keys: ['k', 'up'], scope: 'images', hint: 'up', description: 'Move the selection up' }),
  a({ id: 'images.top', keys: ['g', 'home'], scope: 'images', hint: 'top', description: 'Go to the first row' }),
  a({ id: 'images.bottom', keys: ['G', 'end'], scope: 'images', hint: 'bottom', description: 'Go to the last row' }),
  a({ id: 'images.pageDown', keys: ['pagedown', 'C-f'], scope: 'images', hint: 'page down', description: 'Move one page down' }),
  a({ id: 'images.pageUp', keys: ['pageup', 'C-b'], scope: 'images', hint: 'page up', description: 'Move one page up' }),
  a({ id: 'images.filter', keys: ['/'], scope: 'images', hint: 'filter', description: 'Filter by repository, tag or id (esc clears)', footer: true }),
  a({ id: 'images.toggleDangling', keys: ['u'], scope: 'images', hint: 'dangling', description: 'Show or hide dangling (untagged) images', footer: true }),
  a({
    id: 'images.remove',
    keys: ['d'],
    scope: 'images',
    hint: 'rmi',
    description: 'Remove the selected image or tag (asks first; says which containers use it)',
    destructive: true,
    footer: true,
    whyNot: needSelection('image'),
  }),

  a({ id: 'images.history', keys: ['h', 'enter'], scope: 'images', hint: 'history', description: 'Show the selected image\'s layers (docker history)', footer: true, whyNot: needSelection('image') }),
  a({ id: 'images.build', keys: ['b'], scope: 'images', hint: 'build', description: 'Build an image from a directory (context, Dockerfile, tags, build args)', destructive: true, footer: true }),
  a({ id: 'images.pull', keys: ['p'], scope: 'images', hint: 'pull', description: 'Pull an image by reference, with per-layer progress', destructive: true }),
  a({ id: 'images.push', keys: ['P'], scope: 'images', hint: 'push', description: 'Push the selected tag to its registry', destructive: true, whyNot: needSelection('image') }),
  a({ id: 'images.tag', keys: ['t'], scope: 'images', hint: 'tag', description: 'Add a tag to the selected image', destructive: true, whyNot: needSelection('image') }),
  a({ id: 'images.run', keys: ['r'], scope: 'images', hint: 'run', description: 'Run a container from the selected image (name, command, env, ports, volumes, restart policy)', destructive: true, footer: true, whyNot: needSelection('image') }),
  a({ id: 'images.prune', keys: ['x'], scope: 'images', hint: 'prune', description: 'Remove dangling images (asks first, reports the space reclaimed)', destructive: true }),
  a({ id: 'jobs.show', keys: ['J'], scope: 'global', hint: 'jobs', description: 'Show the progress of builds, pulls and pushes (they go on while hidden)' }),

  a({ id: 'logs.down', keys: ['j', 'down'], scope: 'logs', hint: 'down', description: 'Scroll down one line' }),
  a({ id: 'logs.up', keys: ['k', 'up'], scope: 'logs', hint: 'up', description: 'Scroll up one line (pauses following)' }),
  a({ id: 'logs.pageDown', keys: ['pagedown', 'C-f'], scope: 'logs', hint: 'page down', description: 'Scroll down one page' }),
  a({ id: 'logs.pageUp', keys: ['pageup', 'C-b'], scope: 'logs', hint: 'page up', description: 'Scroll up one page (pauses following)' }),
  a({ id: 'logs.top', keys: ['g', 'home'], scope: 'logs', hint: 'oldest', description: 'Go to the oldest line kept' }),
  a({ id: 'logs.follow', keys: ['G', 'end'], scope: 'logs', hint: 'follow', description: 'Follow the end again', footer: true }),
  a({ id: 'logs.left', keys: ['h', 'left'], scope: 'logs', hint: 'left', description: 'Scroll left (when wrap is off)' }),
  a({ id: 'logs.right', keys: ['l', 'right'], scope: 'logs', hint: 'right', description: 'Scroll right (when wrap is off)' }),
  a({ id: 'logs.search', keys: ['/'], scope: 'logs', hint: 'search', description: 'Search the log (shows the number of matching lines)', footer: true }),
  a({ id: 'logs.next', keys: ['n'], scope: 'logs', hint: 'next', description: 'Go to the next match' }),
  a({ id: 'logs.prev', keys: ['N'], scope: 'logs', hint: 'previous', description: 'Go to the previous match' }),
  a({ id: 'logs.filter', keys: ['&'], scope: 'logs', hint: 'filter', description: 'Show only the lines that contain a text (empty shows all)', footer: true }),
  a({ id: 'logs.clear', keys: ['escape'], scope: 'logs', hint: 'clear', description: 'Clear the search and the filter' }),
  a({ id: 'logs.streams', keys: ['s'], scope: 'logs', hint: 'stdout/stderr', description: 'Show both streams, only stdout, or only stderr (stderr lines are marked)', footer: true }),
  a({ id: 'logs.wrap', keys: ['w'], scope: 'logs', hint: 'wrap', description: 'Wrap long lines, or scroll sideways' }),
  a({ id: 'logs.timestamps', keys: ['t'], scope: 'logs', hint: 'time', description: 'Show or hide the engine\'s timestamps (local time)' }),
  a({ id: 'logs.save', keys: ['S'], scope: 'logs', hint: 'save', description: 'Save the shown lines, or the full log, to a file (asks before overwriting)' }),

  // History and jobs views (lists in an overlay); they read these keys themselves.
  a({ id: 'overlay.close', keys: ['escape'], scope: 'overlay', hint: 'close', description: 'Close the history or jobs view (jobs go on)' }),
  a({ id: 'overlay.move', keys: ['j', 'k', 'down', 'up'], scope: 'overlay', hint: 'move', description: 'Move the selection' }),
  a({ id: 'overlay.page', keys: ['pagedown', 'pageup', 'C-f', 'C-b'], scope: 'overlay', hint: 'page', description: 'Move one page' }),
  a({ id: 'overlay.ends', keys: ['g', 'G', 'home', 'end'], scope: 'overlay', hint: 'ends', description: 'Go to the first or last row' }),
  a({ id: 'overlay.details', keys: ['enter'], scope: 'overlay', hint: 'details', description: 'Show the full text of the selected layer or job' }),
  a({ id: 'jobs.cancel', keys: ['c'], scope: 'overlay', hint: 'cancel', description: 'Cancel the selected running build, pull or push (jobs view)' }),

  a({ id: 'help.close', keys: ['escape', '?', 'q'], scope: 'help', hint: 'close', description: 'Close the help', footer: true }),
  a({ id: 'help.down', keys: ['j', 'down'], scope: 'help', hint: 'scroll', description: 'Scroll the help' }),
  a({ id: 'help.up', keys: ['k', 'up'], scope: 'help', hint: 'scroll', description: 'Scroll the help back' }),
];

/** Keys shown as people write them: "C-c" -> "ctrl-c". */
export function keyLabel(key: string): string {
  return key.replace(/^C-/, 'ctrl-').replace(/^M-/, 'alt-').replace(/^S-/, 'shift-');
}

export function actionsIn(scope: Scope): Action[] {
  return ACTIONS.filter((x) => x.scope === scope);
}

/** Why an action cannot run now: read-only mode first, then its own rule. */
export function whyNot(action: Action, ctx: ActionContext): string | undefined {
  if (action.destructive && ctx.readOnly) return `Read-only mode: "${action.description}" is turned off (started with --read-only).`;
  return action.whyNot?.(ctx);
}

/** Finds keys bound to two actions that can be active together (same scope, or a scope and global). */
export function keyCollisions(actions: readonly Action[] = ACTIONS): string[] {
  const problems: string[] = [];
  const scopes = [...new Set(actions.map((x) => x.scope))];
  for (const scope of scopes) {
    if (MODAL_SCOPES.includes(scope)) continue;
    const active = actions.filter((x) => x.scope === scope || (scope !== 'global' && x.scope === 'global'));
    const seen = new Map<string, string>();
    for (const x of active) {
      for (const k of x.keys) {
        const other = seen.get(k);
        if (other && other !== x.id) problems.push(`${scope}: "${k}" is bound to both ${other} and ${x.id}`);
        seen.set(k, x.id);
      }
    }
  }
  return problems;
}
