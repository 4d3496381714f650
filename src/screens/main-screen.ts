// The main screen: containers, images and logs panes, status bar, footer of key hints,
// help overlay, dialogs. Keys go to the open dialog first, then the filter being typed,
// then the focused pane's actions, then the global ones.
import type blessed from 'blessed';
import { ACTIONS, keyLabel, whyNot, type ActionContext, type Scope } from '../keys/actions.js';
import { actionFor } from '../keys/dispatch.js';
import { helpSections } from '../keys/help-text.js';
import { cell, type Cell } from '../render/cells.js';
import { COMPOSE_PROJECT, containerTable } from '../render/containers.js';
import { imageRowId, imageTable, parseImageRowId } from '../render/images.js';
import { PANE_ORDER, paneLayout, type PaneId } from '../render/panes.js';
import { statusCells } from '../render/status.js';
import type { Snapshot } from '../state/store.js';
import { DataTable } from '../widgets/data-table.js';
import type { Modal, ModalHost } from '../widgets/dialogs.js';
import { frameScheduler } from '../widgets/frame-scheduler.js';
import { HelpOverlay } from '../widgets/help-overlay.js';
import { LineBar } from '../widgets/line.js';
import { LineEditor } from '../widgets/line-editor.js';
import type { Theme } from '../widgets/theme.js';
import type { ScreenContext } from './context.js';
import { imageOps } from './image-ops.js';
import { mainHandlers, type MainState } from './main-handlers.js';
import { openLogsPane, type LogsPane } from './logs-pane.js';
import { TooSmall } from './too-small.js';

export interface MainScreenDeps {
  readonly screen: blessed.Widgets.Screen;
  readonly theme: Theme;
  readonly quit: () => void;
  /** Called after each paint with the running containers on screen (for stats streams). */
  readonly onVisible?: (visibleIds: readonly string[], opts: { readonly stats: boolean }) => void;
  /** Start with the live CPU and memory columns (off with --no-stats). */
  readonly stats?: boolean;
}

export interface MainScreen {
  close(): void;
}

const MESSAGE_MS = 8000;

export function openMainScreen(ctxIn: Omit<ScreenContext, 'host'>, deps: MainScreenDeps): MainScreen {
  const { screen, theme } = deps;
  const store = ctxIn.store;
  const modals: Modal[] = [];
  // Most frames need the whole screen recomputed; a new log line needs only the log view,
  // which draws itself just before blessed renders. Keeping those apart makes a chatty
  // container cheap to watch.
  let fullPaint = true;
  const render = frameScheduler(() => {
    if (fullPaint) paint(store.snapshot);
    fullPaint = false;
    screen.render();
  });
  // Log lines alone redraw at most 10 times a second: enough to read, and a fifth of the
  // cost of following a chatty container at 30 (measured with npm run bench, logs20).
  const logFrames = frameScheduler(() => render.request(), 10);
  const frames = {
    request(): void {
      fullPaint = true;
      render.request();
    },
    stop: () => {
      render.stop();
      logFrames.stop();
    },
  };
  const host: ModalHost = {
    screen,
    theme,
    push: (m) => {
      modals.push(m);
      frames.request();
    },
    pop: (m) => {
      const i = modals.indexOf(m);
      if (i >= 0) modals.splice(i, 1);
      m.close();
      frames.request();
    },
    requestRender: () => frames.request(),
  };
  const ctx: ScreenContext = { ...ctxIn, host };

  const status = new LineBar(screen, { top: 0 }, theme);
  const footer = new LineBar(screen, { bottom: 0 }, theme);
  const containers = new DataTable({ parent: screen, label: 'containers', theme, top: 1, height: 10, emptyText: 'Loading…' });
  const images = new DataTable({ parent: screen, label: 'images', theme, top: 1, height: '100%-2', emptyText: 'Loading…' });
  const logs: LogsPane = openLogsPane(ctx, { parent: screen, theme, requestRender: () => logFrames.request() });
  const tooSmall = new TooSmall(screen, theme);
  const help = new HelpOverlay(screen, helpSections(), theme);

  const state: MainState = {
    focus: 'containers',
    showAll: false,
    showStats: deps.stats ?? true,
    showDangling: false,
    containerFilter: '',
    imageFilter: '',
    sort: { key: 'state', descending: false },
    filtering: undefined,
  };
  let filterEditor: LineEditor | undefined;
  // A container run or an image built a moment ago appears only with the next refresh:
  // remember it and select it once its row exists.
  let pendingContainer: string | undefined;
  let pendingImage: string | undefined;

  const selectedContainer = () => store.snapshot.containers.find((c) => c.id === containers.selected);
  const selectedImageRow = () => (images.selected ? parseImageRowId(images.selected) : undefined);

  containers.onSelect = () => {
    logs.follow(selectedContainer());
    frames.request();
  };
  // The followed container's state changes (stopped, restarted) reach the logs pane too.
  // Another daemon was chosen: its containers are others, follow afresh.
  let endpointUrl = store.snapshot.endpoint?.url;
  const unfollowState = store.subscribe((snap) => {
    if (snap.endpoint?.url !== endpointUrl) {
      endpointUrl = snap.endpoint?.url;
      logs.reset();
    }
    logs.follow(selectedContainer());
  });

  function applyLayout(): void {
    const cols = screen.width as number;
    const rows = screen.height as number;
    const layout = paneLayout(cols, rows, state.focus);
    const panes: Record<PaneId, { box: blessed.Widgets.BoxElement }> = { containers, images, logs };
    if (layout.mode === 'tooSmall') {
      for (const id of PANE_ORDER) panes[id].box.hide();
      tooSmall.show(cols, rows, layout.minCols, layout.minRows);
      return;
    }
    tooSmall.hide();
    for (const id of PANE_ORDER) {
      const r = layout.panes[id];
      const box = panes[id].box;
      if (!r) {
        // Parked below the screen as well as hidden: blessed clears where a hidden box's
        // label last was when the label changes, which blanked parts of visible panes.
        box.top = rows;
        box.hide();
        continue;
      }
      box.top = r.top;
      box.left = r.left;
      box.width = r.width;
      box.height = r.height;
      box.show();
    }
    containers.setFocused(state.focus === 'containers');
    images.setFocused(state.focus === 'images');
    logs.setFocused(state.focus === 'logs');
  }

  function scopes(): Scope[] {
    return help.visible ? ['help'] : [state.focus, 'global'];
  }

  function actionContext(): ActionContext {
    const c = state.focus === 'containers' ? selectedContainer() : undefined;
    const hasSelection = state.focus === 'containers' ? !!c : state.focus === 'images' ? !!images.selected : true;
    const project = c?.labels[COMPOSE_PROJECT];
    return { hasSelection, readOnly: ctx.readOnly, ...(c ? { container: { state: c.state, ...(project ? { project } : {}) } } : {}) };
  }

  function footerCells(snap: Snapshot): Cell[] {
    if (state.filtering && filterEditor) {
      return [cell(`filter ${state.filtering}: ${filterEditor.value}▏`, 'accent'), cell('enter keep · esc clear', 'muted')];
    }
    const out: Cell[] = [];
    const msg = snap.message;
    if (msg && (msg.level === 'error' || Date.now() - msg.atMs < MESSAGE_MS)) out.push(cell(msg.text, msg.level === 'error' ? 'error' : 'ok'));
    if (snap.busy.length) out.push(cell(`⏳ ${snap.busy[snap.busy.length - 1]}…`, 'warn'));
    const active = scopes();
    for (const a of ACTIONS) if (a.footer && active.includes(a.scope)) out.push(cell(`${keyLabel(a.keys[0]!)} ${a.hint}`, 'muted'));
    return out;
  }

  function paint(snap: Snapshot): void {
    applyLayout();
    const now = Date.now();
    containers.setModel(
      containerTable(snap.containers, { all: state.showAll, filter: state.containerFilter, sort: state.sort, now, times: snap.times, usage: snap.usage, stats: state.showStats }),
    );
    if (pendingContainer && containers.select(pendingContainer)) pendingContainer = undefined;
    const filterNote = state.containerFilter ? ` /${state.containerFilter}` : '';
    const sortNote = state.sort.key !== 'state' || state.sort.descending ? ` ↕${state.sort.key}${state.sort.descending ? '↓' : ''}` : '';
    containers.setLabel(`containers (${state.showAll ? 'all' : 'running'})${filterNote}${sortNote}`);
    containers.setEmptyText(!snap.containersLoaded ? 'Loading…' : state.containerFilter ? 'Nothing matches the filter (esc in / clears it).' : state.showAll ? 'No containers.' : 'No running containers (a: show all).');
    containers.draw();
    images.setModel(imageTable(snap.images, { dangling: state.showDangling, filter: state.imageFilter, now }));
    if (pendingImage && images.select(pendingImage)) pendingImage = undefined;
    images.setLabel(`images${state.showDangling ? ' (with dangling)' : ''}${state.imageFilter ? ` /${state.imageFilter}` : ''}`);
    images.setEmptyText(!snap.imagesLoaded ? 'Loading…' : state.imageFilter ? 'Nothing matches the filter.' : 'No images.');
    images.draw();
    logs.draw();
    const running = snap.containers.filter((c) => c.state === 'running').length;
    status.set([
      ...(ctx.readOnly ? [cell('READ-ONLY', 'warn')] : []),
      ...statusCells({
        endpointUrl: snap.endpoint?.url ?? '',
        endpointSource: snap.endpoint?.source ?? '',
        ...(snap.engineVersion ? { engineVersion: snap.engineVersion } : {}),
        connection: snap.connection.status,
        running,
        total: snap.containers.length,
        images: snap.images.length,
      }),
    ]);
    footer.set(footerCells(snap));
    const visibleRunning = containers
      .visibleIds()
      .filter((id) => snap.containers.find((c) => c.id === id)?.state === 'running');
    deps.onVisible?.(visibleRunning, { stats: state.showStats });
  }

  const ops = imageOps(ctx, {
    selectContainer: (id) => {
      state.focus = 'containers';
      state.showAll = true;
      pendingContainer = id;
      frames.request();
    },
    selectImage: (imageId, ref) => {
      pendingImage = imageRowId(imageId, ref);
      frames.request();
    },
  });
  const handlers = mainHandlers(ctx, {
    state,
    imageOps: ops,
    containers,
    images,
    logs,
    help,
    quit: deps.quit,
    selectedContainer,
    selectedImageRow,
    startFilter: (which) => {
      state.filtering = which;
      filterEditor = new LineEditor(which === 'containers' ? state.containerFilter : state.imageFilter);
    },
  });

  function filterKey(k: { full?: string; ch?: string }): void {
    if (!filterEditor || !state.filtering) return;
    const which = state.filtering;
    if (k.full === 'escape') {
      filterEditor.set('');
    } else if (k.full !== 'enter') {
      filterEditor.handle(k);
    }
    if (which === 'containers') state.containerFilter = filterEditor.value;
    else state.imageFilter = filterEditor.value;
    if (k.full === 'enter' || k.full === 'escape') {
      state.filtering = undefined;
      filterEditor = undefined;
    }
  }

  const onKey = (ch: string | undefined, key: { full?: string } | undefined) => {
    const press = { ...(key?.full ? { full: key.full } : {}), ...(ch ? { ch } : {}) };
    if (modals.length) {
      modals[modals.length - 1]!.key(press);
    } else if (state.filtering) {
      filterKey(press);
    } else {
      const action = actionFor(press, scopes());
      if (action) {
        const why = whyNot(action, actionContext());
        if (why) store.say(why, 'error');
        else handlers[action.id]?.();
      }
    }
    frames.request();
  };
  screen.on('keypress', onKey);
  const onResize = () => frames.request();
  screen.on('resize', onResize);
  const unsubscribe = store.subscribe(() => frames.request());
  // Ages in the status column move with the clock, not only with data.
  const clock = setInterval(() => frames.request(), 5000);
  paint(store.snapshot);
  screen.render();

  return {
    close() {
      clearInterval(clock);
      unfollowState();
      unsubscribe();
      frames.stop();
      logs.close();
      ops.close();
      screen.removeListener('keypress', onKey);
      screen.removeListener('resize', onResize);
    },
  };
}
