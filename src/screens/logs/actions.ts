// What the keys of the logs pane do: scrolling, search, filter, streams, save.
import { LineAssembler, linesToText } from '../../render/log-lines.js';
import { form } from '../../widgets/dialogs.js';
import type { LogView } from '../../widgets/log-view/log-view.js';
import { keysOf } from '../../keys/dispatch.js';
import type { ScreenContext } from '../context.js';
import { saveAsking } from '../save-text.js';
import type { Handlers } from '../view.js';
import type { LOG_ACTIONS } from './keys.js';

export function logsActions(ctx: ScreenContext, view: LogView, current: () => { id: string; name: string } | undefined): Omit<Handlers<typeof LOG_ACTIONS, 'logs'>, 'logs.window'> {
  const say = (text: string, level: 'info' | 'error' = 'info') => ctx.store.say(text, level);
  let lastSavePath = '';

  const ask = async (title: string, label: string, value: string): Promise<string | undefined> => {
    const v = await form(ctx.host, { title, fields: [{ kind: 'text', name: 'q', label, value }], help: ctx.host.keys.hint('prompt') });
    return v?.q;
  };

  const save = async () => {
    const c = current();
    if (!c) return say('No container is followed.', 'error');
    const v = await form(ctx.host, {
      title: `save logs · ${c.name}`,
      fields: [
        { kind: 'text', name: 'path', label: 'file', value: lastSavePath || `${process.cwd()}/${c.name}.log` },
        { kind: 'choice', name: 'what', label: 'what', value: 'shown lines', options: ['shown lines', 'full log'] },
      ],
      validate: (x) => (x.path?.trim() ? undefined : 'Enter a file path.'),
    });
    if (!v) return;
    const path = v.path!.trim();
    lastSavePath = path;
    await ctx.tasks.run(`saving logs of ${c.name}`, async () => {
      let text: string;
      if (v.what === 'full log') {
        const asm = new LineAssembler({ timestamps: true });
        const lines = (await ctx.engine.readLogs(c.id, { timestamps: true })).flatMap((chunk) => asm.push(chunk));
        lines.push(...asm.flush());
        text = linesToText(lines, { timestamps: view.status().timestamps });
      } else {
        text = view.shownText();
      }
      return saveAsking(ctx, path, text);
    }, (msg) => msg);
  };

  const key = (id: string) => keysOf(ctx.actions, id);
  const wrapIsOn = () => say(`Wrap is on: turn it off with ${key('logs.wrap')} to scroll sideways.`, 'error');
  const searchFirst = () => `Search first with ${key('logs.search')}.`;
  return {
    'logs.down': () => view.scrollBy(1),
    'logs.up': () => view.scrollBy(-1),
    'logs.pageDown': () => view.pageDown(),
    'logs.pageUp': () => view.pageUp(),
    'logs.top': () => view.toStart(),
    'logs.follow': () => view.resumeFollow(),
    'logs.left': () => void (view.scrollLeft() || wrapIsOn()),
    'logs.right': () => void (view.scrollRight() || wrapIsOn()),
    'logs.wrap': () => say(view.toggleWrap() ? 'wrap on' : `wrap off: ${key('logs.left')}/${key('logs.right')} scroll sideways`),
    'logs.timestamps': () => {
      const mode = view.cycleTimestamps();
      say(mode === 'hidden' ? 'timestamps hidden' : `timestamps: ${mode}`);
    },
    'logs.streams': () => {
      const why = view.cycleStreamFilter();
      if (why) say(why, 'error');
      else say(`showing ${view.status().streamFilter ?? 'stdout and stderr'}`);
    },
    'logs.search': async () => {
      const q = await ask('search logs', 'find', view.status().search ?? '');
      if (q === undefined) return;
      const n = view.startSearch(q || undefined);
      say(q ? `${n} matching line${n === 1 ? '' : 's'} for "${q}"` : 'search cleared', q && n === 0 ? 'error' : 'info');
    },
    'logs.next': () => void (view.nextMatch() || say(view.status().search ? 'No more matches.' : searchFirst(), 'error')),
    'logs.prev': () => void (view.prevMatch() || say(view.status().search ? 'No earlier match.' : searchFirst(), 'error')),
    'logs.filter': async () => {
      const q = await ask('filter logs', 'only lines with', view.status().filter ?? '');
      if (q === undefined) return;
      view.setFilter(q || undefined);
      say(q ? `showing only lines with "${q}"` : 'filter cleared');
    },
    'logs.clear': () => {
      view.startSearch(undefined);
      view.setFilter(undefined);
      say('search and filter cleared');
    },
    'logs.save': save,
  };
}
