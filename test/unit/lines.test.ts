// The line splitter under the events, stats and progress streams: JSON lines whose bytes
// arrive cut anywhere, also inside a UTF-8 character (a label value, an image name).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/docker/lines.js';

function split(bytes: Buffer, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const s = new LineSplitter();
  const out: string[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    if (c > from) out.push(...s.push(bytes.subarray(from, c)));
    from = c;
  }
  const rest = s.flush();
  if (rest !== undefined) out.push(rest);
  return out;
}

describe('LineSplitter', () => {
  it('keeps a UTF-8 character cut between two chunks whole', () => {
    const bytes = Buffer.from('{"label":"café 中 🐳"}\n', 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) expect(split(bytes, [cut])).toEqual(['{"label":"café 中 🐳"}']);
  });

  it('property: the lines are the text split at newlines, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).map((l) => l.replace(/\n/g, ' ')), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const text = lines.join('\n');
        const expected = text.split('\n');
        if (expected.at(-1) === '') expected.pop();
        expect(split(Buffer.from(text, 'utf8'), cuts)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);
});
