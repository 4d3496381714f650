// A filter being typed into the footer: every change applies at once; keep or clear ends it.
import type { Action } from '../../keys/action.js';
import { actionFor, type KeyPress } from '../../keys/dispatch.js';
import { cell, type Cell } from '../../render/cells.js';
import { LineEditor } from '../../widgets/line-editor.js';
import { hintLine } from '../hints.js';
import type { LineInput } from '../view.js';

export class FilterInput {
  private readonly editor: LineEditor;

  constructor(
    private readonly label: string,
    private readonly input: LineInput,
  ) {
    this.editor = new LineEditor(input.value);
  }

  /** Applies a key; 'done' when the filter was kept or cleared. */
  key(press: KeyPress, actions: readonly Action[]): 'done' | 'typing' {
    const id = actionFor(press, ['filter'], actions)?.id;
    if (id === 'filter.clear') this.editor.set('');
    else if (id !== 'filter.keep') this.editor.handle(press);
    this.input.set(this.editor.value);
    return id === 'filter.keep' || id === 'filter.clear' ? 'done' : 'typing';
  }

  cells(actions: readonly Action[]): Cell[] {
    return [cell(`filter ${this.label}: ${this.editor.value}▏`, 'accent'), cell(hintLine(actions, [['filter.keep', 'keep'], ['filter.clear', 'clear']]), 'muted')];
  }
}
