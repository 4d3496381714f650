// The text filter of a list pane or view: its key opens the filter prompt in the footer (every
// change applies at once, the shell redraws after each key), and the pane's label notes it.
import type { Shell } from './view.js';

export interface ListFilter {
  /** The text now ('' when none). */
  readonly value: string;
  /** " /text" for the pane's label ('' when none). */
  readonly note: string;
  /** The handler of the pane's filter action: opens the prompt on the text now. */
  readonly start: () => void;
  /** The empty table's text: that the filter hides every row, or `none` when there is no filter. */
  empty(none: string): string;
}

export function listFilter(shell: Shell, label: string): ListFilter {
  let value = '';
  return {
    get value() {
      return value;
    },
    get note() {
      return value ? ` /${value}` : '';
    },
    start: () =>
      shell.startFilter(label, {
        value,
        set: (v) => {
          value = v;
        },
      }),
    empty: (none) => (value ? 'Nothing matches the filter.' : none),
  };
}
