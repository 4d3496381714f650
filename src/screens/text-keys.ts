// The keys of a text shown in a view (scroll, search, next and previous match, save), as
// handlers for any view's scope: the inspect view and the container detail share them.
import type { Handler } from '../keys/dispatch.js';
import { form } from '../widgets/dialogs.js';
import type { TextView } from '../widgets/text-view.js';
import type { ScreenContext } from './context.js';
import { saveAsking } from './save-text.js';
import type { Shell } from './view.js';

export interface TextTarget {
  readonly text: TextView;
  /** Names the text in dialogs and messages ("web", "web: env"). */
  readonly title: string;
  /** The file name offered when saving ("web.json"). */
  readonly fileName: string;
}

type TextKey = 'down' | 'up' | 'pageDown' | 'pageUp' | 'top' | 'bottom' | 'search' | 'next' | 'prev' | 'save';

/** Handlers `<prefix>.down` ... `<prefix>.save` over the text `target()` gives now. */
export function textHandlers<P extends string>(ctx: ScreenContext, shell: Shell, prefix: P, target: () => TextTarget): Record<`${P}.${TextKey}`, Handler> {
  // The last path saved to, per file name offered: saving again offers it.
  const saved = new Map<string, string>();
  const say = (t: string, level: 'info' | 'error' = 'info') => ctx.store.say(t, level);
  const ask = async (title: string, label: string, value: string) =>
    (await form(ctx.host, { title, fields: [{ kind: 'text', name: 'v', label, value }], help: ctx.host.keys.hint('prompt') }))?.v;
  const step = (direction: 1 | -1, none: string) => () => {
    const { text } = target();
    if (!text.step(direction)) say(text.searching ? none : `Search first with ${shell.keyOf(`${prefix}.search`)}.`, 'error');
  };
  const keys: Record<TextKey, Handler> = {
    down: () => target().text.scroll(1),
    up: () => target().text.scroll(-1),
    pageDown: () => target().text.page(1),
    pageUp: () => target().text.page(-1),
    top: () => target().text.toStart(),
    bottom: () => target().text.toEnd(),
    search: async () => {
      const { text, title } = target();
      const q = await ask(`search ${title}`, 'find', text.searching ?? '');
      if (q === undefined) return;
      const n = text.search(q);
      say(q ? `${n} matching line${n === 1 ? '' : 's'} for "${q}"` : 'search cleared', q && n === 0 ? 'error' : 'info');
      shell.requestFrame();
    },
    next: step(1, 'No more matches.'),
    prev: step(-1, 'No earlier match.'),
    save: async () => {
      const { text, title, fileName } = target();
      const path = (await ask(`save ${title}`, 'file', saved.get(fileName) ?? `${process.cwd()}/${fileName}`))?.trim();
      if (!path) return;
      saved.set(fileName, path);
      // The text as it is now: a live section may change while the dialog is open.
      const body = text.text;
      await ctx.tasks.run(`saving ${title}`, () => saveAsking(ctx, path, body), (msg) => msg);
    },
  };
  return Object.fromEntries(Object.entries(keys).map(([k, fn]) => [`${prefix}.${k}`, fn])) as Record<`${P}.${TextKey}`, Handler>;
}
