import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TERMINALS, eagerCompile, searchPathsFromEnv } from '../../src/widgets/blessed-tput.js';
import '../../src/widgets/blessed.js';

const require = createRequire(import.meta.url);
const Tput = require('blessed/lib/tput.js') as new (o: object) => { error: Error | null; info: { strings: Record<string, string>; methods: Record<string, (...a: unknown[]) => unknown> } };

const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (err) {
    return { error: String(err) };
  }
};

describe("blessed's terminfo, compiled on first use", () => {
  for (const terminal of ['xterm-256color', 'xterm']) {
    it(`gives the same output as blessed's own compiler for every capability of ${terminal}`, () => {
      const t = new Tput({ terminal });
      expect(t.error).toBeNull(); // the bundled file is read directly: no failed system attempt
      const keys = Object.keys(t.info.strings);
      expect(keys.length).toBeGreaterThan(100);
      for (const key of keys) {
        const lazy = t.info.methods[key]!;
        const eager = eagerCompile.call(t, t.info, key, t.info.strings[key]) as (...a: unknown[]) => unknown;
        for (const args of [[], [3, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
          // A copy for each: %i increments the parameters in place.
          expect(outcome(() => lazy.call(t, [...args])), `${key}(${args.join(',')})`).toEqual(outcome(() => eager.call(t, [...args])));
        }
      }
    });
  }

  it('still looks up the system entry for a terminal blessed does not carry', () => {
    expect(BUNDLED_TERMINALS).not.toContain('vt100');
    const t = new Tput({ terminal: 'vt100' });
    expect(typeof t.info.methods.cup).toBe('function');
  });
});

describe("blessed's terminfo search paths, read again on a start from the snapshot", () => {
  const paths = require('blessed/lib/tput.js') as { ipaths: unknown[]; cpaths: unknown[] };

  it("gives what blessed worked out at load when the environment is the same", () => {
    const copy = structuredClone({ ipaths: paths.ipaths, cpaths: paths.cpaths });
    searchPathsFromEnv(copy, process.env);
    expect(copy).toEqual({ ipaths: paths.ipaths, cpaths: paths.cpaths });
  });

  it("follows this run's environment, and keeps the system paths after it", () => {
    const copy = structuredClone({ ipaths: paths.ipaths, cpaths: paths.cpaths });
    searchPathsFromEnv(copy, { HOME: '/home/ann', TERMINFO: '/opt/ti', TERMINFO_DIRS: '/a:/b', TERMPATH: '/c /d' });
    expect(copy.ipaths.slice(0, 4)).toEqual(['/opt/ti', ['/a', '/b'], '/home/ann/.terminfo', '/usr/share/terminfo']);
    expect(copy.cpaths.slice(0, 4)).toEqual(['', ['/c', '/d'], '/home/ann/.termcap', '/usr/share/misc/termcap']);
    expect(copy.ipaths.length).toBe(paths.ipaths.length);
  });
});
