// Runs once before `npm test` (the pretest script), before the build and any test: checks the
// system tools the tests use and, as root with apt-get, installs what is missing, saying so in
// one line. Otherwise it stops and prints the exact command to run. Quiet when all is there.
import { execFileSync } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { aptCommands, isStaticElf, missingTools, offPathMessage, plan, type Probe } from './system-tools.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const probe: Probe = {
  onPath: (name) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && executable(join(dir, name))),
  executable,
  staticExecutable(path) {
    if (!executable(path)) return false;
    const head = Buffer.alloc(64 * 1024);
    const fd = openSync(path, 'r');
    try {
      return isStaticElf(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    } finally {
      closeSync(fd);
    }
  },
};

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const missing = missingTools(probe);
const offPath = offPathMessage(missing, executable);
if (offPath) fail(offPath);
const first = plan(missing, { root: process.getuid?.() === 0, apt: probe.onPath('apt-get') });
if (first.action === 'stop') fail(first.message);
if (first.action === 'install') {
  process.stdout.write(`${first.announce}\n`);
  for (const cmd of aptCommands(first.packages)) {
    try {
      execFileSync(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
      fail(`npm test: "${cmd.join(' ')}" failed: ${e.message}\n${String(e.stdout ?? '')}${String(e.stderr ?? '')}`);
    }
  }
  const still = missingTools(probe);
  if (still.length) fail(`npm test: still missing after apt-get install: ${still.map((t) => `${t.tool} (${t.pkg})`).join(', ')}`);
}
