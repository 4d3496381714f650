// The cgroup reader against the private engine's real containers: it must find them from the
// engine's pid and give the numbers the engine's own stats give.
import { afterAll, describe, expect, it } from 'vitest';
import { findCgroup, readCounters } from '../../src/docker/cgroup-stats.js';
import { watchCgroupUsage } from '../../src/docker/cgroup-watch.js';
import { createClient } from '../../src/docker/client.js';
import { inspectContainer } from '../../src/docker/container-inspect.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { statsOnce, toStatsSample, type RawStats } from '../../src/docker/stats.js';
import type { ContainerUsage } from '../../src/docker/usage.js';
import { memoryUsage } from '../../src/render/stats.js';
import { runFixture } from '../support/fixtures.js';
import { testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((n) => raw.getContainer(n).remove({ force: true }).catch(() => undefined)));
});

async function run(prefix: string, cmd?: string[], extra = {}) {
  const name = uniqueName(prefix);
  created.push(name);
  await runFixture(raw, name, cmd, extra);
  const d = await inspectContainer(docker, name);
  return { name, id: d.id, pid: d.pid! };
}

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.concurrent('cgroup stats of the private engine', () => {
  it("finds a running container's cgroup from its pid and agrees with the engine on memory and its limit", async () => {
    // One sleeping process, nothing forked: its memory stays put between the two readings
    // (the fixture's default loop forks a sleep each second, a few hundred KiB each time).
    const c = await run('cg-mem', ['sleep', '100000'], { HostConfig: { Memory: 64 * 1024 * 1024 } });
    const files = await findCgroup(c.pid, c.id);
    expect(files).toBeDefined();
    // The engine reads the same counters at one moment (one-shot): ours are read just before
    // and just after, and the engine's figure must lie between them. Pages moving between the
    // kernel's active and inactive lists make the figure drift by a few hundred KiB a second,
    // so a reading a second apart would prove little.
    const before = readCounters(files!);
    const raw1 = (await raw.getContainer(c.id).stats({ stream: false, 'one-shot': true } as never)) as unknown as RawStats;
    const after = readCounters(files!);
    const mem = memoryUsage(toStatsSample(raw1)!);
    expect(before.memoryLimit).toBe(64 * 1024 * 1024);
    expect(before.memoryLimit).toBe(mem.limit);
    expect(before.memoryBytes).toBeGreaterThan(0);
    const slack = 64 * 1024;
    expect(mem.used).toBeGreaterThanOrEqual(Math.min(before.memoryBytes, after.memoryBytes) - slack);
    expect(mem.used).toBeLessThanOrEqual(Math.max(before.memoryBytes, after.memoryBytes) + slack);
  });

  it('gives the host memory as the limit of a container without one, as the engine does', async () => {
    const c = await run('cg-nolimit');
    const [ours, theirs] = await Promise.all([findCgroup(c.pid, c.id).then((f) => readCounters(f!)), statsOnce(docker, c.id)]);
    expect(ours.memoryLimit).toBe(memoryUsage(theirs!).limit);
  });

  it('measures a busy container held to half a CPU at no more than half a core', async () => {
    const c = await run('cg-busy', ['sh', '-c', 'while :; do :; done'], { HostConfig: { NanoCpus: 500_000_000 } });
    const files = await findCgroup(c.pid, c.id);
    const seen: ContainerUsage[] = [];
    const w = watchCgroupUsage(files!, (u) => seen.push(u), () => undefined, 500);
    await until(() => seen.length >= 4);
    w.stop();
    const cpu = seen.slice(1).map((u) => u.cpuPercent);
    expect(Math.max(...cpu)).toBeGreaterThan(10);
    // The quota allows 50 ms per 100 ms; a half-second window can catch a little more.
    expect(Math.max(...cpu)).toBeLessThanOrEqual(65);
  });

  it('refuses a pid that is not the container (nothing is read from the wrong cgroup)', async () => {
    const a = await run('cg-a');
    const b = await run('cg-b');
    expect(await findCgroup(a.pid, b.id)).toBeUndefined();
    expect(await findCgroup(process.pid, a.id)).toBeUndefined();
  });

  it('ends when the container stops', async () => {
    const c = await run('cg-stop');
    const files = await findCgroup(c.pid, c.id);
    let ended = false;
    const w = watchCgroupUsage(files!, () => undefined, () => (ended = true), 200);
    await raw.getContainer(c.id).kill();
    await until(() => ended);
    w.stop();
  });
});
