import { describe, expect, it } from 'vitest';
import { lineMatches, makeMatcher, nextStreamFilter, passesStream } from '../../src/render/log-search.js';

describe('log search', () => {
  it('is case-insensitive unless the query has an upper-case letter', () => {
    const lower = makeMatcher('error')!;
    expect(lower.test('An ERROR here')).toBe(true);
    const upper = makeMatcher('Error')!;
    expect(upper.test('An ERROR here')).toBe(false);
    expect(upper.test('Error!')).toBe(true);
    expect(makeMatcher('')).toBeUndefined();
  });

  it('treats the query literally', () => {
    const m = makeMatcher('a.b(')!;
    expect(m.test('axb(')).toBe(false);
    expect(m.test('xa.b(y')).toBe(true);
  });

  it('gives highlight ranges aligned with the text, also where case folding changes lengths', () => {
    expect(makeMatcher('ab')!.ranges('xABxab')).toEqual([
      [1, 3],
      [4, 6],
    ]);
    // 'İ'.toLowerCase() is two code units; the ranges must still point into the original.
    const text = 'İİ fooİ FOO';
    const r = makeMatcher('foo')!.ranges(text);
    expect(r.map(([s, e]) => text.slice(s, e))).toEqual(['foo', 'FOO']);
  });

  it('bounds the ranges of a pathological line', () => {
    expect(makeMatcher('a')!.ranges('a'.repeat(10_000)).length).toBe(256);
  });

  it('matches the text without colour and never a marker line', () => {
    const m = makeMatcher('red alert')!;
    expect(lineMatches({ stream: 'stdout', text: '\x1b[31mred\x1b[m alert' }, m)).toBe(true);
    expect(lineMatches({ stream: 'event', text: 'red alert' }, m)).toBe(false);
  });

  it('filters streams, always keeping markers and TTY output', () => {
    expect(passesStream('stderr', 'stdout')).toBe(false);
    expect(passesStream('stdout', 'stdout')).toBe(true);
    expect(passesStream('event', 'stderr')).toBe(true);
    expect(passesStream('tty', 'stderr')).toBe(true);
    expect(nextStreamFilter('all')).toBe('stdout');
    expect(nextStreamFilter('stdout')).toBe('stderr');
    expect(nextStreamFilter('stderr')).toBe('all');
  });
});
