// Writes text to a file the user named, asking before it replaces an existing file.
import { confirm } from '../widgets/dialogs.js';
import { saveLines } from '../widgets/log-view/save.js';
import type { ScreenContext } from './context.js';

/** Resolves with the sentence for the status line; throws with the reason when it fails. */
export async function saveAsking(ctx: ScreenContext, path: string, text: string): Promise<string> {
  let r = await saveLines(path, text, { overwrite: false });
  if (!r.ok && r.reason === 'exists') {
    const yes = await confirm(ctx.host, 'overwrite?', [`${path} already exists.`, 'Replace it?'], [{ key: 'y', label: 'overwrite', value: 'yes' as const }]);
    if (yes !== 'yes') return 'not saved: the file was left as it was';
    r = await saveLines(path, text, { overwrite: true });
  }
  if (!r.ok) throw new Error(r.message);
  return `saved ${r.bytes} bytes to ${r.path}`;
}
