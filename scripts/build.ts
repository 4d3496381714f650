// Builds dist/ for bin/berth: our code bundled by esbuild into a few ES modules, the
// packages in node_modules left outside (they load as they are: dockerode's deferred parts
// and blessed's files stay where the loader and blessed expect them).
//
// Why a bundle and not tsc's one file per module: Node resolves, reads and links every ES
// module on its own, and berth's first screen needs about 180 of them; that cost about 100 ms
// of start-up and 3 MiB here (measured with npm run bench). Type checking stays with
// `npm run typecheck`; esbuild only strips the types.
//
// Dynamic import() of our own modules becomes a chunk of its own (splitting), so what loads
// after the first frame (copy, build, the help, charts) still loads only when used.
//
// Then the startup snapshot (scripts/snapshot/build.ts), which bin/berth starts from when it
// can. Without one berth only starts slower, so a failure is said and the build goes on.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildSnapshot } from './snapshot/build.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const BUNDLED = ['date-fns', 'get-east-asian-width'];

const outdir = new URL('../dist/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: [new URL('../src/cli.ts', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages load from node_modules as they are (dockerode's loader and blessed depend on their
  // files being where they expect), except two small pure ES modules needed for the first
  // frame: bundled, they cost no module resolution (date-fns' two functions pull in eight files).
  external: Object.keys(pkg.dependencies)
    .filter((name) => !BUNDLED.includes(name))
    .flatMap((name) => [name, `${name}/*`]),
  // cli.js reads ../package.json next to itself: every chunk sits directly in dist/.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'eof',
  logLevel: 'warning',
});

try {
  await buildSnapshot();
} catch (err) {
  process.stderr.write(`build: no startup snapshot (berth will start without it, about 0.2 s slower): ${err instanceof Error ? err.message : String(err)}\n`);
}
