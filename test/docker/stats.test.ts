import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import type { DockerError } from '../../src/docker/errors.js';
import { statsOnce, watchStats, type StatsSample } from '../../src/docker/stats.js';
import { cpuPercent, statsRow } from '../../src/render/stats.js';
import { runFixture } from '../support/fixtures.js';
import { dockerCli, testDocker, testDockerHost, uniqueName } from '../support/docker.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((n) => raw.getContainer(n).remove({ force: true }).catch(() => undefined)));
});

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(prefix: string, cmd?: string[], extra = {}) {
  const name = uniqueName(prefix);
  created.push(name);
  await runFixture(raw, name, cmd, extra);
  return name;
}

// Independent containers, each waiting on ~1 s samples: run side by side.
describe.concurrent('stats against the private engine', () => {
  it('streams samples for a running container until stop()', async () => {
    const name = await run('stats-run');
    const samples: StatsSample[] = [];
    let ended = false;
    const sub = watchStats(docker, name, (s) => samples.push(s), () => (ended = true));
    await waitFor(() => samples.length >= 2);
    sub.stop();
    const [a, b] = samples as [StatsSample, StatsSample];
    expect(a.name).toBe(name);
    expect(b.readMs).toBeGreaterThan(a.readMs);
    expect(b.memory.usage).toBeGreaterThan(0);
    expect(b.memory.limit).toBeGreaterThan(0);
    expect(b.pids).toBeGreaterThanOrEqual(1);
    expect(b.cpu.onlineCpus).toBeGreaterThanOrEqual(1);
    const seen = samples.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(samples.length).toBe(seen);
    expect(ended).toBe(false);
  });

  it('ends by itself on an exited container instead of reading empty samples forever', async () => {
    const name = await run('stats-exited', ['true']);
    await raw.getContainer(name).wait();
    const samples: StatsSample[] = [];
    // The engine would send empty samples forever: ending at all, without an error, is the
    // point. The deadline is generous for a loaded machine (the engine samples once a second).
    const err = await new Promise<DockerError | undefined | 'hang'>((resolve) => {
      watchStats(docker, name, (s) => samples.push(s), resolve);
      setTimeout(() => resolve('hang'), 20_000);
    });
    expect(err).toBeUndefined();
    expect(samples).toEqual([]);
  });

  it('ends when the watched container stops', async () => {
    const name = await run('stats-stop');
    const samples: StatsSample[] = [];
    let result: { err?: DockerError } | undefined;
    watchStats(docker, name, (s) => samples.push(s), (err) => (result = { err }));
    await waitFor(() => samples.length >= 1);
    await raw.getContainer(name).stop({ t: 1 });
    await waitFor(() => result !== undefined);
    expect(result!.err).toBeUndefined();
  });

  it('ends with a not-found error for a missing container', async () => {
    const err = await new Promise<DockerError | undefined>((resolve) => watchStats(docker, 'no-such-container-here', () => undefined, resolve));
    expect(err?.kind).toBe('notFound');
    expect(err?.message).toMatch(/no such container/i);
  });

  it('reads one sample, with the previous read for CPU %, or none for a stopped container', async () => {
    const name = await run('stats-once');
    const s = await statsOnce(docker, name);
    expect(s?.name).toBe(name);
    expect(s!.precpu.system).toBeGreaterThan(0);
    const stopped = await run('stats-once-stopped', ['true']);
    await raw.getContainer(stopped).wait();
    expect(await statsOnce(docker, stopped)).toBeUndefined();
  });

  it("agrees with `docker stats --no-stream` on CPU % of a busy container, and prints sizes the same way", async () => {
    // Half a CPU: the number is steady even when the machine is busy, and proves the
    // online-CPUs factor (without it a 2-CPU host would say 25%).
    const name = await run('stats-busy', ['sh', '-c', 'while :; do :; done'], { HostConfig: { NanoCpus: 500_000_000 } });
    const samples: StatsSample[] = [];
    const sub = watchStats(docker, name, (s) => samples.push(s), () => undefined);
    await waitFor(() => samples.length >= 2);
    const from = samples.length;
    const cli = await dockerCli(['stats', '--no-stream', '--format', '{{.CPUPerc}}|{{.MemUsage}}|{{.NetIO}}|{{.BlockIO}}', name]);
    await waitFor(() => samples.length >= from + 2);
    sub.stop();
    const [cpuText, memText, netText, blockText] = cli.split('|') as [string, string, string, string];
    const theirs = Number(cpuText.replace('%', ''));
    // On a machine busy with other tests the container gets less than its half CPU, and that
    // varies from second to second: the CLI's one-second window falls among our samples of
    // the same seconds, so it must lie within their range (give or take a few points).
    const ours = samples.slice(from - 1).map(cpuPercent);
    expect(theirs).toBeGreaterThan(10);
    expect(theirs).toBeGreaterThanOrEqual(Math.min(...ours) - 5);
    expect(theirs).toBeLessThanOrEqual(Math.max(...ours) + 5);
    // Half a CPU can read at most 50% the docker way, whatever the machine's load (a little
    // more allowed for the engine's two clocks being read at slightly different moments).
    expect(Math.max(...ours)).toBeLessThanOrEqual(60);
    const row = statsRow(samples.at(-1)!);
    // The limit half does not move between samples: it must print identically.
    expect(row.memUsage.split(' / ')[1]).toBe(memText.split(' / ')[1]);
    expect(row.memUsage).toMatch(/^\d+(\.\d+)?(B|KiB|MiB|GiB) \/ /);
    expect(row.netIO).toBe(netText);
    expect(row.blockIO).toBe(blockText);
  });
});
