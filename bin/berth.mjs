#!/usr/bin/env node
// berth without its startup snapshot: bin/berth runs this when there is none for this Node
// (see there), with the same V8 flags.
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of every module between runs (in the system's
// temp directory): later starts skip most parsing and compiling. Node 20 has no such switch.
module.enableCompileCache?.();

import('../dist/cli.js').catch((err) => {
  process.stderr.write(`berth: could not load the built code (${err && err.message}).\nRun "npm run build" first.\n`);
  process.exit(1);
});
