// The user's key map: key names as people write them, and the effective table.
import { describe, expect, it } from 'vitest';
import { applyBindings, parseKey } from '../../src/keys/keymap.js';
import { ACTIONS } from '../../src/screens/registry.js';

describe('key names', () => {
  it.each([
    ['s', 's'],
    ['G', 'G'],
    ['?', '?'],
    ['1', '1'],
    ['-', '-'],
    ['ctrl-s', 'C-s'],
    ['Ctrl+S', 'C-s'],
    ['C-s', 'C-s'],
    ['alt-x', 'M-x'],
    ['meta-x', 'M-x'],
    ['shift-tab', 'S-tab'],
    ['S-tab', 'S-tab'],
    ['ctrl-alt-x', 'C-M-x'],
    ['alt-ctrl-x', 'C-M-x'],
    ['esc', 'escape'],
    ['Escape', 'escape'],
    ['return', 'enter'],
    ['space', 'space'],
    [' ', 'space'],
    ['PgDn', 'pagedown'],
    ['F5', 'f5'],
    ['é', 'é'],
  ])('%s is %s', (written, blessed) => {
    expect(parseKey(written)).toBe(blessed);
  });

  it.each(['', 'f13', 'ctrl-', 'hyper-x', 'ab', 'ctrl-xy', '\t', '\x1b'])('%j is no key', (written) => {
    expect(parseKey(written)).toBeUndefined();
  });

  it('reads back every default key as it is', () => {
    for (const a of ACTIONS) for (const k of a.keys) expect(parseKey(k), `${a.id}: ${k}`).toBe(k);
  });
});

describe('the effective table', () => {
  it('replaces the keys of bound actions only, in the same order', () => {
    const table = applyBindings(ACTIONS, new Map([['containers.stop', ['x', 'C-s']]]));
    expect(table.map((a) => a.id)).toEqual(ACTIONS.map((a) => a.id));
    expect(table.find((a) => a.id === 'containers.stop')?.keys).toEqual(['x', 'C-s']);
    expect(table.find((a) => a.id === 'containers.start')).toBe(ACTIONS.find((a) => a.id === 'containers.start'));
    // The defaults are not touched.
    expect(ACTIONS.find((a) => a.id === 'containers.stop')?.keys).toEqual(['s']);
  });
});
