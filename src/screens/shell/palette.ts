// The `:` command palette (like k9s's): every action berth has, found by typing part of
// its description, hint, id or key, and every pane and view as `:name`. Enter runs the choice
// through the same gate as its key (why-not and read-only apply); an action of another
// pane focuses that pane first.
import { MODAL_SCOPES, keyLabel, type Action, type Scope } from '../../keys/action.js';
import { actionFor } from '../../keys/dispatch.js';
import { cell } from '../../render/cells.js';
import { bestScore } from '../../render/fuzzy.js';
import type { ModalHost } from '../../widgets/dialogs.js';
import { PickList, type PickCommand, type PickItem } from '../../widgets/pick-list.js';
import { hintLine } from '../hints.js';

export interface PaletteTarget {
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly where: string;
  /** What typing matches against. */
  readonly texts: readonly string[];
  run(): void;
}

export interface PaletteSources {
  readonly actions: readonly Action[];
  readonly panes: readonly { readonly id: string; readonly title: string; readonly scope: Scope }[];
  /** The action ids that open views from anywhere ('events.show': the view is :events). */
  readonly viewOpeners: readonly string[];
  /** The scopes keys reach now, the first most specific (the focused pane's, or the open view's, then global). */
  readonly active: readonly Scope[];
  runAction(a: Action): void;
  focusPane(id: string): void;
}

/** Everything the palette offers, in the order shown before anything is typed. */
export function paletteTargets(s: PaletteSources): PaletteTarget[] {
  const paneOf = (scope: Scope) => s.panes.find((p) => p.scope === scope);
  const whereOf = (scope: Scope) => (scope === 'global' ? 'everywhere' : paneOf(scope)?.title ?? 'this view');
  const keyOf = (a: Action | undefined) => (a ? a.keys.map(keyLabel).join(' ') : '');
  // Panes and views are offered by name; their focus and open actions would only repeat them.
  const named = new Set([...s.panes.map((p) => `focus.${p.id}`), ...s.viewOpeners]);
  const usable = s.actions.filter((a) => !MODAL_SCOPES.includes(a.scope) && a.id !== 'palette.open' && !named.has(a.id) && (s.active.includes(a.scope) || paneOf(a.scope)));
  const rank = (a: Action) => (a.scope === s.active[0] ? 0 : s.active.includes(a.scope) ? 1 : 2);
  const actionTargets = usable
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map(({ a }) => ({ id: a.id, key: keyOf(a), label: a.description, where: whereOf(a.scope), texts: [a.description, a.hint, a.id, ...a.keys.map(keyLabel)], run: () => s.runAction(a) }));
  const paneTargets = s.panes.map((p) => {
    const focus = s.actions.find((a) => a.id === `focus.${p.id}`);
    return { id: `:${p.id}`, key: keyOf(focus), label: `:${p.id}  go to the ${p.title} pane`, where: 'pane', texts: [`:${p.id}`, p.title], run: () => s.focusPane(p.id) };
  });
  const viewTargets = s.viewOpeners.flatMap((id) => {
    const opener = s.actions.find((a) => a.id === id);
    const name = `:${id.split('.')[0]}`;
    return opener ? [{ id: name, key: keyOf(opener), label: `${name}  ${opener.description}`, where: 'view', texts: [name, opener.hint, opener.description], run: () => s.runAction(opener) }] : [];
  });
  return [...paneTargets, ...viewTargets, ...actionTargets];
}

/** The targets matching a query, best first (all of them, in order, for an empty query). */
export function rankTargets(targets: readonly PaletteTarget[], query: string): PaletteTarget[] {
  if (!query.trim()) return [...targets];
  return targets
    .map((t, i) => ({ t, i, score: bestScore(query, t.texts) }))
    .filter((x): x is { t: PaletteTarget; i: number; score: number } => x.score !== undefined)
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map((x) => x.t);
}

export function openPalette(host: ModalHost, actions: readonly Action[], targets: readonly PaletteTarget[]): PickList {
  const commands: Record<string, PickCommand> = { 'palette.run': 'choose', 'palette.close': 'close', 'palette.down': 'down', 'palette.up': 'up' };
  const item = (t: PaletteTarget): PickItem => ({ id: t.id, cells: [cell(t.key, 'accent'), cell(t.label), cell(t.where, 'muted')] });
  return new PickList(host, {
    title: 'commands',
    prompt: ': ',
    help: hintLine(actions, [['palette.run', 'run'], ['palette.down', 'next'], ['palette.close', 'close']]),
    command: (k) => commands[actionFor(k, ['palette'], actions)?.id ?? ''],
    items: (query) => rankTargets(targets, query).map(item),
    onChoose: (id) => targets.find((t) => t.id === id)?.run(),
  }).open();
}
