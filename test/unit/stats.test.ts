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
        expect(() => toStatsSample((v && typeof v === 'object' ? v : {}) as RawStats)).not.toThrow();
      }),
    );
  });

  it('property: an engine-shaped sample with hostile or missing fields reads as finite counters and prints as docker would', () => {
    // Every field the engine sends, each missing or holding what a broken or hostile server
    // might put there instead of an unsigned counter. A valid read time makes it a sample.
    const leaf = fc.oneof(
      { weight: 4, arbitrary: fc.nat() },
      { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(Number) },
      fc.integer({ min: -1e12, max: -1 }),
      fc.string({ maxLength: 6 }),
      fc.constantFrom(null, true, false, '12', '', 'NaN'),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
    const some = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, leaf);
    const cpuArb = some(
      fc.record(
        {
          cpu_usage: opt(some(fc.record({ total_usage: opt(leaf), percpu_usage: opt(some(fc.array(leaf, { maxLength: 4 }))) }, { requiredKeys: [] }))),
          system_cpu_usage: opt(leaf),
          online_cpus: opt(leaf),
        },
        { requiredKeys: [] },
      ),
    );
    const VALID_READ = '2026-11-28T09:12:39.458123456Z';
    const stats = fc.record(
      {
        id: opt(some(fc.stringMatching(/^[0-9a-f]{64}$/))),
        name: opt(some(fc.string().map((n) => `/${n}`))),
        read: fc.oneof({ weight: 5, arbitrary: fc.constant(VALID_READ) }, { weight: 1, arbitrary: leaf }, { weight: 1, arbitrary: fc.constant('0001-01-01T00:00:00Z') }),
        cpu_stats: opt(cpuArb),
        precpu_stats: opt(cpuArb),
        memory_stats: opt(some(fc.record({ usage: opt(leaf), limit: opt(leaf), stats: opt(some(fc.dictionary(fc.constantFrom('total_inactive_file', 'inactive_file', 'cache', 'total_cache', 'file'), leaf))) }, { requiredKeys: [] }))),
        networks: opt(some(fc.dictionary(fc.constantFrom('eth0', 'eth1', 'lo'), some(fc.record({ rx_bytes: opt(leaf), tx_bytes: opt(leaf) }, { requiredKeys: [] }))))),
        blkio_stats: opt(some(fc.record({ io_service_bytes_recursive: opt(some(fc.array(some(fc.record({ op: opt(fc.oneof(fc.constantFrom('Read', 'write', 'READ', 'Total', 'Sync'), leaf)), value: opt(leaf) }, { requiredKeys: [] })), { maxLength: 4 }))) }, { requiredKeys: [] }))),
        pids_stats: opt(some(fc.record({ current: opt(leaf) }, { requiredKeys: [] }))),
      },
      { requiredKeys: ['read'] },
    );
    const counter = (n: number) => Number.isFinite(n) && n >= 0;
    // A plain number as JavaScript or Go prints it, exponent included (absurd counters are allowed to look absurd).
    const NUM = String.raw`\d+(?:\.\d+)?(?:e\+\d+)?`;
    fc.assert(
      fc.property(stats, (raw) => {
        const s = toStatsSample(raw as unknown as RawStats);
        if (raw.read !== VALID_READ) return;
        // A valid read time always makes a sample, whatever else is broken.
        expect(s).toBeDefined();
        const all = [s!.cpu.total, s!.cpu.system, s!.cpu.onlineCpus, s!.precpu.total, s!.precpu.system, s!.precpu.onlineCpus, s!.memory.usage, s!.memory.limit, s!.memory.cache, s!.memory.inactiveFile, s!.network.rx, s!.network.tx, s!.blockIo.read, s!.blockIo.write, s!.pids];
        for (const n of all) expect(counter(n), `counter ${String(n)}`).toBe(true);
        expect(typeof s!.name).toBe('string');
        expect(typeof s!.id).toBe('string');
        const cpu = cpuPercent(s!);
        expect(counter(cpu)).toBe(true);
        expect(memoryUsage(s!).used).toBeGreaterThanOrEqual(0);
        const row = statsRow(s!);
        expect(row.cpu).toMatch(new RegExp(`^${NUM}%$`));
        expect(row.memPercent).toMatch(new RegExp(`^${NUM}%$`));
        const size = `${NUM}(?:[KMGTPEZY]iB|[kMGTPEZY]B|B)`;
        for (const cell of [row.memUsage, row.netIO, row.blockIO]) expect(cell).toMatch(new RegExp(`^${size} / ${size}$`));
        expect(row.pids).toMatch(new RegExp(`^${NUM}$`));
      }),
      { numRuns: 2000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);
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

  it('with no previous read counts from zero, as docker stats does; says 0% when nothing moved', () => {
    const s = sample('busy');
    // The docker CLI takes the deltas against the sample's precpu even when it is empty:
    // the container's CPU time over the host's, since boot.
    expect(cpuPercent({ ...s, precpu: { total: 0, system: 0, onlineCpus: 0 } })).toBeCloseTo((s.cpu.total / s.cpu.system) * s.cpu.onlineCpus * 100, 10);
    expect(cpuPercent({ ...s, precpu: s.cpu })).toBe(0);
    // Counters that went backwards (a restarted container) read 0, never negative.
    expect(cpuPercent({ ...s, precpu: { ...s.cpu, total: s.cpu.total + 1 } })).toBe(0);
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
