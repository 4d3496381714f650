// npm run bench:prune: how fast the prune previews open over many objects, and whether berth
// answers keys meanwhile. On a private engine it makes 1,000 stopped containers and 200 unused
// volumes, starts the built berth in a pseudo-terminal, and times (from the key written to
// the screen showing its effect): the container prune's preview, a key pressed while that
// preview loads, the key that closes the open preview, and the volume prune's preview. Then
// it times the prune itself. Prints a markdown table; everything it starts is removed again.
import Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startEngine, stopEngine, type EngineHandle } from '../test/support/engine.js';
import { FIXTURE_IMAGE, buildFixtureImage } from '../test/support/fixtures.js';
import { sleep, TuiProbe } from './pty-probe.js';
import { pool } from './scenarios.js';
import { percentile, summarize } from './stats.js';

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 1000);
const VOLUMES = Number(process.env.BENCH_VOLUMES ?? 200);
const ROUNDS = 5;
const BERTH = fileURLToPath(new URL('../bin/berth', import.meta.url));
const log = (msg: string) => process.stderr.write(`[bench:prune] ${msg}\n`);

let engine: EngineHandle | undefined;
let probe: TuiProbe | undefined;

async function cleanup(): Promise<void> {
  await probe?.close(300).catch(() => undefined);
  probe = undefined;
  // stopEngine removes the containers through the API first (so the engine need not wait for each).
  if (engine) await stopEngine(engine).catch((err: unknown) => log(`could not stop the engine cleanly: ${String(err)}`));
  engine = undefined;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void cleanup().then(() => process.exit(130)));

const ms = (xs: readonly number[]) => {
  const s = summarize(xs);
  return `median ${s.median.toFixed(0)} ms, p95 ${percentile(xs, 95).toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`;
};

/** Writes `key` and resolves with the ms until the screen satisfies `done` (throws on timeout). */
async function timed(p: TuiProbe, key: string, what: string, done: (text: string) => boolean, timeoutMs = 30_000): Promise<number> {
  await p.flush();
  const sent = performance.now();
  p.write(key);
  const at = await p.waitFor((v) => done(v.text()), timeoutMs);
  if (at === undefined) throw new Error(`${what}: not on screen within ${timeoutMs / 1000} s. Screen:\n${p.view().text()}`);
  return at - sent;
}

async function apiTimes(docker: Docker): Promise<string[]> {
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const list: number[] = [];
  const df: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    list.push(await time(() => docker.listContainers({ all: true, size: true, filters: { status: ['exited', 'created', 'dead'] } })));
    df.push(await time(() => docker.df()));
  }
  return [`| engine: stopped containers listed with sizes (what the preview reads) | ${ms(list)} |`, `| engine: the whole disk usage (/system/df), for comparison | ${ms(df)} |`];
}

async function main(): Promise<void> {
  engine = await startEngine('bench-prune');
  const docker = new Docker({ socketPath: engine.socket });
  await buildFixtureImage(docker);
  const t0 = performance.now();
  await pool(
    Array.from({ length: CONTAINERS }, (_, i) => `stopped-${String(i + 1).padStart(4, '0')}`),
    8,
    async (name) => {
      const c = await docker.createContainer({ name, Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', 'echo x > /written'], HostConfig: { NetworkMode: 'none' } });
      await c.start();
      await c.wait();
    },
  );
  log(`${CONTAINERS} stopped containers made in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await pool(Array.from({ length: VOLUMES }, (_, i) => `unused-${String(i + 1).padStart(3, '0')}`), 8, (name) => docker.createVolume({ Name: name }));
  const rows = await apiTimes(docker);

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^DOCKER_/.test(k)) env[k] = v;
  Object.assign(env, { TERM: 'xterm-256color', LANG: 'C.UTF-8', DOCKER_HOST: engine.dockerHost });
  const p = (probe = new TuiProbe({ argv: [BERTH], env, cols: 160, rows: 45, cwd: join(fileURLToPath(new URL('..', import.meta.url))) }));
  if ((await p.waitFor((v) => v.text().includes('connected'), 30_000)) === undefined) throw new Error(`berth did not start:\n${p.view().text()}`);
  // Every container, so the list has rows to move between.
  await timed(p, 'a', 'the list of all containers', (t) => t.includes('stopped-0001'));
  await sleep(500);

  const previewOpen = (t: string) => t.includes('prune containers') && t.includes(`Remove ${CONTAINERS} stopped containers`);
  const closed = (t: string) => !t.includes('prune containers') && t.includes('nothing removed');
  const open: number[] = [];
  const loadingKey: number[] = [];
  const closeKey: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await p.flush();
    const sent = performance.now();
    p.write('x');
    const opened = p.waitFor((v) => previewOpen(v.text()), 30_000);
    // A key while the preview loads: the selection must still move (counted only when it moved before the preview was drawn).
    await sleep(20);
    const keySent = performance.now();
    const [at, moved] = await Promise.all([opened, p.keyLatency(i % 2 ? 'k' : 'j', 5000)]);
    if (at === undefined) throw new Error(`the container prune preview did not open. Screen:\n${p.view().text()}`);
    open.push(at - sent);
    if (moved !== undefined && keySent + moved < at) loadingKey.push(moved);
    await sleep(300);
    closeKey.push(await timed(p, '\x1b', 'the preview closing', closed));
    await sleep(300);
  }
  // Key latency in the list itself, for comparison.
  const listKeys: number[] = [];
  for (let i = 0; i < 20; i++) {
    const k = await p.keyLatency(i % 2 ? 'k' : 'j', 5000);
    if (k !== undefined) listKeys.push(k);
    await sleep(50);
  }
  // The volume prune's preview over the 200 volumes.
  await timed(p, '4', 'the volumes pane', (t) => t.includes('▶ volumes'));
  await sleep(300);
  const volOpen: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    volOpen.push(await timed(p, 'x', 'the volume prune preview', (t) => t.includes(`Remove ${VOLUMES} unused volumes`)));
    await sleep(300);
    await timed(p, '\x1b', 'the volume preview closing', (t) => !t.includes('prune volumes'));
    await sleep(300);
  }
  // The container prune itself: every previewed container removed one by one.
  await timed(p, '1', 'the containers pane', (t) => t.includes('▶ containers'));
  await timed(p, 'x', 'the container prune preview', previewOpen);
  const removal = await timed(p, 'y', 'the prune report', (t) => new RegExp(`removed ${CONTAINERS} containers`).test(t), 600_000);

  rows.push(
    `| container prune: x until the preview of ${CONTAINERS} is drawn | ${ms(open)} |`,
    `| a key pressed 20 ms after x, while the preview loads (selection moves) | ${loadingKey.length ? ms(loadingKey) : 'the preview was always drawn first'} |`,
    `| esc while the preview is open, until it is gone | ${ms(closeKey)} |`,
    `| a key in the list of ${CONTAINERS} containers (for comparison) | ${ms(listKeys)} |`,
    `| volume prune: x until the preview of ${VOLUMES} is drawn | ${ms(volOpen)} |`,
    `| y until "removed ${CONTAINERS} containers" (four at a time) | ${(removal / 1000).toFixed(1)} s |`,
  );
  process.stdout.write(`\n### Prune previews, ${CONTAINERS} stopped containers and ${VOLUMES} unused volumes\n\n| what | time |\n|---|---|\n${rows.join('\n')}\n\n`);
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
