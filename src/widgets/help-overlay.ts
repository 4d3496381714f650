// The help overlay: every key of every scope, from the action table's text.
import blessed from 'blessed';
import { fit } from '../render/text.js';
import { escapeTags, type Theme } from './theme.js';

export interface HelpContent {
  readonly title: string;
  readonly entries: readonly { readonly keys: string; readonly description: string }[];
}

export class HelpOverlay {
  readonly box: blessed.Widgets.BoxElement;

  constructor(parent: blessed.Widgets.Screen, sections: readonly HelpContent[], theme: Theme) {
    const keyWidth = Math.max(8, ...sections.flatMap((s) => s.entries.map((e) => e.keys.length)));
    const lines: string[] = [];
    for (const s of sections) {
      if (lines.length) lines.push('');
      lines.push(theme.paint(escapeTags(s.title), 'accent'));
      for (const e of s.entries) lines.push(`  ${theme.paint(escapeTags(fit(e.keys, keyWidth)), 'ok')}  ${escapeTags(e.description)}`);
    }
    lines.push('', theme.paint('esc, ? or q closes this help', 'muted'));
    this.box = blessed.box({
      parent,
      label: ' help ',
      top: 'center',
      left: 'center',
      width: '90%',
      height: '90%',
      border: { type: 'line' },
      tags: true,
      scrollable: true,
      alwaysScroll: true,
      keys: false,
      content: lines.join('\n'),
      hidden: true,
      style: { border: { fg: theme.border } },
    });
  }

  get visible(): boolean {
    return !this.box.hidden;
  }

  show(): void {
    this.box.show();
    this.box.setFront();
  }

  hide(): void {
    this.box.hide();
  }

  scroll(lines: number): void {
    this.box.scroll(lines);
  }
}
