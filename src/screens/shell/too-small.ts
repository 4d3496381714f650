// Shown instead of the panes when the terminal is too small to draw them well.
import type blessed from 'blessed';
import * as lite from '../../widgets/blessed.js';
import type { Theme } from '../../widgets/theme.js';

export class TooSmall {
  private readonly box: blessed.Widgets.BoxElement;

  constructor(
    parent: blessed.Widgets.Screen,
    private readonly theme: Theme,
    /** The quit key as bound now. */
    private readonly quitKey: string,
  ) {
    this.box = lite.box({ parent, top: 1, left: 0, width: '100%', height: '100%-2', tags: true, hidden: true });
  }

  show(cols: number, rows: number, minCols: number, minRows: number): void {
    this.box.setContent(
      `\n ${this.theme.paint('terminal too small', 'warn')}\n ${cols}x${rows}; berth needs at least ${minCols}x${minRows}.\n Make the window larger (${this.quitKey} quits).`,
    );
    this.box.show();
  }

  hide(): void {
    this.box.hide();
  }
}
