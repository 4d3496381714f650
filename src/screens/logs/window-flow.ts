// T: which part of the log to load: the last N lines, since and until a time or a duration.
import { parseLogWindow, type LogWindow } from '../../render/time-spec.js';
import { form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import type { LogsPane } from './follower.js';

const shown = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toLocaleString('sv-SE').slice(0, 16));

/** "since 14:05 until 14:30, last 200 lines" */
export function describeWindow(w: LogWindow): string {
  const parts = [w.since !== undefined ? `since ${shown(w.since)}` : '', w.until !== undefined ? `until ${shown(w.until)}` : '', w.tail !== undefined ? `last ${w.tail} lines` : ''];
  return parts.filter(Boolean).join(', ') || 'the whole log';
}

export async function logWindowFlow(ctx: ScreenContext, logs: LogsPane): Promise<void> {
  const w = logs.window;
  let checked: LogWindow | undefined;
  const v = await form(ctx.host, {
    title: 'log window',
    fields: [
      { kind: 'text', name: 'lines', label: 'last lines', value: w?.tail !== undefined ? String(w.tail) : w ? '' : '500', placeholder: '(all)' },
      { kind: 'text', name: 'since', label: 'since', value: shown(w?.since), placeholder: '10m, 2h, 14:05, 2026-11-29 14:00' },
      { kind: 'text', name: 'until', label: 'until', value: shown(w?.until), placeholder: '(now, and follow)' },
    ],
    validate: (x) => {
      const r = parseLogWindow({ lines: x.lines!, since: x.since!, until: x.until! }, Date.now());
      if ('error' in r) return `Cannot load that: ${r.error}.`;
      checked = r;
      return undefined;
    },
  });
  if (!v || !checked) return;
  // The default (last 500 lines, following) needs no window.
  const isDefault = checked.tail === 500 && checked.since === undefined && checked.until === undefined;
  logs.setWindow(isDefault ? undefined : checked);
  ctx.store.say(isDefault ? 'loading the last 500 lines, following' : `loading ${describeWindow(checked)}${checked.until === undefined ? ', following' : ''}`);
}
