import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerError } from '../../src/docker/errors.js';
import { checkReference, formatReference, parseReference, withDefaultTag } from '../../src/docker/reference.js';

describe('image references', () => {
  it.each([
    ['alpine', { registry: 'docker.io', path: 'library/alpine', repository: 'alpine' }],
    ['alpine:3.19', { registry: 'docker.io', path: 'library/alpine', repository: 'alpine', tag: '3.19' }],
    ['team/app', { registry: 'docker.io', path: 'team/app', repository: 'team/app' }],
    ['docker.io/library/alpine', { registry: 'docker.io', path: 'library/alpine', repository: 'alpine' }],
    ['index.docker.io/team/app:1', { registry: 'docker.io', path: 'team/app', repository: 'team/app', tag: '1' }],
    ['127.0.0.1:5000/app:1', { registry: '127.0.0.1:5000', path: 'app', repository: '127.0.0.1:5000/app', tag: '1' }],
    ['localhost/a/b/c', { registry: 'localhost', path: 'a/b/c', repository: 'localhost/a/b/c' }],
    ['ghcr.io/o-r/my__app.x', { registry: 'ghcr.io', path: 'o-r/my__app.x', repository: 'ghcr.io/o-r/my__app.x' }],
    // One underscore between letters is a separator, as two are (it is not refused).
    ['a_b', { registry: 'docker.io', path: 'library/a_b', repository: 'a_b' }],
    ['[::1]:5000/app:v_1.0-rc', { registry: '[::1]:5000', path: 'app', repository: '[::1]:5000/app', tag: 'v_1.0-rc' }],
    // "localhost:5000" alone is the repository "localhost" with tag 5000, as the registry reads it.
    ['localhost:5000', { registry: 'docker.io', path: 'library/localhost', repository: 'localhost', tag: '5000' }],
  ])('parses %s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it('parses a digest, with and without a tag', () => {
    const d = `sha256:${'ab'.repeat(32)}`;
    expect(parseReference(`app@${d}`)).toMatchObject({ repository: 'app', digest: d });
    expect(parseReference(`r.io:443/app:1@${d}`)).toMatchObject({ registry: 'r.io:443', tag: '1', digest: d });
    expect(formatReference(parseReference(`r.io:443/app:1@${d}`))).toBe(`r.io:443/app:1@${d}`);
  });

  it.each([
    ['', /empty/],
    ['  app', /spaces/],
    ['App', /lowercase/],
    ['team/App:1', /lowercase/],
    ['app:', /tag after ":" is empty/],
    ['app:-x', /not a valid tag/],
    [`app:${'x'.repeat(129)}`, /not a valid tag/],
    ['app@sha256:abc', /not a valid digest/],
    [`app@sha256:${'a'.repeat(40)}`, /64 hexadecimal/],
    ['a//b', /empty path component/],
    ['app/', /empty path component/],
    ['my app', /spaces/],
    ['ex ample.com/app', /spaces/],
    ['host:99999/app', /port/],
    ['host:abc/app', /port/],
    ['-bad.io/app', /not a valid registry host/],
    ['a..b/app', /registry host/],
    ['a-', /not a valid name component/],
    ['café', /not a valid name component/],
    [`${'a'.repeat(64).replace(/a/g, 'f')}`, /image id/],
    [`${'a'.repeat(256)}`, /longer than 255/],
    ['app\u0000x', /control characters/],
  ])('refuses %j with a reason', (input, reason) => {
    expect(typeof checkReference(input)).toBe('string');
    const err = (() => {
      try {
        parseReference(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).kind).toBe('badRequest');
    expect((err as DockerError).message).toMatch(/^Invalid image reference ".*": /);
    expect((err as DockerError).message).toMatch(reason);
  });

  it('fills in "latest" only when there is neither tag nor digest', () => {
    expect(withDefaultTag(parseReference('app')).tag).toBe('latest');
    expect(withDefaultTag(parseReference('app:1')).tag).toBe('1');
    expect(withDefaultTag(parseReference(`app@sha256:${'0'.repeat(64)}`)).tag).toBeUndefined();
  });

  it('never throws anything but a validation error, and round-trips what it accepts', () => {
    const alphabet = fc.constantFrom(...'abcAZ09-_.:/@[]% \t\n\u0000é'.split(''), 'sha256:', '0'.repeat(64), 'localhost', '127.0.0.1:5000');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 30 }).map((a) => a.join(''))), (input) => {
        let parsed;
        try {
          parsed = parseReference(input);
        } catch (e) {
          expect(e).toBeInstanceOf(DockerError);
          expect((e as DockerError).kind).toBe('badRequest');
          // The sentence quotes the input safely: no raw control characters reach the UI.
          expect([...(e as DockerError).message].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
          return;
        }
        // Whatever is accepted prints back to a reference that parses to the same parts.
        expect(parseReference(formatReference(parsed))).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });
});
