// The key list as text: the help overlay shows it and the README carries it.
import { ACTIONS, keyLabel, type Scope } from './actions.js';

const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  containers: 'Containers pane',
  images: 'Images pane',
  logs: 'Logs pane',
  overlay: 'History and jobs views',
  help: 'Help overlay',
};

export interface HelpSection {
  readonly title: string;
  readonly entries: readonly { readonly keys: string; readonly description: string }[];
}

export function helpSections(): HelpSection[] {
  const scopes = [...new Set(ACTIONS.map((a) => a.scope))];
  return scopes.map((scope) => ({
    title: SCOPE_TITLES[scope],
    entries: ACTIONS.filter((a) => a.scope === scope).map((a) => ({ keys: a.keys.map(keyLabel).join(', '), description: a.description })),
  }));
}

/** The README's key list, as a markdown table per section. */
export function keysMarkdown(): string {
  return helpSections()
    .map((s) => [`**${s.title}**`, '', '| keys | action |', '| --- | --- |', ...s.entries.map((e) => `| ${e.keys.replace(/\|/g, '\\|')} | ${e.description} |`)].join('\n'))
    .join('\n\n');
}
