// The footer: the last message (errors stay until replaced), the busy task, and the key
// hints of the active scopes, from the action table.
import { keyLabel, type Action, type Scope } from '../../keys/action.js';
import { cell, type Cell } from '../../render/cells.js';
import type { Snapshot } from '../../state/store.js';

const MESSAGE_MS = 8000;

export function footerCells(snap: Snapshot, actions: readonly Action[], active: readonly Scope[], extra: readonly Cell[], now = Date.now()): Cell[] {
  const out: Cell[] = [];
  const msg = snap.message;
  if (msg && (msg.level === 'error' || now - msg.atMs < MESSAGE_MS)) out.push(cell(msg.text, msg.level === 'error' ? 'error' : 'ok'));
  if (snap.busy.length) out.push(cell(`⏳ ${snap.busy[snap.busy.length - 1]}…`, 'warn'));
  out.push(...extra);
  for (const a of actions) if (a.footer && active.includes(a.scope)) out.push(cell(`${keyLabel(a.keys[0]!)} ${a.hint}`, 'muted'));
  return out;
}
