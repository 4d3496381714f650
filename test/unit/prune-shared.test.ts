import { describe, expect, it } from 'vitest';
import { containerNames, isKept, removeEach } from '../../src/docker/prune-shared.js';
import { volumeNameProblem } from '../../src/docker/volumes.js';

describe('prune helpers', () => {
  it('names containers with their state when they are not running', () => {
    expect(
      containerNames([
        { name: 'web', state: 'running' },
        { name: 'db', state: 'exited' },
        { name: 'job', state: 'created' },
        { name: 'cache', state: 'paused' },
      ]),
    ).toBe('web, db (stopped), job (stopped), cache (paused)');
  });

  it('keeps only the exact label value true', () => {
    expect(isKept({ 'berth.keep': 'true' })).toBe(true);
    expect(isKept({ 'berth.keep': 'yes' })).toBe(false);
    expect(isKept({})).toBe(false);
  });

  it('removes each name in order and goes on after a failure', async () => {
    const seen: string[] = [];
    const res = await removeEach(['a', 'b', 'c'], async (n) => {
      seen.push(n);
      if (n === 'b') throw new Error('b is busy');
    });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(res).toEqual({ removed: ['a', 'c'], failed: [{ name: 'b', reason: 'b is busy' }] });
  });

  it('checks volume names with the engine rule', () => {
    expect(volumeNameProblem('ab')).toBeUndefined();
    expect(volumeNameProblem('a.b_c-1')).toBeUndefined();
    expect(volumeNameProblem('a')).toMatch(/at least two characters/);
    expect(volumeNameProblem('_x')).toMatch(/is not a valid volume name/);
    expect(volumeNameProblem('x'.repeat(100))).toBeUndefined();
    expect(volumeNameProblem(`${'y'.repeat(100)}/`)).toContain('...');
  });
});
