// Splits a byte stream into lines without losing a line that straddles two chunks, nor a
// UTF-8 character split between two chunks (decoded as a stream, not chunk by chunk, which
// would turn both halves into U+FFFD).
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private rest = '';
  private readonly decoder = new StringDecoder('utf8');

  /** Feeds a chunk; returns the complete lines it finished (without the newline). */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return parts;
  }

  /**
   * What is left after the stream ended (an unterminated last line), if anything. Bytes of
   * a character the stream cut off become U+FFFD.
   */
  flush(): string | undefined {
    const r = this.rest + this.decoder.end();
    this.rest = '';
    return r ? r : undefined;
  }
}
