// bin/berth as the tests run it. The launcher is a shell script that starts the `node` on
// PATH (with the startup snapshot when that Node built it): the tests put the Node running
// them first, so berth runs on the Node version under test.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/berth', import.meta.url));

/** `env` (default: this process's) with this Node first on PATH. */
export function withThisNode(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, PATH: `${dirname(process.execPath)}:${env.PATH ?? ''}` };
}
