import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cgroupFilesOf, effectiveLimit, findCgroup, readCounters, statValue, usageBetween } from '../../src/docker/cgroup-stats.js';
import { runningTickers, watchCgroupUsage } from '../../src/docker/cgroup-watch.js';
import type { ContainerUsage } from '../../src/docker/usage.js';

const ID = 'f2a8f2c7d1b32613c92746811509918fe186a053fb161c93465e56e78b6ef554';
const GiB = 1024 ** 3;

// What this machine's /proc/PID/cgroup said for a test engine's container (cgroup v1, the
// memory controller under another parent than the rest).
const V1 = `9:name=systemd:/berth-x/${ID}
4:memory:/process_api/f1bf/berth-x/${ID}
2:cpuacct:/berth-x/${ID}
1:cpu:/berth-x/${ID}
0::/berth-x/${ID}
`;

describe('cgroup files of a container', () => {
  it('finds v1 controllers each under its own path', () => {
    expect(cgroupFilesOf(V1, ID, '/sys/fs/cgroup', false)).toEqual({ version: 1, cpuacct: `/sys/fs/cgroup/cpuacct/berth-x/${ID}`, memory: `/sys/fs/cgroup/memory/process_api/f1bf/berth-x/${ID}` });
  });

  it('reads joint controllers (cpu,cpuacct) and the unified line of cgroup v2', () => {
    const joint = `5:cpu,cpuacct:/docker/${ID}\n3:memory:/docker/${ID}\n`;
    expect(cgroupFilesOf(joint, ID, '/r', false)).toEqual({ version: 1, cpuacct: `/r/cpuacct/docker/${ID}`, memory: `/r/memory/docker/${ID}` });
    expect(cgroupFilesOf(`0::/system.slice/docker-${ID}.scope\n`, ID, '/sys/fs/cgroup', true)).toEqual({ version: 2, dir: `/sys/fs/cgroup/system.slice/docker-${ID}.scope` });
  });

  it('refuses a process whose cgroup does not name the container (another PID namespace, another host)', () => {
    expect(cgroupFilesOf(V1, 'a'.repeat(64), '/sys/fs/cgroup', false)).toBeUndefined();
    expect(cgroupFilesOf('0::/user.slice/session-1.scope\n', ID, '/sys/fs/cgroup', true)).toBeUndefined();
    expect(cgroupFilesOf('', ID, '/sys/fs/cgroup', true)).toBeUndefined();
  });
});

describe('counters as docker stats counts them', () => {
  it('takes keys from stat files and the host memory as the limit when there is none', () => {
    expect(statValue('anon 5\ninactive_file 4096\nactive_file 1\n', 'inactive_file')).toBe(4096);
    expect(statValue('total_inactive_file 7\n', 'inactive_file')).toBe(0);
    expect(effectiveLimit('max\n', 8 * GiB)).toBe(8 * GiB);
    expect(effectiveLimit('9223372036854771712\n', 8 * GiB)).toBe(8 * GiB);
    expect(effectiveLimit('268435456\n', 8 * GiB)).toBe(268435456);
  });

  it('computes CPU as the share of one core over the wall time between readings', () => {
    const a = { cpuNs: 1e9, memoryBytes: 10, memoryLimit: 100, atMs: 1000 };
    expect(usageBetween(undefined, a).cpuPercent).toBe(0);
    expect(usageBetween(a, { ...a, cpuNs: 1.5e9, atMs: 2000 }).cpuPercent).toBeCloseTo(50);
    expect(usageBetween(a, { ...a, cpuNs: 3e9, atMs: 2000 }).cpuPercent).toBeCloseTo(200);
    expect(usageBetween(a, { ...a, atMs: 1000 }).cpuPercent).toBe(0);
  });
});

describe('reading a cgroup directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'berth-cgroup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const v2 = (usec: number) => {
    const dir = join(root, 'system.slice', `docker-${ID}.scope`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cpu.stat'), `usage_usec ${usec}\nuser_usec 1\n`);
    writeFileSync(join(dir, 'memory.current'), '1048576\n');
    writeFileSync(join(dir, 'memory.stat'), 'anon 1\ninactive_file 4096\n');
    writeFileSync(join(dir, 'memory.max'), '268435456\n');
    return dir;
  };

  it('finds a v2 cgroup from /proc and reads memory without the inactive cache', async () => {
    const dir = v2(5000);
    writeFileSync(join(root, 'cgroup.controllers'), 'cpu memory\n');
    mkdirSync(join(root, 'proc', '42'), { recursive: true });
    writeFileSync(join(root, 'proc', '42', 'cgroup'), `0::/system.slice/docker-${ID}.scope\n`);
    const files = await findCgroup(42, ID, { proc: join(root, 'proc'), root });
    expect(files).toEqual({ version: 2, dir });
    const c = await readCounters(files!, 8 * GiB);
    expect(c).toMatchObject({ cpuNs: 5_000_000, memoryBytes: 1048576 - 4096, memoryLimit: 268435456 });
    expect(await findCgroup(43, ID, { proc: join(root, 'proc'), root })).toBeUndefined();
  });

  it('reports usage from the second reading and ends when the cgroup goes', async () => {
    const dir = v2(0);
    const seen: ContainerUsage[] = [];
    let ended = false;
    const w = watchCgroupUsage({ version: 2, dir }, (u) => seen.push(u), () => (ended = true), 30);
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(seen[0]!.cpuPercent).toBe(0); // the counter has not moved
    expect(seen[0]!.memoryBytes).toBe(1048576 - 4096);
    writeFileSync(join(dir, 'cpu.stat'), 'usage_usec 1000000000\n'); // far more than the wall time: a busy container
    while (!seen.some((u) => u.cpuPercent > 100)) await new Promise((r) => setTimeout(r, 5));
    rmSync(dir, { recursive: true });
    while (!ended) await new Promise((r) => setTimeout(r, 10));
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.length).toBe(count);
    w.stop();
  });

  it('reads every watcher of one period on one shared timer, gone once the last stops', async () => {
    const dir = v2(0);
    const counts = [0, 0];
    const a = watchCgroupUsage({ version: 2, dir }, () => counts[0]!++, () => undefined, 20);
    const b = watchCgroupUsage({ version: 2, dir }, () => counts[1]!++, () => undefined, 20);
    expect(runningTickers()).toBe(1);
    while (counts[0]! < 3 || counts[1]! < 3) await new Promise((r) => setTimeout(r, 5));
    a.stop();
    expect(runningTickers()).toBe(1);
    b.stop();
    expect(runningTickers()).toBe(0);
  });

  it('sees a change of a file it keeps open', async () => {
    const dir = v2(0);
    const seen: ContainerUsage[] = [];
    const w = watchCgroupUsage({ version: 2, dir }, (u) => seen.push(u), () => undefined, 20);
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    writeFileSync(join(dir, 'memory.current'), '2097152\n');
    while (!seen.some((u) => u.memoryBytes === 2097152 - 4096)) await new Promise((r) => setTimeout(r, 5));
    w.stop();
  });
});
