// A view on top of the panes that shows an object's full description (the engine's inspect
// answer as indented JSON, say): scroll, search, save to a file. Esc goes back.
import { cell } from '../render/cells.js';
import { TextView } from '../widgets/text-view.js';
import type { ScreenContext } from './context.js';
import { textHandlers } from './text-keys.js';
import type { VIEW_ACTIONS } from '../keys/core-actions.js';
import type { Handlers, Shell, View } from './view.js';

export interface InspectSource {
  readonly title: string;
  /** The file name offered when saving ("web.json"). */
  readonly fileName: string;
  load(): Promise<readonly string[]>;
}

/** Pretty JSON as lines, for an inspect view. */
export const jsonLines = (value: unknown): string[] => JSON.stringify(value, null, 2).split('\n');

export function openInspectView(ctx: ScreenContext, shell: Shell, src: InspectSource): View {
  const text = new TextView(ctx.host.screen, ctx.host.theme, src.title);
  text.setLines(['Loading…']);
  src.load().then(
    (lines) => {
      text.setLines(lines);
      shell.requestFrame();
    },
    (err: unknown) => {
      text.setLines([`Could not read it: ${err instanceof Error ? err.message : String(err)}`]);
      shell.requestFrame();
    },
  );
  const target = { text, title: src.title, fileName: src.fileName };
  const handlers: Omit<Handlers<typeof VIEW_ACTIONS, 'view'>, 'view.close'> = textHandlers(ctx, shell, 'view', () => target);
  return {
    scope: 'view',
    box: text.box,
    handlers,
    draw: () => text.draw(),
    footer: () => [cell(text.where(), 'muted')],
    close: () => text.destroy(),
  };
}
