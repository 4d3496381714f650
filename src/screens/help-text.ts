// The key list as text: the help overlay shows it and the README carries it.
import { keyLabel, type Action } from '../keys/action.js';
import type { HelpContent } from '../widgets/help-overlay.js';

/** Titles of the core scopes; panes and views give their own (see the registry). */
const CORE_TITLES: Readonly<Record<string, string>> = {
  global: 'Everywhere',
  stack: 'Any view over the panes',
  view: 'Inspect views',
  detail: 'Container detail',
  overlay: 'History and jobs views',
  dialog: 'Dialogs and forms',
  filter: 'While typing a filter',
  help: 'Help overlay',
  palette: 'Command palette (:)',
};

export function helpSections(actions: readonly Action[], titles: Readonly<Record<string, string>> = {}): HelpContent[] {
  const scopes = [...new Set(actions.map((a) => a.scope))];
  return scopes.map((scope) => ({
    title: titles[scope] ?? CORE_TITLES[scope] ?? scope,
    entries: actions.filter((a) => a.scope === scope).map((a) => ({ keys: a.keys.map(keyLabel).join(', '), description: a.description })),
  }));
}

/** The README's key list, as a markdown table per section. */
export function keysMarkdown(actions: readonly Action[], titles: Readonly<Record<string, string>> = {}): string {
  return helpSections(actions, titles)
    .map((s) => [`**${s.title}**`, '', '| keys | action |', '| --- | --- |', ...s.entries.map((e) => `| ${e.keys.replace(/\|/g, '\\|')} | ${e.description} |`)].join('\n'))
    .join('\n\n');
}
