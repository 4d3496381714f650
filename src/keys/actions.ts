// The one table of actions. It drives the key bindings, the footer hints, the help
// overlay and the README's key list (a test checks that they agree).

export type Scope = 'global' | 'containers' | 'help';

export interface ActionContext {
  /** Is something selected in the focused list? */
  readonly hasSelection: boolean;
}

export interface Action {
  readonly id: string;
  /** Keys in blessed's naming ("q", "C-c", "up", "S-g" is written "G"). */
  readonly keys: readonly string[];
  readonly scope: Scope;
  /** Short label for the footer. */
  readonly hint: string;
  /** One line for the help overlay and the README. */
  readonly description: string;
  readonly destructive: boolean;
  /** Shown in the footer (the most used ones only: the footer is one line). */
  readonly footer: boolean;
  /** Why it cannot apply now, or undefined when it can. */
  readonly whyNot?: (ctx: ActionContext) => string | undefined;
}

export const ACTIONS: readonly Action[] = [
  { id: 'quit', keys: ['q', 'C-c'], scope: 'global', hint: 'quit', description: 'Quit berth', destructive: false, footer: true },
  { id: 'help', keys: ['?'], scope: 'global', hint: 'help', description: 'Show or hide this help', destructive: false, footer: true },
  { id: 'cursor.down', keys: ['j', 'down'], scope: 'containers', hint: 'down', description: 'Move the selection down', destructive: false, footer: false },
  { id: 'cursor.up', keys: ['k', 'up'], scope: 'containers', hint: 'up', description: 'Move the selection up', destructive: false, footer: false },
  { id: 'cursor.top', keys: ['g', 'home'], scope: 'containers', hint: 'top', description: 'Go to the first row', destructive: false, footer: false },
  { id: 'cursor.bottom', keys: ['G', 'end'], scope: 'containers', hint: 'bottom', description: 'Go to the last row', destructive: false, footer: false },
  { id: 'cursor.pageDown', keys: ['pagedown', 'C-f'], scope: 'containers', hint: 'page down', description: 'Move one page down', destructive: false, footer: false },
  { id: 'cursor.pageUp', keys: ['pageup', 'C-b'], scope: 'containers', hint: 'page up', description: 'Move one page up', destructive: false, footer: false },
  { id: 'containers.toggleAll', keys: ['a'], scope: 'containers', hint: 'all/running', description: 'Show all containers or only running ones (docker ps -a)', destructive: false, footer: true },
  { id: 'help.close', keys: ['escape', '?', 'q'], scope: 'help', hint: 'close', description: 'Close the help', destructive: false, footer: true },
];

/** Keys shown as people write them: "C-c" -> "ctrl-c". */
export function keyLabel(key: string): string {
  return key.replace(/^C-/, 'ctrl-').replace(/^M-/, 'alt-').replace(/^S-/, 'shift-');
}

export function actionsIn(scope: Scope): Action[] {
  return ACTIONS.filter((a) => a.scope === scope);
}

/** Finds keys bound to two actions that can be active together (same scope, or a scope and global). */
export function keyCollisions(actions: readonly Action[] = ACTIONS): string[] {
  const problems: string[] = [];
  const scopes = [...new Set(actions.map((a) => a.scope))];
  for (const scope of scopes) {
    if (scope === 'help') continue; // the help overlay takes all keys while it is open
    const active = actions.filter((a) => a.scope === scope || (scope !== 'global' && a.scope === 'global'));
    const seen = new Map<string, string>();
    for (const a of active) {
      for (const k of a.keys) {
        const other = seen.get(k);
        if (other && other !== a.id) problems.push(`${scope}: "${k}" is bound to both ${other} and ${a.id}`);
        seen.set(k, a.id);
      }
    }
  }
  return problems;
}
