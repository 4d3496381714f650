// The line splitter under events, stats and pull/push/build progress. Regression: each chunk
// was decoded on its own, so a character split across two chunks became two U+FFFD.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/docker/lines.js';

/** Feeds the chunks, then ends the stream; returns every line. */
function split(chunks: readonly (Buffer | string)[]): string[] {
  const s = new LineSplitter();
  const out = chunks.flatMap((c) => s.push(c));
  const last = s.flush();
  return last === undefined ? out : [...out, last];
}

// 2-, 3- and 4-byte characters, a combining sequence and a ZWJ emoji.
const TEXT = '{"status":"Extracting é ü ½"}\n{"id":"€ 中文 ✓"}\n{"emoji":"🐳 👩‍💻 e\u0301"}\nlast 𝄞';

describe('splitting a byte stream into lines', () => {
  it('keeps a line that straddles chunks and the unterminated last one', () => {
    expect(split(['a\nb', 'c\n', 'd'])).toEqual(['a', 'bc', 'd']);
    expect(split(['a\n'])).toEqual(['a']);
    expect(split([])).toEqual([]);
  });

  it('decodes every multi-byte character whatever byte the chunk boundary falls on', () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const expected = TEXT.split('\n');
    for (let at = 0; at <= bytes.length; at++) {
      expect(split([bytes.subarray(0, at), bytes.subarray(at)]), `split at byte ${at}`).toEqual(expected);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    expect(split([...bytes].map((b) => Buffer.from([b])))).toEqual(TEXT.split('\n'));
  });

  it('decodes any text cut into any chunks as the whole would decode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [...points, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : points[i - 1], end));
        expect(split(chunks).join('\n')).toBe(split([bytes]).join('\n'));
        expect(split(chunks).join('\n')).toBe(text.replace(/\n$/, ''));
      }),
    );
  });

  it('turns a character the stream cut off at its end into U+FFFD, once', () => {
    const bytes = Buffer.from('ok 🐳', 'utf8');
    expect(split([bytes.subarray(0, bytes.length - 2)])).toEqual(['ok \ufffd']);
  });
});
