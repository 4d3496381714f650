// berth's entry point as Node runs it (bin/berth.mjs, and the single file): the arguments
// follow node's own and the script's.
import { start } from './command.js';

start(process.argv.slice(2));
