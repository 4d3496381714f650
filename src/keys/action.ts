// What an action is: the one record that drives a key binding, its footer hint, its help
// entry, the README's key list, read-only mode and the reason it cannot apply now.
import type { ContainerState } from '../docker/containers.js';

/**
 * Where an action is active. Panes and views have their own scope (`stack` holds the keys of
 * every view on top of the panes, active with the view's own); `dialog`, `filter`,
 * `overlay` and `help` are the keys of modal widgets, which take every key while open.
 */
export type Scope =
  | 'global'
  | 'stack'
  | 'view'
  | 'detail'
  | 'help'
  | 'palette'
  | 'overlay'
  | 'dialog'
  | 'filter'
  // A pane's or a view's own scope ('containers', 'volumes', 'events'...): the set is open, so a
  // new kind brings its scope with its folder.
  | (string & {});

/** Scopes of modal widgets: they take every key while open, so they never collide with the others. */
export const MODAL_SCOPES: readonly Scope[] = ['help', 'palette', 'overlay', 'dialog', 'filter'];

export interface ActionContext {
  /** Is something selected in the focused list? */
  readonly hasSelection: boolean;
  readonly readOnly: boolean;
  /** The selected container, in the containers pane. */
  readonly container?: { readonly state: ContainerState; readonly project?: string };
  /** Why the selected object cannot be changed (a predefined network, say). */
  readonly protectedReason?: string;
  /** How many rows are marked: an action then applies to them, each checked on its own. */
  readonly marked?: number;
}

export interface Action<I extends string = string, S extends Scope = Scope> {
  readonly id: I;
  /** Keys in blessed's naming ("q", "C-c", "up", "S-tab"); capitals are typed characters. */
  readonly keys: readonly string[];
  readonly scope: S;
  /** Short label for the footer. */
  readonly hint: string;
  /** One line for the help overlay and the README. */
  readonly description: string;
  /** Changes something on the engine or the disk: refused in read-only mode. */
  readonly changes: boolean;
  /** Shown in the footer (the most used ones only: the footer is one line). */
  readonly footer: boolean;
  /** Why it cannot apply now, or undefined when it can. */
  readonly whyNot?: (ctx: ActionContext) => string | undefined;
}

type Row<I extends string, S extends Scope> = Omit<Action<I, S>, 'changes' | 'footer'> & { changes?: boolean; footer?: boolean };

/** One row of an action table; keeps the id and scope as literal types so handlers are checked. */
export const action = <I extends string, S extends Scope>(r: Row<I, S>): Action<I, S> => ({ changes: false, footer: false, ...r });

export const needSelection = (what: string) => (ctx: ActionContext) => (ctx.hasSelection || ctx.marked ? undefined : `No ${what} is selected.`);

export const needState =
  (allowed: readonly ContainerState[], sentence: (s: ContainerState) => string) =>
  (ctx: ActionContext): string | undefined => {
    if (ctx.marked) return undefined;
    if (!ctx.container) return 'No container is selected.';
    return allowed.includes(ctx.container.state) ? undefined : sentence(ctx.container.state);
  };

/** A selected object that may change: not protected (predefined networks and the like). */
export const needChangeable = (what: string) => (ctx: ActionContext) => (ctx.marked ? undefined : ctx.hasSelection ? ctx.protectedReason : `No ${what} is selected.`);

/** Marking rows for an action on many at once: mark one, mark all shown, clear. */
export function markActions<P extends string, S extends Scope>(prefix: P, scope: S, noun: string) {
  return [
    action({ id: `${prefix}.mark` as `${P}.mark`, keys: ['space'], scope, hint: 'mark', description: `Mark or unmark the selected ${noun} (actions then apply to every marked one)` }),
    action({ id: `${prefix}.markShown` as `${P}.markShown`, keys: ['*'], scope, hint: 'mark all', description: `Mark every ${noun} shown (after a filter: only those)` }),
    action({ id: `${prefix}.unmark` as `${P}.unmark`, keys: ['escape'], scope, hint: 'unmark', description: 'Clear the marks' }),
  ] as const;
}

/** The six cursor moves every list has, in its own scope and with its own id prefix. */
export function cursorActions<P extends string, S extends Scope>(prefix: P, scope: S) {
  return [
    action({ id: `${prefix}.down` as `${P}.down`, keys: ['j', 'down'], scope, hint: 'down', description: 'Move the selection down' }),
    action({ id: `${prefix}.up` as `${P}.up`, keys: ['k', 'up'], scope, hint: 'up', description: 'Move the selection up' }),
    action({ id: `${prefix}.top` as `${P}.top`, keys: ['g', 'home'], scope, hint: 'top', description: 'Go to the first row' }),
    action({ id: `${prefix}.bottom` as `${P}.bottom`, keys: ['G', 'end'], scope, hint: 'bottom', description: 'Go to the last row' }),
    action({ id: `${prefix}.pageDown` as `${P}.pageDown`, keys: ['pagedown', 'C-f'], scope, hint: 'page down', description: 'Move one page down' }),
    action({ id: `${prefix}.pageUp` as `${P}.pageUp`, keys: ['pageup', 'C-b'], scope, hint: 'page up', description: 'Move one page up' }),
  ] as const;
}

/** Keys shown as people write them: "C-c" -> "ctrl-c", "escape" -> "esc". */
export function keyLabel(key: string): string {
  if (key === 'escape') return 'esc';
  return key.replace(/^C-/, 'ctrl-').replace(/^M-/, 'alt-').replace(/^S-/, 'shift-');
}

/** Why an action cannot run now: read-only mode first, then its own rule. */
export function whyNot(a: Action, ctx: ActionContext): string | undefined {
  if (a.changes && ctx.readOnly) return `Read-only mode: "${a.description}" is turned off (started with --read-only).`;
  return a.whyNot?.(ctx);
}

/** Two actions on one key where both can be active together. */
export interface KeyClash {
  readonly scope: Scope;
  readonly key: string;
  /** The action that had the key first (in table order), and the one that wants it too. */
  readonly first: string;
  readonly second: string;
}

/** Finds keys bound to two actions that can be active together (same scope, or a scope and global). */
export function keyClashes(actions: readonly Action[]): KeyClash[] {
  const clashes: KeyClash[] = [];
  const scopes = [...new Set(actions.map((x) => x.scope))];
  for (const scope of scopes) {
    const active = actions.filter((x) => x.scope === scope || (!MODAL_SCOPES.includes(scope) && scope !== 'global' && x.scope === 'global'));
    const seen = new Map<string, string>();
    for (const x of active) {
      for (const k of x.keys) {
        const other = seen.get(k);
        if (other && other !== x.id) clashes.push({ scope, key: k, first: other, second: x.id });
        seen.set(k, x.id);
      }
    }
  }
  return clashes;
}

export function keyCollisions(actions: readonly Action[]): string[] {
  return keyClashes(actions).map((c) => `${c.scope}: "${c.key}" is bound to both ${c.first} and ${c.second}`);
}
