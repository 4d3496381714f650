// Prints the markdown of a saved run again: npx tsx bench/render.ts bench/results/bench-….json
import { readFileSync } from 'node:fs';
import { markdown, type BenchReport } from './report.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx bench/render.ts RESULTS.json\n');
  process.exit(2);
}
// JSON has no NaN: missing measurements come back as null, which the table shows as "–".
process.stdout.write(markdown(JSON.parse(readFileSync(file, 'utf8')) as BenchReport));
