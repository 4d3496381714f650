// How modal widgets learn their keys. The screen layer maps a key press to a command of
// the widget's kind from the one action table (and a user's key map); widgets never hold
// key names of their own.
import type { EditKey } from './line-editor.js';

export type DialogCommand = 'cancel' | 'submit' | 'next' | 'prev' | 'change' | 'changeBack';
export type OverlayCommand = 'close' | 'down' | 'up' | 'pageDown' | 'pageUp' | 'top' | 'bottom' | 'details';

export interface WidgetKeys {
  dialog(k: EditKey): DialogCommand | undefined;
  overlay(k: EditKey): OverlayCommand | undefined;
  /** A hint line naming keys as they are bound now, built by the screen ("tab: next field · esc: cancel"). */
  hint(kind: 'dialog' | 'form' | 'prompt' | 'overlay'): string;
}
