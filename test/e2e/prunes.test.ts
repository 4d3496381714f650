// Prunes in the pty against a real engine of their own: a prune takes everything unused on
// an engine, so these tests must not share one with files running beside them. Each checks
// that the preview lists exactly what the engine then loses, and that berth.keep=true stays.
import Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, stopEngine, type EngineHandle } from '../support/engine.js';
import { until } from '../support/engine-state.js';
import { BUSYBOX_DOCKERFILE, FIXTURE_IMAGE, buildFixtureImage, buildImage, buildWithBuildKit, runFixture } from '../support/fixtures.js';
import { launch, type AppSession } from '../support/pty.js';

let engine: EngineHandle | undefined;
let docker: Docker;
let app: AppSession | undefined;

beforeAll(async () => {
  engine = await startEngine('e2eprune');
  docker = new Docker({ socketPath: engine.socket });
  await buildFixtureImage(docker);
}, 120_000);
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  if (engine) await stopEngine(engine);
}, 120_000);

async function start(): Promise<AppSession> {
  app = launch({ env: { DOCKER_HOST: engine!.dockerHost }, cols: 160, rows: 45 });
  await app.waitForStart();
  return app;
}

/** Creates a container of the fixture image that runs `cmd` to its end. */
async function exited(name: string, cmd: string, labels: Record<string, string> = {}): Promise<void> {
  const c = await docker.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', cmd], Labels: labels, HostConfig: { NetworkMode: 'none' } });
  await c.start();
  await c.wait();
}

const containerNames = async () => (await docker.listContainers({ all: true })).map((c) => (c.Names[0] ?? '').replace(/^\//, '')).sort();

/** "50.1kB" -> 50100: sizes as berth writes them (decimal units). */
function bytes(text: string): number {
  const m = /^([\d.]+)(B|kB|MB|GB)$/.exec(text);
  if (!m) throw new Error(`not a size: ${text}`);
  return Number(m[1]) * { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'B']!;
}

describe('prunes with a preview', () => {
  it('container prune lists each stopped container with its writable layer, keeps berth.keep=true, then removes exactly those', async () => {
    await runFixture(docker, 'alive-1');
    await exited('gone-a', 'head -c 60000 /dev/zero > /blob');
    await docker.createContainer({ name: 'gone-b', Image: FIXTURE_IMAGE, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    await exited('keep-c', 'true', { 'berth.keep': 'true' });
    const before = await containerNames();
    const a = await start();
    await a.press('x');
    const preview = await a.waitForText('prune containers');
    expect(preview).toContain('Remove 2 stopped containers');
    expect(preview).toMatch(/gone-a\s+6\d(\.\d+)?kB/);
    expect(preview).toContain('gone-b');
    expect(preview).toContain('Kept by the label berth.keep=true: keep-c.');
    // Nothing goes before the answer.
    expect(await containerNames()).toEqual(before);
    await a.press('y');
    await a.waitForText(/removed 2 containers, reclaimed 6\d(\.\d+)?kB/);
    expect(await containerNames()).toEqual(before.filter((n) => n !== 'gone-a' && n !== 'gone-b'));
  });

  it('image prune offers dangling or every unused image, lists the chosen ones, keeps berth.keep=true, then removes exactly those', async () => {
    await buildImage(docker, 'p-unused:1', `${BUSYBOX_DOCKERFILE}RUN echo one > /one\n`);
    const first = (await docker.getImage('p-unused:1').inspect()).Id;
    // Building the tag again leaves the first image dangling.
    await buildImage(docker, 'p-unused:1', `${BUSYBOX_DOCKERFILE}RUN echo two > /two\n`);
    const second = (await docker.getImage('p-unused:1').inspect()).Id;
    await buildImage(docker, 'p-keep:1', `${BUSYBOX_DOCKERFILE}LABEL berth.keep=true\nRUN echo keep > /keep\n`);
    const ids = async () => (await docker.listImages()).map((i) => i.Id).sort();
    const before = await ids();
    expect(before).toEqual(expect.arrayContaining([first, second]));
    const a = await start();
    await a.press('2', 'x');
    const choice = await a.waitForText('Which do you want to prune?');
    expect(choice).toMatch(/dangling \(untagged\) only: 1 image/);
    // The fixture image stays in use by the running container of the first test.
    expect(choice).toMatch(/every unused image, tagged ones too: 2 images/);
    await a.press('a');
    const preview = await a.waitForText('Remove 2 unused images');
    expect(preview).toContain('p-unused:1');
    expect(preview).toContain(first.slice(7, 19));
    expect(preview).toContain('Kept by the label berth.keep=true: p-keep:1.');
    expect(await ids()).toEqual(before);
    await a.press('y');
    await a.waitForText(/removed 2 images, reclaimed \d/);
    expect(await ids()).toEqual(before.filter((id) => id !== first && id !== second));
    expect((await docker.listImages()).flatMap((i) => i.RepoTags ?? [])).toEqual(expect.arrayContaining([FIXTURE_IMAGE, 'p-keep:1']));
  });

  it("build cache prune lists the records, runs the engine's build prune and reports the space it reclaimed", async () => {
    await buildWithBuildKit(docker, 'p-cache:1', 'FROM scratch\nCOPY payload /payload\n', { payload: 'z'.repeat(50_000) });
    // BuildKit lets go of its records a moment after the build answered.
    const records = async () => ((await docker.df()) as { BuildCache?: { ID: string; InUse?: boolean; Size: number }[] | null }).BuildCache ?? [];
    await until('the build cache is released', async () => {
      const r = await records();
      return r.length > 0 && r.every((c) => !c.InUse);
    });
    const a = await start();
    await a.press('2', 'X');
    const first = await a.waitForText(/Which do you want to prune\?|prune build cache records/);
    if (first.includes('Which do you want to prune?')) await a.press('a');
    const preview = await a.waitForText(/Remove (\d+) unused build cache records?/);
    const listed = Number(/Remove (\d+) unused build cache record/.exec(preview)![1]);
    expect(listed).toBe((await records()).length);
    expect(preview).toContain("The engine's build prune");
    await a.press('y');
    const report = await a.waitForText(/removed (\d+) build cache records?, reclaimed (\S+)/);
    const [, n, size] = /removed (\d+) build cache records?, reclaimed ([\d.]+[kMG]?B)/.exec(report)!;
    expect(Number(n)).toBe(listed);
    expect(bytes(size!)).toBeGreaterThanOrEqual(50_000);
    expect(await records()).toEqual([]);
  });
});
