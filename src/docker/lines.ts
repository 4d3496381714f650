// Splits a byte stream into lines without losing a line that straddles two chunks.

export class LineSplitter {
  private rest = '';

  /** Feeds a chunk; returns the complete lines it finished (without the newline). */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return parts;
  }

  /** What is left after the stream ended (an unterminated last line), if anything. */
  flush(): string | undefined {
    const r = this.rest;
    this.rest = '';
    return r ? r : undefined;
  }
}
