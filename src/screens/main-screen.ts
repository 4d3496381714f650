// The main screen: containers table, status bar, footer of key hints, help overlay.
import type blessed from 'blessed';
import { actionFor } from '../keys/dispatch.js';
import { ACTIONS, keyLabel, type Scope } from '../keys/actions.js';
import { helpSections } from '../keys/help-text.js';
import { cell } from '../render/cells.js';
import { containerTable } from '../render/containers.js';
import { statusCells } from '../render/status.js';
import type { Snapshot, Store } from '../state/store.js';
import { DataTable } from '../widgets/data-table.js';
import { frameScheduler } from '../widgets/frame-scheduler.js';
import { HelpOverlay } from '../widgets/help-overlay.js';
import { LineBar } from '../widgets/line.js';
import type { Theme } from '../widgets/theme.js';

export interface MainScreenDeps {
  readonly screen: blessed.Widgets.Screen;
  readonly store: Store;
  readonly theme: Theme;
  readonly endpointUrl: string;
  readonly endpointSource: string;
  readonly quit: () => void;
}

export interface MainScreen {
  /** Releases subscriptions, timers and key handlers. */
  close(): void;
}

export function openMainScreen(deps: MainScreenDeps): MainScreen {
  const { screen, store, theme } = deps;
  const status = new LineBar(screen, { top: 0 }, theme);
  const table = new DataTable({ parent: screen, label: 'containers', theme, top: 1, height: '100%-2', emptyText: 'No running containers (a: show all).' });
  const footer = new LineBar(screen, { bottom: 0 }, theme);
  const help = new HelpOverlay(screen, helpSections(), theme);
  let showAll = false;
  let message: string | undefined;

  const frames = frameScheduler(() => {
    paint(store.snapshot);
    screen.render();
  });

  function scopes(): Scope[] {
    return help.visible ? ['help'] : ['containers', 'global'];
  }

  function paint(snap: Snapshot): void {
    const model = containerTable(snap.containers, { all: showAll });
    table.setModel(model);
    table.setLabel(showAll ? 'containers (all)' : 'containers (running)');
    table.setEmptyText(
      !snap.containersLoaded ? 'Loading…' : showAll ? 'No containers.' : 'No running containers (a: show all).',
    );
    table.draw();
    const running = snap.containers.filter((c) => c.state === 'running').length;
    status.set(
      statusCells({
        endpointUrl: deps.endpointUrl,
        endpointSource: deps.endpointSource,
        ...(snap.engineVersion ? { engineVersion: snap.engineVersion } : {}),
        connection: snap.connection.status,
        ...(snap.connection.error ? { connectionError: snap.connection.error } : {}),
        running,
        total: snap.containers.length,
        showingAll: showAll,
      }),
    );
    const hints = ACTIONS.filter((a) => a.footer && scopes().includes(a.scope)).map((a) => cell(`${keyLabel(a.keys[0]!)} ${a.hint}`, 'muted'));
    footer.set(message ? [cell(message, 'warn'), ...hints] : hints);
  }

  const handlers: Record<string, () => void> = {
    quit: () => deps.quit(),
    help: () => help.show(),
    'help.close': () => help.hide(),
    'cursor.down': () => table.move(1),
    'cursor.up': () => table.move(-1),
    'cursor.top': () => table.moveTo(0),
    'cursor.bottom': () => table.moveTo(table.rowCount - 1),
    'cursor.pageDown': () => table.move(table.pageSize()),
    'cursor.pageUp': () => table.move(-table.pageSize()),
    'containers.toggleAll': () => {
      showAll = !showAll;
    },
  };

  const onKey = (ch: string | undefined, key: { full?: string } | undefined) => {
    const action = actionFor({ ...(key?.full ? { full: key.full } : {}), ...(ch ? { ch } : {}) }, scopes());
    if (!action) return;
    const why = action.whyNot?.({ hasSelection: table.selected !== undefined });
    message = why;
    if (!why) handlers[action.id]?.();
    frames.request();
  };
  screen.on('keypress', onKey);
  const onResize = () => frames.request();
  screen.on('resize', onResize);
  const unsubscribe = store.subscribe(() => frames.request());
  paint(store.snapshot);
  screen.render();

  return {
    close() {
      unsubscribe();
      frames.stop();
      screen.removeListener('keypress', onKey);
      screen.removeListener('resize', onResize);
    },
  };
}
