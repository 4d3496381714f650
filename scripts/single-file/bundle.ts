// Bundles berth into one CommonJS script for the single executable (scripts/single-file/build.ts)
// and for the startup snapshot (scripts/snapshot/build.ts), which both need it in one file.
// Node 20's single executable applications run one CommonJS script whose `require` knows only
// Node's built-in modules, so everything berth loads from node_modules or from files beside
// its code at run time has to be inside that script. What needs help, and how:
// - dockerode's loader works on require's cache: the bundle takes dockerode-loader.ts from
//   this directory in its place (REPLACED), and the modules it leaves out (its STAND_INS)
//   are replaced here by modules that refuse.
// - other src modules that load package files with createRequire(import.meta.url) get a
//   `node:module` whose require knows those files (src-requires.ts).
// - blessed: its widgets load with require('./widgets/' + name), which esbuild follows as a
//   glob; its tput reads terminfo files from beside its code (served from the bundle by
//   scripts/single-file/blessed-fs.ts); its Terminal widget's optional term.js and pty.js are absent.
// - the version comes from package.json beside the code: here it is written in at build time.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { STAND_INS } from '../../src/docker/dockerode-loader.js';
import { VIRTUAL_NODE_MODULES, createRequireModule, srcRequires } from './src-requires.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const requireRoot = createRequire(join(ROOT, 'package.json'));

/** Where blessed's tput believes its own directory is: nothing exists there, blessed-fs.ts answers for ../usr. */
const BLESSED_VIRTUAL_DIR = `${VIRTUAL_NODE_MODULES}/blessed/lib`;

/** Packages that only the left-out modules load: finding one in the bundle means a stand-in missed. */
const LEFT_OUT_PACKAGES = /node_modules[\\/](ssh2|cpu-features|@grpc|protobufjs|term\.js|pty\.js)[\\/]/;

/** src modules that the bundle takes from this directory instead (each says why). */
const REPLACED = new Map([[join('src', 'docker', 'dockerode-loader.ts'), 'dockerode-loader.ts']]);

interface LeftOut {
  /** Absolute path of the module file that is replaced. */
  readonly file: string;
  readonly why: string;
}

/**
 * The modules of dockerode's tree left out of the bundle. The loader defers dockerode's
 * BuildKit session module; the bundle leaves it out: it reads .proto files from beside its
 * code at run time, and berth never starts a BuildKit session. dockerode's BuildKit progress
 * decoder (loaded only by followProgress, which berth does not call) would bring protobufjs.
 */
function leftOutOfDockerode(): LeftOut[] {
  const dockerodeMain = requireRoot.resolve('dockerode');
  const fromDockerode = createRequire(dockerodeMain);
  const dirOf = (pkg: 'dockerode' | 'docker-modem') => dirname(pkg === 'dockerode' ? dockerodeMain : fromDockerode.resolve(pkg));
  const rows = [...STAND_INS, { package: 'dockerode' as const, module: './buildkit.js', why: "BuildKit progress decoding is not used by berth, which reads the classic builder's progress" }];
  return rows.map((s) => {
    const file = resolve(dirOf(s.package), s.module);
    statSync(file); // dockerode's layout changed: stop here rather than bundle what the loader leaves out
    return { file, why: `${s.why} (left out of the single file)` };
  });
}

/** A module whose export is a function that refuses with `why`. */
function refusingModule(why: string): string {
  return `module.exports = function leftOut() { throw new Error(${JSON.stringify(why)}); };\n`;
}

function replaceExactly(source: string, pattern: RegExp, by: string, expected: number, file: string): string {
  const count = source.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  if (count !== expected) throw new Error(`${file}: expected ${expected} of ${pattern} to replace, found ${count} (did blessed change?)`);
  return source.replace(new RegExp(pattern.source, 'g'), by);
}

const singleFilePlugin = (leftOut: readonly LeftOut[]): esbuild.Plugin => ({
  name: 'berth-single-file',
  setup(build) {
    const byFile = new Map(leftOut.map((l) => [l.file, l.why]));
    const blessedDir = dirname(requireRoot.resolve('blessed/package.json'));
    const tput = join(blessedDir, 'lib', 'tput.js');

    build.onLoad({ filter: /[\\/]src[\\/].+\.ts$/ }, (args) => {
      const instead = REPLACED.get(relative(ROOT, args.path));
      return instead === undefined ? undefined : { contents: readFileSync(join(HERE, instead), 'utf8'), loader: 'ts', resolveDir: HERE };
    });
    // Other src modules' createRequire(import.meta.url) (src-requires.ts).
    build.onResolve({ filter: /^node:module$/ }, (args) => (args.importer.startsWith(join(ROOT, 'src')) ? { path: args.importer, namespace: 'berth-src-require' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'berth-src-require' }, (args) => ({
      contents: createRequireModule(srcRequires(readFileSync(args.path, 'utf8'), args.path).specifiers),
      loader: 'js',
      resolveDir: ROOT,
    }));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = resolve(args.resolveDir, args.path);
      const why = byFile.get(file) ?? byFile.get(`${file}.js`);
      return why === undefined ? undefined : { path: why, namespace: 'berth-left-out' };
    });
    // blessed's Terminal widget (a terminal inside a box) needs these optional packages; berth does not use it.
    build.onResolve({ filter: /^(term\.js|pty\.js)$/ }, (args) => ({ path: `blessed's Terminal widget needs ${args.path}, which is not in the single file`, namespace: 'berth-left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'berth-left-out' }, (args) => ({ contents: refusingModule(args.path), loader: 'js' }));

    // widget.js: esbuild follows require('./widgets/' + file) as a glob over the files by their
    // full names, so the name it looks up must carry the extension too.
    build.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]widget\.js$/ }, (args) => {
      if (args.path !== join(blessedDir, 'lib', 'widget.js')) return undefined;
      return { contents: replaceExactly(readFileSync(args.path, 'utf8'), /require\('\.\/widgets\/' \+ file\)/, "require('./widgets/' + file + '.js')", 1, args.path), loader: 'js' };
    });

    // tput: its fs is blessed-fs.ts, and its own directory is the virtual one blessed-fs.ts serves.
    build.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]tput\.js$/ }, (args) => {
      if (args.path !== tput) return undefined;
      let source = readFileSync(tput, 'utf8');
      source = replaceExactly(source, /require\('fs'\)/, `require(${JSON.stringify(join(HERE, 'blessed-fs.ts'))}).default`, 1, tput);
      source = replaceExactly(source, /__dirname/, JSON.stringify(BLESSED_VIRTUAL_DIR), 4, tput);
      return { contents: source, loader: 'js' };
    });
    build.onResolve({ filter: /^berth-single-file:blessed-usr$/ }, () => ({ path: join(blessedDir, 'usr'), namespace: 'berth-blessed-usr' }));
    build.onLoad({ filter: /.*/, namespace: 'berth-blessed-usr' }, (args) => ({ contents: JSON.stringify({ dir: resolve(BLESSED_VIRTUAL_DIR, '..', 'usr'), files: blessedUsrFiles(args.path) }), loader: 'json' }));
  },
});

/**
 * blessed's compiled terminfo files and its termcap, base64 by name (not its fonts, which are
 * for BigText, nor xterm.terminfo, the source text tput never reads).
 */
function blessedUsrFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isFile() && !name.endsWith('.terminfo')) files[name] = readFileSync(file).toString('base64');
  }
  return files;
}

export interface BundleOptions {
  /** The module that starts berth (default src/cli.ts). */
  readonly entry?: string;
  /** More plugins, run before the single file's own. */
  readonly plugins?: readonly esbuild.Plugin[];
}

/** Writes the bundle to `outfile`; any esbuild warning is an error (it means something will not load at run time). */
export async function bundle(outfile: string, opts: BundleOptions = {}): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const result = await esbuild.build({
    entryPoints: [opts.entry ?? join(ROOT, 'src', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // A third smaller; the first screen came no sooner or later for it (npm run bench).
    minify: true,
    metafile: true,
    // Third-party licence comments stay at the end of the file.
    legalComments: 'eof',
    // Node warns about Buffer() (and other deprecations) only for code outside node_modules;
    // in the bundle every module is outside, and a warning written over the full screen
    // breaks it (blessed-contrib's charts call Buffer()). As installed from npm: no warnings.
    banner: { js: 'process.noDeprecation = true;' },
    define: { BERTH_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'undefined' },
    plugins: [...(opts.plugins ?? []), singleFilePlugin(leftOutOfDockerode())],
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    const text = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
    throw new Error(`esbuild warned; the single file would not run as it should:\n${text.join('\n')}`);
  }
  const unwanted = Object.keys(result.metafile.inputs).filter((f) => LEFT_OUT_PACKAGES.test(f));
  if (unwanted.length > 0) throw new Error(`the bundle holds what berth leaves out (has dockerode's layout changed?):\n${unwanted.join('\n')}`);
}
