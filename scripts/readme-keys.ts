// Writes the key list from the action table into README.md, between the keys markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { keysMarkdown } from '../src/screens/help-text.js';
import { ACTIONS, HELP_TITLES } from '../src/screens/registry.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const next = readme.replace(/<!-- keys:start -->[\s\S]*?<!-- keys:end -->/, `<!-- keys:start -->\n${keysMarkdown(ACTIONS, HELP_TITLES)}\n<!-- keys:end -->`);
if (next === readme && !readme.includes('<!-- keys:start -->')) {
  process.stderr.write('README.md has no <!-- keys:start --> / <!-- keys:end --> markers\n');
  process.exit(1);
}
writeFileSync(file, next);
