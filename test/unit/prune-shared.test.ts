import { describe, expect, it } from 'vitest';
import { prunableRecords, type BuildCacheRow } from '../../src/docker/build-cache.js';
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

  it("takes the build cache records the engine's build prune would: unused ones, and with all also shared, internal and frontend ones", () => {
    const r = (id: string, p: Partial<BuildCacheRow> = {}): BuildCacheRow => ({ id, type: 'regular', size: 1, inUse: false, shared: false, description: '', ...p });
    const records = [r('plain'), r('busy', { inUse: true }), r('shared', { shared: true }), r('internal', { type: 'internal' }), r('frontend', { type: 'frontend' }), r('ctx', { type: 'source.local' })];
    expect(prunableRecords(records, false).map((x) => x.id)).toEqual(['plain', 'ctx']);
    expect(prunableRecords(records, true).map((x) => x.id)).toEqual(['plain', 'shared', 'internal', 'frontend', 'ctx']);
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

  it('runs several at a time when asked, never more, and reports in the names\' order', async () => {
    let running = 0;
    let most = 0;
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const res = await removeEach(
      names,
      async (n) => {
        most = Math.max(most, ++running);
        // Later names finish first: the report must still follow the list.
        await new Promise((r) => setTimeout(r, 10 * (names.length - names.indexOf(n))));
        running--;
        if (n === 'c' || n === 'f') throw new Error(`${n} refused`);
      },
      3,
    );
    expect(most).toBe(3);
    expect(res).toEqual({ removed: ['a', 'b', 'd', 'e', 'g'], failed: [{ name: 'c', reason: 'c refused' }, { name: 'f', reason: 'f refused' }] });
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
