// The key list as text: the help overlay shows it and the README carries it.
import { keyLabel, type Action, type Scope } from '../keys/action.js';
import type { HelpContent } from '../widgets/help-overlay.js';

const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  containers: 'Containers pane',
  images: 'Images pane',
  logs: 'Logs pane',
  volumes: 'Volumes pane',
  networks: 'Networks pane',
  events: 'Events view',
  stack: 'Any view over the panes',
  view: 'Inspect views',
  overlay: 'History and jobs views',
  dialog: 'Dialogs and forms',
  filter: 'While typing a filter',
  help: 'Help overlay',
  palette: 'Command palette (:)',
};

export function helpSections(actions: readonly Action[]): HelpContent[] {
  const scopes = [...new Set(actions.map((a) => a.scope))];
  return scopes.map((scope) => ({
    title: SCOPE_TITLES[scope],
    entries: actions.filter((a) => a.scope === scope).map((a) => ({ keys: a.keys.map(keyLabel).join(', '), description: a.description })),
  }));
}

/** The README's key list, as a markdown table per section. */
export function keysMarkdown(actions: readonly Action[]): string {
  return helpSections(actions)
    .map((s) => [`**${s.title}**`, '', '| keys | action |', '| --- | --- |', ...s.entries.map((e) => `| ${e.keys.replace(/\|/g, '\\|')} | ${e.description} |`)].join('\n'))
    .join('\n\n');
}
