// The shell: lays out the registered panes, runs the focus ring, the status bar and the
// footer, keeps the view stack and routes keys: to the open dialog first, then the filter
// being typed, then the help, the top view or the focused pane, then the global actions.
// It knows no resource by name: panes come from the registry.
import type blessed from 'blessed';
import type { Action, Scope } from '../../keys/action.js';
import { dispatch, keysOf, runAction, type DispatchOptions, type Handler } from '../../keys/dispatch.js';
import { helpSections } from '../help-text.js';
import type { Cell } from '../../render/cells.js';
import type { Snapshot } from '../../state/store.js';
import { HelpOverlay } from '../../widgets/help-overlay.js';
import { osc52 } from '../../widgets/clipboard.js';
import { LineBar } from '../../widgets/line.js';
import type { Theme } from '../../widgets/theme.js';
import type { ScreenContext } from '../context.js';
import { customHandlers, type CustomCommand } from '../custom/command.js';
import { hintLine } from '../hints.js';
import { hostDialog } from '../host-switch.js';
import { jobsView, type JobsView } from '../jobs/jobs-view.js';
import type { PaneDef, Shell, View, ViewDef } from '../view.js';
import { ShellEventBus } from './events.js';
import { FilterInput } from './filter-input.js';
import { footerCells } from './footer.js';
import { shellFrames } from './frames.js';
import { changeCount } from '../../widgets/blessed.js';
import { placePanes, type PlacedPane } from './layout.js';
import { modalStack } from './modal-host.js';
import { listenMouse } from './mouse.js';
import { openPalette, paletteTargets } from './palette.js';
import { TooSmall } from './too-small.js';

export interface ShellDeps {
  readonly screen: blessed.Widgets.Screen;
  readonly theme: Theme;
  readonly quit: () => void;
  readonly panes: readonly PaneDef[];
  /** Views opened by a global key. */
  readonly views: readonly ViewDef[];
  readonly actions: readonly Action[];
  /** The help's titles of the panes' and views' scopes. */
  readonly helpTitles: Readonly<Record<string, string>>;
  /** Click and wheel (the config's `mouse: true`). */
  readonly mouse?: boolean;
  /** The config's custom commands (their rows are in `actions` already). */
  readonly commands?: readonly CustomCommand[];
  /** The status bar's cells for a snapshot (connection, endpoint, counts). */
  statusCells(snap: Snapshot): Cell[];
  /** Hands the terminal to `run` and takes it back (widgets/terminal-suspend). */
  suspendTerminal<T>(screen: blessed.Widgets.Screen, run: () => Promise<T>): Promise<T>;
}

export type ShellContext = Omit<ScreenContext, 'host' | 'actions' | 'suspend' | 'copy'>;

export interface OpenShell {
  readonly shell: Shell;
  readonly ctx: ScreenContext;
  close(): void;
}

export function openShell(base: ShellContext, deps: ShellDeps): OpenShell {
  const { screen, theme, actions } = deps;
  const store = base.store;
  const frames = shellFrames(
    () => paint(store.snapshot),
    () => screen.render(),
    changeCount,
  );
  const host = modalStack(screen, theme, actions, () => frames.request());
  const keyOf = (id: string) => keysOf(actions, id);
  let suspended = false;
  const copy = (text: string) => {
    if (!base.settings.clipboard) return false;
    (screen as unknown as { program: { write(s: string): void } }).program.write(osc52(text));
    return true;
  };
  const ctx: ScreenContext = { ...base, host, actions, copy, suspend: (run) => suspend(run) };
  const bus = new ShellEventBus();
  const status = new LineBar(screen, { top: 0 }, theme);
  const footer = new LineBar(screen, { bottom: 0 }, theme);
  const tooSmall = new TooSmall(screen, theme, keyOf('quit'));
  const help = new HelpOverlay(screen, helpSections(actions, deps.helpTitles), theme, hintLine(actions, [['help.close', 'close this help'], ['help.down', 'scroll']]));
  const views: View[] = [];
  let filter: FilterInput | undefined;
  let jobs: JobsView | undefined;

  const shell: Shell = {
    requestFrame: () => frames.request(),
    requestLogFrame: () => frames.requestLog(),
    focus: (id) => focusPane(id),
    reveal(id, rowId) {
      focusPane(id);
      placed.find((p) => p.def.id === id)?.pane.reveal?.(rowId);
      frames.request();
    },
    startFilter(label, input) {
      filter = new FilterInput(label, input);
      frames.request();
    },
    showJobs: (jobId) => (jobs ??= jobsView(ctx)).show(jobId),
    push(view) {
      const below = views[views.length - 1];
      if (below) below.stop?.();
      else for (const p of placed) p.pane.pause?.();
      views.push(view);
      view.start?.();
      frames.request();
    },
    closeView(view) {
      while (views.includes(view)) popView();
    },
    emit: (event, value) => bus.emit(event, value),
    on: (event, listener) => bus.on(event, listener),
    keyOf,
  };

  const placed: PlacedPane[] = deps.panes.map((def) => ({ def, pane: def.create(ctx, shell) }));
  let focused = placed[0]!;
  let side = placed.find((p) => p.def.slot === 'side')?.def.id ?? '';

  function popView(): void {
    const top = views.pop();
    if (!top) return;
    top.close();
    const below = views[views.length - 1];
    if (below) below.start?.();
    else for (const p of placed) p.pane.resume?.();
    frames.request();
  }

  function focusPane(id: string): void {
    const p = placed.find((x) => x.def.id === id);
    if (!p) return;
    while (views.length) popView();
    focused = p;
    if (p.def.slot === 'side') side = p.def.id;
  }

  const cycle = (delta: number) => focusPane(placed[(placed.indexOf(focused) + delta + placed.length) % placed.length]!.def.id);

  const globalHandlers: Record<string, Handler> = {
    quit: deps.quit,
    help: () => help.show(),
    'focus.next': () => cycle(1),
    'focus.prev': () => cycle(-1),
    'host.switch': () => hostDialog(ctx),
    'jobs.show': () => shell.showJobs(),
    'palette.open': () => {
      openPalette(
        host,
        actions,
        paletteTargets({
          actions,
          panes: placed.map((p) => p.def),
          viewOpeners: deps.views.flatMap((v) => Object.keys(v.open)),
          active: scopes(),
          focusPane,
          runAction(a) {
            // An action of another pane acts on that pane's selection: focus it first.
            const pane = placed.find((p) => p.def.scope === a.scope);
            if (pane && pane !== focused) focusPane(pane.def.id);
            runAction(a, gate());
          },
        }),
      );
    },
    'view.close': () => popView(),
    'help.close': () => help.hide(),
    'help.down': () => help.scroll(1),
    'help.up': () => help.scroll(-1),
    ...Object.fromEntries(placed.map((p) => [`focus.${p.def.id}`, () => focusPane(p.def.id)])),
    ...customHandlers(ctx, shell, deps.commands ?? [], () => focused.pane.selectedFields?.()),
    ...Object.fromEntries(deps.views.flatMap((v) => Object.entries(v.open).map(([id, open]) => [id, () => shell.push(open(ctx, shell))]))),
  };

  function scopes(): Scope[] {
    if (help.visible) return ['help'];
    const top = views[views.length - 1];
    return top ? [top.scope, 'stack', 'global'] : [focused.def.scope, 'global'];
  }

  /** What every action runs through, for the keys and the palette alike: the context for why-not and read-only, the handlers in reach. */
  function gate(): Omit<DispatchOptions, 'actions' | 'scopes'> {
    const top = views[views.length - 1];
    const paneHandlers = help.visible ? {} : top ? top.handlers : focused.pane.handlers;
    const selection = top ? (top.actionContext?.() ?? { hasSelection: true }) : focused.pane.actionContext();
    return {
      context: { ...selection, readOnly: base.readOnly },
      handlers: { ...globalHandlers, ...paneHandlers },
      say: (text, level) => store.say(text, level),
    };
  }

  function paint(snap: Snapshot): void {
    const now = Date.now();
    const shown = placePanes(screen, placed, focused, side, views, tooSmall);
    const top = views[views.length - 1];
    if (shown && top) top.draw(snap, now);
    // Every pane draws, shown or not: the containers pane's selection drives the logs
    // pane even in the one-pane layout (only visible rows are formatted: cheap).
    for (const p of placed) p.pane.draw(snap, now);
    status.set([...(base.readOnly ? [{ text: 'READ-ONLY', meaning: 'warn' as const }] : []), ...deps.statusCells(snap)]);
    footer.set(filter ? filter.cells(actions) : footerCells(snap, actions, scopes(), (top ? top.footer?.() : focused.pane.footer?.()) ?? []));
  }

  const onKey = (ch: string | undefined, key: { full?: string } | undefined) => {
    if (suspended) return;
    // A key acts on what the screen would show now: keys that arrive in one burst (a typed
    // filter, then enter, then r) must not act on a selection from before the filter.
    frames.settle();
    const press = { ...(key?.full ? { full: key.full } : {}), ...(ch ? { ch } : {}) };
    const modal = host.top();
    if (modal) modal.key(press);
    else if (filter) {
      if (filter.key(press, actions) === 'done') filter = undefined;
    } else dispatch(press, { actions, scopes: scopes(), ...gate() });
    frames.request();
  };
  const onResize = () => {
    if (help.visible) help.layout();
    frames.request();
  };
  // Ages in the status column move with the clock, not only with data.
  let clock: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;
  // Another daemon was chosen: its objects are others, so every pane starts afresh.
  let endpointUrl = store.snapshot.endpoint?.url;
  const onSnapshot = (snap: Snapshot) => {
    if (snap.endpoint?.url !== endpointUrl) {
      endpointUrl = snap.endpoint?.url;
      for (const p of placed) p.pane.reset?.();
    }
    frames.requestData();
  };
  const attach = () => {
    screen.on('keypress', onKey);
    screen.on('resize', onResize);
    unsubscribe = store.subscribe(onSnapshot);
    clock = setInterval(() => frames.requestData(), 5000);
  };
  const detach = () => {
    screen.removeListener('keypress', onKey);
    screen.removeListener('resize', onResize);
    unsubscribe?.();
    if (clock) clearInterval(clock);
  };

  async function suspend<T>(run: () => Promise<T>): Promise<T> {
    suspended = true;
    detach();
    frames.hold(true);
    try {
      return await deps.suspendTerminal(screen, run);
    } finally {
      suspended = false;
      frames.hold(false);
      attach();
      paint(store.snapshot);
      screen.render();
    }
  }

  attach();
  paint(store.snapshot);
  screen.render();
  const stopMouse = deps.mouse
    ? listenMouse(screen, {
        busy: () => suspended || !!host.top() || !!filter || help.visible,
        panes: () => (views.length ? [] : placed.map((p) => ({ id: p.def.id, pane: p.pane }))),
        focus: focusPane,
        wheel(direction) {
          // What has the keys scrolls, through its own down or up action (and their gate).
          const scope = scopes()[0];
          const a = actions.find((x) => x.scope === scope && x.id.endsWith(direction > 0 ? '.down' : '.up'));
          if (a) runAction(a, gate());
        },
        requestFrame: () => frames.request(),
      })
    : undefined;

  return {
    shell,
    ctx,
    close() {
      stopMouse?.();
      detach();
      frames.stop();
      while (views.length) views.pop()!.close();
      jobs?.close();
      for (const p of placed) p.pane.close();
    },
  };
}
