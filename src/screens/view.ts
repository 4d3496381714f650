// The contract between the shell and what it shows. A pane lives in the shell's layout and
// the focus ring; a view is opened on top of the panes (a view stack: opening one covers
// what is below and stops what it does not need; closing it resumes). The shell knows no
// resource by name: panes come from the registry, and talk to each other through the
// shell's typed events.
import type blessed from 'blessed';
import type { ContainerSummary } from '../docker/containers.js';
import type { Action, ActionContext, Scope } from '../keys/action.js';
import type { Handler } from '../keys/dispatch.js';
import type { ResourceSpec } from '../state/resources.js';
import type { Snapshot } from '../state/store.js';
import type { Cell } from '../render/cells.js';
import type { Slot } from '../render/panes.js';
import type { ScreenContext } from './context.js';

/** Handlers for every action of a table in one scope: the compiler checks none is missing. */
export type Handlers<A extends readonly Action[], S extends Scope> = { readonly [K in Extract<A[number], { readonly scope: S }>['id']]: Handler };


/** What panes tell each other through the shell. */
export interface ShellEvents {
  /** The containers pane's selection (the logs pane follows it). */
  containerSelected: ContainerSummary | undefined;
  /** Follow every container of a compose project, interleaved. */
  followProject: { readonly anchor: ContainerSummary; readonly project: string; readonly members: readonly ContainerSummary[] };
}

export interface LineInput {
  /** The text typed so far, read when the filter starts. */
  readonly value: string;
  /** Called on every change, and with '' when cleared. */
  set(value: string): void;
}

/** What the shell offers to panes and views. */
export interface Shell {
  /** Asks for a full repaint at the next frame. */
  requestFrame(): void;
  /** Asks for a log-only frame (cheaper; at most 10 a second). */
  requestLogFrame(): void;
  focus(paneId: string): void;
  /** Focuses the pane and selects the row with this id once it exists. */
  reveal(paneId: string, rowId: string): void;
  /** Starts typing a filter into the footer. */
  startFilter(label: string, input: LineInput): void;
  /** Opens the jobs view (on a job, when given). */
  showJobs(jobId?: number): void;
  /** Opens a view on top of everything (Esc closes it). */
  push(view: View): void;
  /** Closes this view (and any opened on top of it): a view that closes itself, or its own Esc. */
  closeView(view: View): void;
  emit<K extends keyof ShellEvents>(event: K, value: ShellEvents[K]): void;
  /** Subscribes; returns the unsubscribe. */
  on<K extends keyof ShellEvents>(event: K, listener: (value: ShellEvents[K]) => void): () => void;
  /** A key's label as bound now, for hints ("a", "esc"). */
  keyOf(actionId: string): string;
}

export interface Pane {
  readonly box: blessed.Widgets.BoxElement;
  /** Handlers of the pane's own scope (the dispatcher applies why-not and read-only first). */
  readonly handlers: Readonly<Partial<Record<string, Handler>>>;
  /** What the why-not rules need to know about the selection. */
  actionContext(): Omit<ActionContext, 'readOnly'>;
  /** A mouse click on a line inside the pane's border (0 is a table's header): select what is there. */
  clickRow?(line: number): void;
  /** The selected object's fields for custom commands ({{.ID}}, {{.Name}}, {{.Image}}). */
  selectedFields?(): Readonly<Record<string, string>> | undefined;
  setFocused(focused: boolean): void;
  /** Rebuilds the content for the current size and data. */
  draw(snap: Snapshot, now: number): void;
  /** Covered by a view: stop streams and timers it does not need. */
  pause?(): void;
  resume?(): void;
  /** Selects a row once it exists (after a run or a build made it). */
  reveal?(rowId: string): void;
  /** Another daemon was chosen: forget what belongs to the old one. */
  reset?(): void;
  /** Extra cells for the footer while it is focused ("3 marked", say). */
  footer?(): Cell[];
  close(): void;
}

export interface PaneDef<A extends readonly Action[] = readonly Action[]> {
  readonly id: string;
  readonly title: string;
  readonly scope: Scope;
  readonly slot: Slot;
  /** The pane's actions (its scope's rows of the action table, and its focus key). */
  readonly actions: A;
  /** The list it shows, kept current by the refresher (the logs pane has none). */
  readonly resource?: ResourceSpec<unknown>;
  create(ctx: ScreenContext, shell: Shell): Pane;
}

export interface View {
  readonly scope: Scope;
  readonly box: blessed.Widgets.BoxElement;
  readonly handlers: Readonly<Partial<Record<string, Handler>>>;
  actionContext?(): Omit<ActionContext, 'readOnly'>;
  draw(snap: Snapshot, now: number): void;
  /** Shown (opened, or uncovered again). */
  start?(): void;
  /** Covered by another view. */
  stop?(): void;
  /** Extra cells for the footer (a search count, say). */
  footer?(): Cell[];
  close(): void;
}

/** A view opened by a global key (the events view, say): its action rows and its openers. */
export interface ViewDef<A extends readonly Action[] = readonly Action[]> {
  /** Its scope's title in the help ("Events view"). */
  readonly title: string;
  readonly scope?: Scope;
  readonly actions: A;
  /** Action id -> what opens the view. */
  readonly open: Readonly<Record<string, (ctx: ScreenContext, shell: Shell) => View>>;
}
