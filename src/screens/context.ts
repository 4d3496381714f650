// What every screen part needs: the store, the task runner, dialogs, the engine port and
// the app's services. Screens reach the daemon only through `engine`.
import type { EnginePort } from '../docker/port.js';
import type { Action } from '../keys/action.js';
import type { ContainerSortKey } from '../render/containers.js';
import type { EventLog } from '../state/event-log.js';
import type { Jobs } from '../state/jobs.js';
import type { Store } from '../state/store.js';
import type { TaskRunner } from '../state/tasks.js';
import type { ModalHost } from '../widgets/dialogs.js';

export interface ScreenContext {
  readonly store: Store;
  readonly tasks: TaskRunner;
  readonly host: ModalHost;
  /** The current daemon (host switching rebinds it underneath). */
  readonly engine: EnginePort;
  /** Builds, pulls and pushes: the app's, so they outlive any view. */
  readonly jobs: Jobs;
  /** The engine events seen so far (the events view reads them). */
  readonly events: EventLog;
  /** The whole action table, for hints that name keys as they are bound. */
  readonly actions: readonly Action[];
  /** Asks for a reload of a kind after an action (events usually arrive first). */
  refresh(kind: string): void;
  readonly readOnly: boolean;
  /** Start-up settings (flags and the config file). */
  readonly settings: Settings;
  /** Switches to another daemon (a context name or a host URL); resolves with why not, if it could not. */
  switchHost(target: { context?: string; host?: string }): Promise<string | undefined>;
  /** The running containers shown now, for stats streams and exact times (empty while covered). */
  visible(ids: readonly string[], opts: { readonly stats: boolean }): void;
  /**
   * Puts text on the terminal's clipboard (OSC 52) when the config turned that on; false
   * when it did not. Callers always show the text in the status line too.
   */
  copy(text: string): boolean;
  /** Hands the real terminal to `run` (a shell in a container) and takes it back after. */
  suspend<T>(run: () => Promise<T>): Promise<T>;
}

/** What the flags and the config file set for the screens. */
export interface Settings {
  /** Live CPU and memory columns at start. */
  readonly stats: boolean;
  /** Log lines loaded when the logs pane starts following a container. */
  readonly logLines: number;
  /** The containers pane's first order. */
  readonly sort: { readonly by: ContainerSortKey; readonly descending: boolean };
  /** Shells tried in order for exec. */
  readonly shells: readonly string[];
  /** Copies (y) also go to the terminal's clipboard with OSC 52. */
  readonly clipboard: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  stats: true,
  logLines: 500,
  sort: { by: 'state', descending: false },
  shells: ['bash', 'zsh', 'ash', 'sh'],
  clipboard: false,
};
