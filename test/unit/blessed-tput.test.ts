import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TERMINALS, eagerCompile } from '../../src/widgets/blessed-tput.js';
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
