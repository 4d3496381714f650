// The entry point of berth's startup snapshot (scripts/snapshot builds it; bin/berth runs it
// when it was built by the same Node binary). Building runs this file: it loads the full-screen
// code (blessed, the screens) as a normal start would, and V8 saves the loaded heap. A start
// from the snapshot begins with all of that in place, and runs only the function below.
//
// What is loaded here runs at build time, so it must not keep anything of the builder's
// environment (variables, terminal, locale): modules that read such things at load refresh
// them on start (see blessed-tput.ts), ICU objects are made on first use (render/intl.ts), and
// the Docker client's modules, whose network parts cannot be saved, load on start.
import { isSea } from 'node:sea';
import { startupSnapshot } from 'node:v8';
import { start } from './command.js';

// The app, then its first frame drawn once on an in-memory terminal, so that the code it runs
// is compiled in the snapshot too (warm-up.ts).
import('./app.js')
  .then(() => import('./warm-up.js'))
  .then((m) => m.warmUp())
  .catch((err: unknown) => {
    // The build fails: a snapshot without the app would only be slower.
    process.exitCode = 1;
    throw err;
  });

// A start from the snapshot has no script argument: the user's arguments follow node's path,
// or in the single file (npm run dist, which starts from this snapshot too) its path twice.
startupSnapshot.setDeserializeMainFunction(() => start(process.argv.slice(isSea() ? 2 : 1)));
