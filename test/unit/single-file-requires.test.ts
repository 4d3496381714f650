import { describe, expect, it } from 'vitest';
import { createRequireModule, srcRequires, VIRTUAL_NODE_MODULES } from '../../scripts/single-file/src-requires.js';

describe('the single file: src modules that use createRequire(import.meta.url)', () => {
  it('finds the files a module names through its require, and only those', () => {
    const source = [
      "import { createRequire } from 'node:module';",
      'const requireBlessed = createRequire(import.meta.url);',
      "const tput = requireBlessed.resolve('blessed/lib/tput.js');",
      "export const screen = requireBlessed('blessed/lib/widgets/screen.js');",
      'const again = requireBlessed(tput);',
      "const other = notTheRequire('x');",
    ].join('\n');
    expect(srcRequires(source, 'a.ts')).toEqual({ names: ['requireBlessed'], specifiers: ['blessed/lib/tput.js', 'blessed/lib/widgets/screen.js'] });
  });

  it('stops the build on a createRequire it cannot follow', () => {
    expect(() => srcRequires("const r = createRequire(someFile);\nr('x');", 'b.ts')).toThrow(/b\.ts: createRequire is used other than/);
  });

  it('gives a require that loads each named file, finds it again by its resolved path, and refuses others', () => {
    const code = createRequireModule(['pkg/a.js']);
    const loaded: string[] = [];
    const mod = { exports: {} as { createRequire?: () => ((id: string) => unknown) & { resolve(id: string): string } } };
    new Function('exports', 'require', code)(mod.exports, (id: string) => (loaded.push(id), { id }));
    const req = mod.exports.createRequire!();
    const where = req.resolve('pkg/a.js');
    expect(where).toBe(`${VIRTUAL_NODE_MODULES}/pkg/a.js`);
    expect(req(where)).toEqual({ id: 'pkg/a.js' });
    expect(req('pkg/a.js')).toEqual({ id: 'pkg/a.js' });
    expect(loaded).toEqual(['pkg/a.js', 'pkg/a.js']);
    expect(() => req('pkg/b.js')).toThrow('pkg/b.js is not in the single file');
    expect(() => req.resolve('pkg/b.js')).toThrow('pkg/b.js is not in the single file');
  });
});
