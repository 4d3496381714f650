// Ages in the docker CLI's words (go-units' HumanDuration, as `docker ps` and `docker images`
// print them), at each cut-off. Regression: berth said "1 minute", "1 hour", "15 days" and
// "less than a second" where docker says "About a minute", "About an hour", "2 weeks" and
// "Less than a second".
import { describe, expect, it } from 'vitest';
import { age, ago } from '../../src/render/format.js';

const NOW = 1_800_000_000_000;
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('ages like docker', () => {
  it.each([
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [-5 * S, 'Less than a second'],
    [S, '1 second'],
    [1999, '1 second'],
    [2 * S, '2 seconds'],
    [59 * S + 999, '59 seconds'],
    [M, 'About a minute'],
    [2 * M - 1, 'About a minute'],
    [2 * M, '2 minutes'],
    [59 * M + 59 * S, '59 minutes'],
    [H, 'About an hour'],
    [H + 29 * M, 'About an hour'],
    [H + 30 * M, '2 hours'],
    [47 * H + 29 * M, '47 hours'],
    [47 * H + 30 * M, '2 days'],
    [13 * D + 23 * H + 29 * M, '13 days'],
    [14 * D, '2 weeks'],
    [59 * D + 23 * H, '8 weeks'],
    [60 * D, '2 months'],
    [729 * D, '24 months'],
    [730 * D, '2 years'],
    [3651 * D, '10 years'],
  ])('%i ms -> %s', (ms, words) => {
    expect(age(NOW - ms, NOW)).toBe(words);
  });

  it('says "ago" after it, and nothing for an unknown time', () => {
    expect(ago(NOW - 14 * D, NOW)).toBe('2 weeks ago');
    expect(ago(NOW - 90 * S, NOW)).toBe('About a minute ago');
    expect(ago(0, NOW)).toBe('');
    expect(age(Number.NaN, NOW)).toBe('');
  });
});
