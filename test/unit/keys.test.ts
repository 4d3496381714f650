import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyCollisions } from '../../src/keys/action.js';
import { actionFor } from '../../src/keys/dispatch.js';
import { keysMarkdown } from '../../src/screens/help-text.js';
import { ACTIONS, HELP_TITLES } from '../../src/screens/registry.js';

describe('the action table', () => {
  it('has no key bound twice in a scope', () => {
    expect(keyCollisions(ACTIONS)).toEqual([]);
  });

  it('finds a collision when there is one', () => {
    const clash = [
      { ...ACTIONS[0]!, id: 'one', keys: ['x'], scope: 'containers' as const },
      { ...ACTIONS[0]!, id: 'two', keys: ['x'], scope: 'global' as const },
    ];
    expect(keyCollisions(clash)).toHaveLength(1);
  });

  it('gives every action its own id (a clash would let one handler replace another)', () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('gives every action a description and a key', () => {
    for (const a of ACTIONS) {
      expect(a.keys.length, a.id).toBeGreaterThan(0);
      expect(a.description.length, a.id).toBeGreaterThan(3);
    }
  });

  it('dispatches by key name and by character', () => {
    expect(actionFor({ full: 'C-c' }, ['containers', 'global'], ACTIONS)?.id).toBe('quit');
    expect(actionFor({ full: 'S-g', ch: 'G' }, ['containers', 'global'], ACTIONS)?.id).toBe('cursor.bottom');
    expect(actionFor({ full: 'down' }, ['containers', 'global'], ACTIONS)?.id).toBe('cursor.down');
    expect(actionFor({ full: 'escape' }, ['help'], ACTIONS)?.id).toBe('help.close');
    expect(actionFor({ full: 'z', ch: 'z' }, ['containers', 'global'], ACTIONS)).toBeUndefined();
  });

  it('is what the README lists', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const between = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
    expect(between, 'README.md must carry the key list between the keys markers (npm run readme:keys writes it)').toBeDefined();
    expect(between!.trim()).toBe(keysMarkdown(ACTIONS, HELP_TITLES).trim());
  });
});
