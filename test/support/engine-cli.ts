// Starts a private engine by hand, for looking at berth in tmux or benchmarking:
//   npx tsx test/support/engine-cli.ts start      -> prints DOCKER_HOST=... and how to stop it
//   npx tsx test/support/engine-cli.ts stop DIR
import Docker from 'dockerode';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startEngine, stopEngine } from './engine.js';
import { buildFixtureImage } from './fixtures.js';

const [cmd, dir] = process.argv.slice(2);
if (cmd === 'start') {
  const h = await startEngine('manual');
  await buildFixtureImage(new Docker({ socketPath: h.socket }));
  // Owned by init, which never dies, so the stale-engine reaper leaves it alone.
  writeFileSync(join(h.dir, 'owner'), '1');
  process.stdout.write(`export DOCKER_HOST=${h.dockerHost}\n# stop with: npx tsx test/support/engine-cli.ts stop ${h.dir}\n`);
} else if (cmd === 'stop' && dir) {
  await stopEngine({ id: basename(dir), dir, socket: join(dir, 'docker.sock'), external: false });
} else {
  process.stderr.write('usage: engine-cli.ts start | stop DIR\n');
  process.exit(2);
}
