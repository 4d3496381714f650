// What every screen part needs: the store, the task runner, dialogs and the client.
import type { DockerClient } from '../docker/client.js';
import type { ResourceKind } from '../state/refresher.js';
import type { Store } from '../state/store.js';
import type { TaskRunner } from '../state/tasks.js';
import type { ModalHost } from '../widgets/dialogs.js';

export interface ScreenContext {
  readonly store: Store;
  readonly tasks: TaskRunner;
  readonly host: ModalHost;
  /** The current client (host switching may replace it). */
  docker(): DockerClient;
  /** Asks for a reload of a kind after an action (events usually arrive first). */
  refresh(kind: ResourceKind): void;
  readonly readOnly: boolean;
  /** Switches to another daemon (a context name or a host URL); resolves with why not, if it could not. */
  switchHost(target: { context?: string; host?: string }): Promise<string | undefined>;
}
