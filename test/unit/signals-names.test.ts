// What berth checks before it asks the engine to kill or rename: signals and names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerNameProblem } from '../../src/docker/containers.js';
import { parseSignal, signalName } from '../../src/docker/signals.js';

describe('signals', () => {
  it('reads names with or without SIG, in any case, and numbers', () => {
    expect(parseSignal('usr1')).toEqual({ signal: 'SIGUSR1', number: 10 });
    expect(parseSignal(' SIGTERM ')).toEqual({ signal: 'SIGTERM', number: 15 });
    expect(parseSignal('9')).toEqual({ signal: '9', number: 9 });
    expect(parseSignal('rtmin+3')).toEqual({ signal: 'SIGRTMIN+3', number: 37 });
    expect(parseSignal('SIGRTMAX-1')).toEqual({ signal: 'SIGRTMAX-1', number: 63 });
  });

  it('refuses what the engine would not know, with a sentence', () => {
    for (const bad of ['NOPE', 'SIGKIL', '0', '65', 'RTMIN+16', 'RTMAX+1', 'TERM; rm -rf /', '-9', '1.5']) {
      const r = parseSignal(bad);
      expect('problem' in r, bad).toBe(true);
      if ('problem' in r) expect(r.problem).toContain(`"${bad}" is not a signal`);
    }
    expect(parseSignal('  ')).toEqual({ problem: 'Choose or type a signal.' });
  });

  it('names the signal of a kill event', () => {
    expect([signalName(10), signalName(9), signalName(37), signalName(63), signalName(99)]).toEqual(['SIGUSR1', 'SIGKILL', 'SIGRTMIN+3', 'SIGRTMAX-1', undefined]);
  });

  it('property: anything accepted is a name the engine knows or a number from 1 to 64', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseSignal(s);
        if ('signal' in r) expect(r.signal).toMatch(/^(SIG[A-Z0-9]+([+-]\d+)?|([1-9]|[1-5]\d|6[0-4]))$/);
      }),
    );
  });
});

describe('container names', () => {
  it('takes what the engine takes', () => {
    for (const ok of ['web', 'web-2', 'a.b_c', '/web', 'A1']) expect(containerNameProblem(ok), ok).toBeUndefined();
  });

  it('refuses empty, one-character and invalid names with a reason', () => {
    expect(containerNameProblem('')).toBe('A container needs a name.');
    expect(containerNameProblem('/')).toBe('A container needs a name.');
    for (const bad of ['a', 'bad name', '-web', '.web', 'wéb', 'web/1']) expect(containerNameProblem(bad), bad).toContain('is not a valid container name');
  });
});
