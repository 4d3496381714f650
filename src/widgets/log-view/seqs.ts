// An increasing list of sequence numbers (the lines a view shows, the lines that match) that
// loses its oldest entries as the ring buffer drops lines. O(1) append and trim, O(log n) find.

export class SeqList {
  private items: number[] = [];
  private start = 0;

  get length(): number {
    return this.items.length - this.start;
  }

  at(i: number): number | undefined {
    return i < 0 ? undefined : this.items[this.start + i];
  }

  last(): number | undefined {
    return this.at(this.length - 1);
  }

  push(seq: number): void {
    this.items.push(seq);
  }

  /** Forgets the sequence numbers below first (dropped from the buffer). */
  trimBelow(first: number): void {
    while (this.start < this.items.length && this.items[this.start]! < first) this.start++;
    // Compact now and then so the array does not keep what was trimmed.
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }

  /** Index of the first entry >= seq (length when none). */
  lowerBound(seq: number): number {
    let lo = this.start;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.start;
  }

  clear(): void {
    this.items = [];
    this.start = 0;
  }
}
