// Switch host or context without leaving berth: pick a docker context, or type a host URL.
// The new daemon is reached before anything is torn down, so a typo costs nothing.
import { listContexts } from '../docker/endpoint.js';
import { form } from '../widgets/dialogs.js';
import type { ScreenContext } from './context.js';
import { hintLine } from './hints.js';
import { keysOf } from '../keys/dispatch.js';

const TYPED = 'URL below';

/** Resolves true when berth now talks to another daemon. */
export async function hostDialog(ctx: ScreenContext): Promise<boolean> {
  let contexts: string[] = [];
  try {
    contexts = listContexts().map((c) => c.name);
  } catch {
    /* an unreadable context store leaves the URL field */
  }
  const current = ctx.store.snapshot.endpoint;
  const values = await form(ctx.host, {
    title: 'switch host or context',
    fields: [
      { kind: 'choice', name: 'context', label: 'context', value: TYPED, options: [TYPED, ...contexts] },
      { kind: 'text', name: 'host', label: 'host URL', value: '', placeholder: 'unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host' },
    ],
    help: `now: ${current?.url ?? '?'} · ${hintLine(ctx.actions, [['dialog.next', 'next field'], ['dialog.change', 'next context'], ['dialog.submit', 'connect'], ['dialog.cancel', 'cancel']])}`,
    validate: async (v) => {
      const useUrl = v.context === TYPED;
      if (useUrl && !v.host?.trim()) return `Type a host URL, or choose a context with ${keysOf(ctx.actions, 'dialog.change')}.`;
      return ctx.switchHost(useUrl ? { host: v.host!.trim() } : { context: v.context! });
    },
  });
  if (!values) return false;
  ctx.store.say(`connected to ${ctx.store.snapshot.endpoint?.url ?? 'the new host'}`);
  return true;
}
