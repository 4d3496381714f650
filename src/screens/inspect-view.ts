// A view on top of the panes that shows an object's full description (the engine's inspect
// answer as indented JSON, say): scroll, search, save to a file. Esc goes back.
import { cell } from '../render/cells.js';
import { form } from '../widgets/dialogs.js';
import { TextView } from '../widgets/text-view.js';
import type { ScreenContext } from './context.js';
import { saveAsking } from './save-text.js';
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
  let lastSave = '';
  const say = (t: string, level: 'info' | 'error' = 'info') => ctx.store.say(t, level);
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
  const ask = async (title: string, label: string, value: string) =>
    (await form(ctx.host, { title, fields: [{ kind: 'text', name: 'v', label, value }], help: ctx.host.keys.hint('prompt') }))?.v;
  const handlers: Handlers<typeof VIEW_ACTIONS, 'view'> = {
    'view.down': () => text.scroll(1),
    'view.up': () => text.scroll(-1),
    'view.pageDown': () => text.page(1),
    'view.pageUp': () => text.page(-1),
    'view.top': () => text.toStart(),
    'view.bottom': () => text.toEnd(),
    'view.search': async () => {
      const q = await ask(`search ${src.title}`, 'find', text.searching ?? '');
      if (q === undefined) return;
      const n = text.search(q);
      say(q ? `${n} matching line${n === 1 ? '' : 's'} for "${q}"` : 'search cleared', q && n === 0 ? 'error' : 'info');
      shell.requestFrame();
    },
    'view.next': () => void (text.step(1) || say(text.searching ? 'No more matches.' : `Search first with ${shell.keyOf('view.search')}.`, 'error')),
    'view.prev': () => void (text.step(-1) || say(text.searching ? 'No earlier match.' : `Search first with ${shell.keyOf('view.search')}.`, 'error')),
    'view.save': async () => {
      const path = (await ask(`save ${src.title}`, 'file', lastSave || `${process.cwd()}/${src.fileName}`))?.trim();
      if (!path) return;
      lastSave = path;
      await ctx.tasks.run(`saving ${src.title}`, () => saveAsking(ctx, path, text.text), (msg) => msg);
    },
  };
  return {
    scope: 'view',
    box: text.box,
    handlers,
    draw: () => text.draw(),
    footer: () => [cell(text.where(), 'muted')],
    close: () => text.destroy(),
  };
}
