import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toStatsSample, type RawStats, type StatsSample } from '../../src/docker/stats.js';
import { blockIO, cpuPercent, formatBytes, formatGoF, formatGoG, formatPercent, memoryUsage, netIO, statsRow } from '../../src/render/stats.js';

// Recorded from the test engine (dockerd 20.10, cgroup v1): a busy loop, a container holding
// ~40 MiB of page cache, and the empty sample of an exited container. The "edited" ones are the
// recorded memory sample with parts this machine cannot produce (network, block I/O accounting,
// cgroup v2) written in, in the engine's own format.
function fixture(name: string): RawStats {
  return JSON.parse(readFileSync(new URL(`./fixtures/stats-${name}.json`, import.meta.url), 'utf8')) as RawStats;
}
function sample(name: string): StatsSample {
  const s = toStatsSample(fixture(name));
  if (!s) throw new Error(`no sample in ${name}`);
  return s;
}

describe('engine stats samples', () => {
  it('reads the counters of a recorded sample', () => {
    const s = sample('busy');
    expect(s.name).toBe('busy');
    expect(s.id).toMatch(/^[0-9a-f]{64}$/);
    expect(s.readMs).toBe(Date.parse('2026-11-28T09:12:39.458Z'));
    expect(s.cpu).toEqual({ total: 237513807717, system: s.cpu.system, onlineCpus: 2 });
    expect(s.precpu.total).toBeLessThan(s.cpu.total);
    expect(s.pids).toBe(1);
    expect(s.network).toEqual({ rx: 0, tx: 0, interfaces: 0 });
  });

  it('treats the empty sample of an exited container as no sample', () => {
    expect(toStatsSample(fixture('exited'))).toBeUndefined();
    expect(toStatsSample({})).toBeUndefined();
  });

  it('never throws on hostile or partial JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = toStatsSample((v && typeof v === 'object' ? v : {}) as RawStats);
        if (s) expect(Number.isFinite(cpuPercent(s)) || Number.isNaN(cpuPercent(s))).toBe(true);
      }),
    );
  });
});

describe('docker stats maths', () => {
  it('computes CPU % as docker does: delta over system delta times online CPUs', () => {
    const raw = fixture('busy');
    const expected =
      ((raw.cpu_stats!.cpu_usage!.total_usage! - raw.precpu_stats!.cpu_usage!.total_usage!) /
        (raw.cpu_stats!.system_cpu_usage! - raw.precpu_stats!.system_cpu_usage!)) *
      2 *
      100;
    expect(cpuPercent(sample('busy'))).toBeCloseTo(expected, 10);
    expect(formatPercent(cpuPercent(sample('busy')))).toBe('47.09%');
  });

  it('says 0% when there is no previous read yet', () => {
    const s = sample('busy');
    expect(cpuPercent({ ...s, precpu: { total: 0, system: 0, onlineCpus: 0 } })).toBeGreaterThan(0);
    expect(cpuPercent({ ...s, precpu: s.cpu })).toBe(0);
  });

  it('counts memory as usage minus the inactive page cache (cgroup v1)', () => {
    const m = memoryUsage(sample('memory'));
    expect(m.used).toBe(42758144);
    expect(m.limit).toBe(25276059648);
    expect(m.percent).toBeCloseTo((42758144 / 25276059648) * 100, 10);
    expect(statsRow(sample('memory')).memUsage).toBe('40.78MiB / 23.54GiB');
    expect(statsRow(sample('memory')).memPercent).toBe('0.17%');
  });

  it('subtracts inactive_file on cgroup v2', () => {
    const m = memoryUsage(sample('edited-cgroup2'));
    expect(m.used).toBe(52428800 - 20971520);
    expect(m.percent).toBeCloseTo(((52428800 - 20971520) / 2147483648) * 100, 10);
    expect(statsRow(sample('edited-cgroup2')).memUsage).toBe('30MiB / 2GiB');
  });

  it('sums network over interfaces and block I/O by operation, any case', () => {
    const s = sample('edited-io');
    expect(netIO(s)).toEqual({ rx: 12401000, tx: 1000000 });
    expect(blockIO(s)).toEqual({ read: 1234568000, write: 5000000 });
    expect(statsRow(s)).toMatchObject({ netIO: '12.4MB / 1MB', blockIO: '1.23GB / 5MB' });
  });

  it('prints a row the way docker stats does', () => {
    expect(statsRow(sample('busy'))).toEqual({
      cpu: '47.09%',
      memUsage: '348KiB / 23.54GiB',
      memPercent: '0.00%',
      netIO: '0B / 0B',
      blockIO: '0B / 0B',
      pids: '1',
    });
  });
});

describe("docker's size and number formatting", () => {
  it('formats binary sizes with 4 significant digits', () => {
    expect(formatBytes(0)).toBe('0B');
    expect(formatBytes(1023)).toBe('1023B');
    expect(formatBytes(1024)).toBe('1KiB');
    expect(formatBytes(356352)).toBe('348KiB');
    expect(formatBytes(25276059648)).toBe('23.54GiB');
    expect(formatBytes(1.2 * 1024 ** 3)).toBe('1.2GiB');
    expect(formatBytes(1048575)).toBe('1024KiB');
  });

  it('formats decimal sizes with 3 significant digits, Go exponent quirk included', () => {
    expect(formatBytes(0, 'decimal')).toBe('0B');
    expect(formatBytes(999, 'decimal')).toBe('999B');
    expect(formatBytes(1000, 'decimal')).toBe('1kB');
    expect(formatBytes(12_400_000, 'decimal')).toBe('12.4MB');
    expect(formatBytes(999_700, 'decimal')).toBe('1e+03kB');
  });

  it("follows Go's %g: halves to even, exponent form, trailing zeros dropped", () => {
    expect(formatGoG(1000.5, 4)).toBe('1000');
    expect(formatGoG(1001.5, 4)).toBe('1002');
    expect(formatGoG(123456, 4)).toBe('1.235e+05');
    expect(formatGoG(0.0001, 4)).toBe('0.0001');
    expect(formatGoG(0.00001, 4)).toBe('1e-05');
    expect(formatGoG(100, 4)).toBe('100');
    expect(formatGoG(1.5, 4)).toBe('1.5');
    expect(formatGoG(-2.25, 2)).toBe('-2.2');
  });

  it("follows Go's %.2f on exact halves", () => {
    expect(formatGoF(0.125, 2)).toBe('0.12');
    expect(formatGoF(0.375, 2)).toBe('0.38');
    expect(formatGoF(99.675, 2)).toBe((99.675).toFixed(2));
  });

  it('property: formatGoG agrees with toPrecision whenever there is no tie and no exponent', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 999, noNaN: true }), fc.integer({ min: 1, max: 6 }), (x, p) => {
        const viaJs = Number(x.toPrecision(p));
        expect(Number(formatGoG(x, p))).toBeCloseTo(viaJs, 10);
      }),
    );
  });
});
