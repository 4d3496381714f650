// The container detail view's rows of the action table: the text keys every view has
// (scroll, search, save, esc), then moving between sections and the container's actions.
import { action, type Action } from '../../keys/action.js';
import { VIEW_ACTIONS } from '../../keys/core-actions.js';

const scope = 'detail';

type AsDetail<A> = A extends Action<`view.${infer R}`, 'view'> ? Action<`detail.${R}`, typeof scope> : never;

/** The inspect view's text keys, bound the same in the detail view (its own scope and ids). */
const textKeys = <const A extends readonly Action[]>(rows: A) =>
  // Esc is every view's own ('stack' scope): only the 'view' rows are copied.
  rows.filter((a) => a.scope === 'view').map((a) => ({ ...a, id: a.id.replace(/^view\./, 'detail.'), scope })) as unknown as { readonly [K in keyof A]: AsDetail<A[K]> };

const notRunning = (ctx: { container?: { state: string } }, what: string) =>
  !ctx.container ? 'The container is still loading.' : ctx.container.state === 'running' ? undefined : `${what} (it is ${ctx.container.state}).`;

export const DETAIL_ACTIONS = [
  ...textKeys(VIEW_ACTIONS),
  action({ id: 'detail.nextSection', keys: ['l', 'right'], scope, hint: 'next section', description: 'Show the next section (overview, env, mounts, health, processes, graphs, raw)', footer: true }),
  action({ id: 'detail.prevSection', keys: ['h', 'left'], scope, hint: 'prev section', description: 'Show the previous section' }),
  action({ id: 'detail.copy', keys: ['y'], scope, hint: 'copy', description: "Show the value of the line the search is on (else the container's full id) in the status line, and copy it with clipboard: true in the config" }),
  action({ id: 'detail.reveal', keys: ['v'], scope, hint: 'reveal', description: 'Show or mask the values of variables that look secret (Env)' }),
  action({
    id: 'detail.kill',
    keys: ['K'],
    scope,
    hint: 'kill',
    description: 'Send a signal to the container (TERM, KILL, HUP, INT, USR1, USR2, or typed)',
    changes: true,
    footer: true,
    whyNot: (ctx) => notRunning(ctx, 'Only a running container can be sent a signal'),
  }),
  action({ id: 'detail.rename', keys: ['R'], scope, hint: 'rename', description: 'Rename the container', changes: true, footer: true }),
] as const;
