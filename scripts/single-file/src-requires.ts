// src modules that load package files with `const NAME = createRequire(import.meta.url)` and
// `NAME('pkg/file.js')` (blessed's widgets and tput, one by one): a bundle has no module URL,
// and esbuild follows only calls of `require` itself. In the bundle, such a module's
// `node:module` is one made here, whose createRequire gives a require of exactly the files the
// module names in string literals, bundled, and whose `resolve` gives each file's path in the
// virtual node_modules below (blessed's tput, told the same directory, finds its terminfo
// files there through blessed-fs.ts).

/** The node_modules the bundle pretends to have: nothing exists there. */
export const VIRTUAL_NODE_MODULES = '/nonexistent/berth-single-file/node_modules';

/** The require names a source binds with createRequire(import.meta.url), and the files it names through them. */
export function srcRequires(source: string, file: string): { names: string[]; specifiers: string[] } {
  const names = [...source.matchAll(/\b(\w+)\s*=\s*createRequire\(import\.meta\.url\)/g)].map((m) => m[1]!);
  const calls = (source.match(/\bcreateRequire\(/g) ?? []).length;
  if (names.length === 0 || names.length !== calls) throw new Error(`${file}: createRequire is used other than as "const NAME = createRequire(import.meta.url)", which the single file cannot follow`);
  const specifiers = new Set<string>();
  for (const name of names) {
    for (const m of source.matchAll(new RegExp(`\\b${name}(?:\\.resolve)?\\(\\s*(['"])([^'"]+)\\1\\s*\\)`, 'g'))) specifiers.add(m[2]!);
  }
  return { names, specifiers: [...specifiers].sort() };
}

/** The source of the `node:module` that a src module gets in the bundle. */
export function createRequireModule(specifiers: readonly string[]): string {
  const load = specifiers.map((s) => `  ${JSON.stringify(s)}: () => require(${JSON.stringify(s)}),`).join('\n');
  const where = specifiers.map((s) => `  ${JSON.stringify(s)}: ${JSON.stringify(`${VIRTUAL_NODE_MODULES}/${s}`)},`).join('\n');
  return `const load = {\n${load}\n};
const where = {\n${where}\n};
const byPath = Object.fromEntries(Object.entries(where).map(([s, p]) => [p, s]));
function bundledRequire(id) {
  const spec = id in load ? id : byPath[id];
  if (spec === undefined) throw new Error(id + ' is not in the single file');
  return load[spec]();
}
bundledRequire.resolve = (id) => {
  if (!(id in where)) throw new Error(id + ' is not in the single file');
  return where[id];
};
exports.createRequire = () => bundledRequire;
`;
}
