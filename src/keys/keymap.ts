// The user's key map: key names as people write them, turned into blessed's names, and the
// effective action table (the defaults with the user's bindings laid over them). Everything
// that reads keys (dispatcher, footer, help, hints, widget commands) reads this one table.
import type { Action } from './action.js';

/** Keys blessed names by word (what `key.full` carries, without modifiers). */
const NAMED = new Set([
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'insert', 'delete',
  'enter', 'escape', 'tab', 'backspace', 'space',
  'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12',
]);

/** Other ways people write the same keys. "return" is blessed's second event for enter: binding it would fire twice. */
const ALIASES: Record<string, string> = {
  esc: 'escape',
  return: 'enter',
  ret: 'enter',
  pgup: 'pageup',
  pgdn: 'pagedown',
  pgdown: 'pagedown',
  del: 'delete',
  ins: 'insert',
  bs: 'backspace',
};

const MODIFIERS: Record<string, string> = { 'C-': 'C-', 'ctrl-': 'C-', 'ctrl+': 'C-', 'M-': 'M-', 'alt-': 'M-', 'alt+': 'M-', 'meta-': 'M-', 'S-': 'S-', 'shift-': 'S-', 'shift+': 'S-' };

/** blessed writes modifiers in this order: C-M-S-name. */
const ORDER = ['C-', 'M-', 'S-'];

/**
 * A key as blessed names it ("C-s", "S-tab", "escape", "G"), from how a person writes it
 * ("ctrl-s", "shift-tab", "esc", "G"); undefined when it is no key blessed can report.
 */
export function parseKey(written: string): string | undefined {
  if (written === ' ') return 'space';
  let rest = written.trim();
  const mods = new Set<string>();
  for (;;) {
    const prefix = Object.keys(MODIFIERS).find((p) => rest.length > p.length && rest.toLowerCase().startsWith(p.toLowerCase()) && (p.length > 2 || rest.startsWith(p)));
    if (!prefix) break;
    mods.add(MODIFIERS[prefix]!);
    rest = rest.slice(prefix.length);
  }
  let base: string;
  const lower = rest.toLowerCase();
  if (NAMED.has(lower)) base = lower;
  else if (ALIASES[lower]) base = ALIASES[lower];
  else if ([...rest].length === 1 && /^[^\s\p{C}]$/u.test(rest)) base = mods.size ? rest.toLowerCase() : rest;
  else return undefined;
  // A lone typed character is matched by the character itself ("G", "?"); with modifiers,
  // blessed reports letters in lower case ("C-s").
  return ORDER.filter((m) => mods.has(m)).join('') + base;
}

/**
 * The effective action table: each bound action's keys replaced by the user's (already
 * parsed with `parseKey`), the rest as they were, in the same order.
 */
export function applyBindings<A extends Action>(actions: readonly A[], bindings: ReadonlyMap<string, readonly string[]>): A[] {
  return actions.map((a) => {
    const keys = bindings.get(a.id);
    return keys ? { ...a, keys: [...keys] } : a;
  });
}
