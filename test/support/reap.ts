// Removes every private test engine whose owner is gone (used by .ci/run on exit).
import { reapStaleEngines } from './engine.js';

reapStaleEngines();
