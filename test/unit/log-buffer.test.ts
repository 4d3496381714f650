import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CAPACITY, LogBuffer } from '../../src/state/log-buffer.js';

const contents = <T>(b: LogBuffer<T>) => {
  const out: T[] = [];
  for (let s = b.firstSeq; s < b.endSeq; s++) out.push(b.at(s)!);
  return out;
};

describe('LogBuffer', () => {
  it('holds 10,000 entries by default', () => {
    expect(new LogBuffer().capacity).toBe(DEFAULT_LOG_CAPACITY);
    expect(DEFAULT_LOG_CAPACITY).toBe(10_000);
  });

  it('wraps around, keeping the newest entries in order and counting the dropped ones', () => {
    const b = new LogBuffer<number>({ capacity: 3 });
    for (let i = 0; i < 3; i++) expect(b.push(i)).toBe(i);
    expect(contents(b)).toEqual([0, 1, 2]);
    expect(b.dropped).toBe(0);
    b.push(3);
    b.push(4);
    expect(contents(b)).toEqual([2, 3, 4]);
    expect([b.firstSeq, b.endSeq, b.length, b.dropped]).toEqual([2, 5, 3, 2]);
    expect(b.at(1)).toBeUndefined();
    expect(b.at(5)).toBeUndefined();
    expect(b.at(4)).toBe(4);
    expect(b.last()).toBe(4);
    for (let i = 5; i < 11; i++) b.push(i);
    expect(contents(b)).toEqual([8, 9, 10]);
    expect(b.dropped).toBe(8);
  });

  it('clears, and sequence numbers go on', () => {
    const b = new LogBuffer<string>({ capacity: 2 });
    b.push('a');
    b.push('b');
    b.push('c');
    b.clear();
    expect([b.length, b.dropped, b.firstSeq, b.endSeq]).toEqual([0, 0, 3, 3]);
    expect(b.push('d')).toBe(3);
    expect(contents(b)).toEqual(['d']);
    expect(b.last()).toBe('d');
  });

  it('respects a size bound too, always keeping the newest entry', () => {
    const b = new LogBuffer<string>({ capacity: 100, maxSize: 10, sizeOf: (s) => s.length });
    b.push('aaaa');
    b.push('bbbb');
    expect(contents(b)).toEqual(['aaaa', 'bbbb']);
    b.push('cccc');
    expect(contents(b)).toEqual(['bbbb', 'cccc']);
    expect(b.totalSize).toBe(8);
    b.push('x'.repeat(50));
    expect(contents(b)).toEqual(['x'.repeat(50)]);
    expect(b.dropped).toBe(3);
    b.push('y');
    expect(contents(b)).toEqual(['y']);
    for (let i = 0; i < 500; i++) b.push('z');
    expect(b.length).toBe(10);
  });

  it('stays within its capacity under a million appends', () => {
    const b = new LogBuffer<{ n: number }>({ capacity: 1000 });
    for (let i = 0; i < 1_000_000; i++) b.push({ n: i });
    expect(b.length).toBe(1000);
    expect(b.dropped).toBe(999_000);
    expect(b.at(b.firstSeq)!.n).toBe(999_000);
    expect(b.last()!.n).toBe(999_999);
    // The slot array never grows past the capacity.
    expect((b as unknown as { slots: unknown[] }).slots.length).toBe(1000);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LogBuffer({ capacity: 0 })).toThrow(/positive integer/);
    expect(() => new LogBuffer({ capacity: 1.5 })).toThrow(/positive integer/);
  });
});
