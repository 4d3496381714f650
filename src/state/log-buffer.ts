// A ring buffer addressed by sequence numbers: a flooding container can never grow berth's
// memory past its capacity. Appends are O(1); the oldest entries are dropped and counted.
// Generic on purpose: this layer knows nothing of how a log line looks.

export const DEFAULT_LOG_CAPACITY = 10_000;

export interface LogBufferOptions<T> {
  /** Most entries kept (default 10,000). */
  readonly capacity?: number;
  /**
   * Optional second bound: the total of sizeOf over the kept entries (say, characters).
   * Entries are dropped oldest first until it fits; the newest entry always stays.
   */
  readonly maxSize?: number;
  readonly sizeOf?: (item: T) => number;
}

export class LogBuffer<T> {
  readonly capacity: number;
  private readonly maxSize: number;
  private readonly sizeOf: ((item: T) => number) | undefined;
  private slots: (T | undefined)[] = [];
  /** Slot of the oldest entry. */
  private head = 0;
  private count = 0;
  private first = 0;
  private size = 0;
  private droppedCount = 0;

  constructor(opts: LogBufferOptions<T> = {}) {
    const cap = opts.capacity ?? DEFAULT_LOG_CAPACITY;
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`log buffer capacity must be a positive integer, not ${cap}`);
    this.capacity = cap;
    this.maxSize = opts.maxSize ?? Infinity;
    this.sizeOf = opts.sizeOf;
  }

  /** Sequence number of the oldest entry still kept. */
  get firstSeq(): number {
    return this.first;
  }

  /** Sequence number the next entry will get (one past the newest). */
  get endSeq(): number {
    return this.first + this.count;
  }

  get length(): number {
    return this.count;
  }

  /** Entries dropped to stay within the bounds since creation or the last clear(). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Total size of the kept entries (0 without sizeOf). */
  get totalSize(): number {
    return this.size;
  }

  /** Appends an entry; returns its sequence number. */
  push(item: T): number {
    if (this.count === this.capacity) this.dropOldest();
    const seq = this.endSeq;
    const slot = (this.head + this.count) % this.capacity;
    // The slot array grows up to capacity only as entries arrive.
    if (slot === this.slots.length) this.slots.push(item);
    else this.slots[slot] = item;
    this.count++;
    if (this.sizeOf) {
      this.size += this.sizeOf(item);
      while (this.size > this.maxSize && this.count > 1) this.dropOldest();
    }
    return seq;
  }

  /** The entry with this sequence number, or undefined when dropped or not yet written. */
  at(seq: number): T | undefined {
    if (seq < this.first || seq >= this.endSeq) return undefined;
    return this.slots[(this.head + (seq - this.first)) % this.capacity];
  }

  /** The newest entry. */
  last(): T | undefined {
    return this.count ? this.at(this.endSeq - 1) : undefined;
  }

  /** Forgets every entry; sequence numbers go on from where they were. */
  clear(): void {
    this.first = this.endSeq;
    this.slots = [];
    this.head = 0;
    this.count = 0;
    this.size = 0;
    this.droppedCount = 0;
  }

  private dropOldest(): void {
    const item = this.slots[this.head];
    if (this.sizeOf && item !== undefined) this.size -= this.sizeOf(item);
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.first++;
    this.droppedCount++;
  }
}
