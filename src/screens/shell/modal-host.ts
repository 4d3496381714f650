// The modal stack (dialogs, overlays) and what keys mean inside them, from the action
// table: widgets get commands, never key names.
import type blessed from 'blessed';
import type { Action } from '../../keys/action.js';
import { actionFor } from '../../keys/dispatch.js';
import type { Modal, ModalHost } from '../../widgets/dialogs.js';
import type { Theme } from '../../widgets/theme.js';
import type { DialogCommand, OverlayCommand, WidgetKeys } from '../../widgets/widget-keys.js';
import { hintLine } from '../hints.js';

export interface ModalStack extends ModalHost {
  /** The modal that takes keys now, if any. */
  top(): Modal | undefined;
}

export function widgetKeys(actions: readonly Action[]): WidgetKeys {
  const command = <C extends string>(scope: 'dialog' | 'overlay') => (k: { full?: string; ch?: string }) => {
    const a = actionFor(k, [scope], actions);
    return a ? (a.id.slice(scope.length + 1) as C) : undefined;
  };
  const hints = {
    dialog: hintLine(actions, [['dialog.cancel', 'cancel']]),
    prompt: hintLine(actions, [['dialog.submit', 'ok'], ['dialog.cancel', 'cancel']]),
    form: hintLine(actions, [['dialog.next', 'next field'], ['dialog.change', 'change choice'], ['dialog.submit', 'ok'], ['dialog.cancel', 'cancel']]),
    overlay: hintLine(actions, [['overlay.down', 'move'], ['overlay.pageDown', 'page'], ['overlay.close', 'close']]),
  };
  return {
    dialog: command<DialogCommand>('dialog'),
    overlay: command<OverlayCommand>('overlay'),
    hint: (kind) => hints[kind],
  };
}

export function modalStack(screen: blessed.Widgets.Screen, theme: Theme, actions: readonly Action[], requestFrame: () => void): ModalStack {
  const modals: Modal[] = [];
  return {
    screen,
    theme,
    keys: widgetKeys(actions),
    push(m) {
      modals.push(m);
      requestFrame();
    },
    pop(m) {
      const i = modals.indexOf(m);
      if (i >= 0) modals.splice(i, 1);
      m.close();
      requestFrame();
    },
    requestRender: requestFrame,
    top: () => modals[modals.length - 1],
  };
}
