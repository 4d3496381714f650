// npm run bench:pane: what the list panes cost per key and per stats flush, in-process. The
// real shell and panes are mounted on an in-memory blessed screen over the fake engine (no
// daemon, no terminal), so the figures are this process's own CPU and not the machine's
// noise: `npm run bench` measures the whole app over a pty, this one the redraw path alone.
//   - 200 ↓ keys at 1,000 containers: per key, from the key to the frame drawn (wall and CPU);
//   - 60 stats flushes at 100 containers whose figures are the same as before;
//   - 60 flushes where a few figures change (sorted by state, then sorted by CPU).
import { performance } from 'node:perf_hooks';
import type { ContainerUsage } from '../src/docker/usage.js';
import { FakeEngine, fakeContainer } from '../test/support/fake-engine.js';
import { mountShell, type Driver } from '../test/support/screen-driver.js';
import { summarize } from './stats.js';

const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const FLUSHES = Number(process.env.BENCH_FLUSHES ?? 60);
const COLS = Number(process.env.BENCH_COLS ?? 200);
const ROWS = Number(process.env.BENCH_ROWS ?? 50);
/** Longer than a frame (33 ms), so every key and flush gets its own frame at once. */
const GAP_MS = 45;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pad = (n: number) => String(n).padStart(4, '0');

function engineWith(n: number): FakeEngine {
  const containers = Array.from({ length: n }, (_, i) =>
    fakeContainer({
      name: `bench-idle-${pad(i + 1)}`,
      image: `registry.local/team/app-${i % 7}:1.${i % 13}`,
      labels: i % 3 === 0 ? { 'com.docker.compose.project': `proj${i % 5}`, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': String(i % 4) } : {},
      ports: i % 2 === 0 ? [{ privatePort: 80, publicPort: 8000 + i, type: 'tcp', ip: '0.0.0.0' }] : [],
    }),
  );
  return new FakeEngine({ containers });
}

function usageOf(d: Driver, bump: (i: number) => number = () => 0): Map<string, ContainerUsage> {
  const ids = d.engine.containers.map((c) => c.id);
  return new Map(ids.map((id, i) => [id, { cpuPercent: 0.1 * (i % 10) + bump(i), memoryBytes: 1_000_000 + i * 4096, memoryLimit: 8_000_000_000 }]));
}

/** Wraps screen.render to count the frames that reached the terminal, and to wait for the next one. */
function countRenders(d: Driver): { count(): number; next(): Promise<void> } {
  let n = 0;
  let waiting: (() => void) | undefined;
  const render = d.screen.render.bind(d.screen);
  d.screen.render = () => {
    n++;
    render();
    waiting?.();
    waiting = undefined;
  };
  return { count: () => n, next: () => new Promise<void>((r) => (waiting = r)) };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const fmt = (xs: readonly number[]) => {
  const s = summarize(xs);
  return `median ${s.median.toFixed(2)} ms, max ${s.max.toFixed(2)} ms`;
};

async function keys(n: number): Promise<void> {
  const d = await mountShell({ engine: engineWith(n), cols: COLS, rows: ROWS, settings: { stats: true } });
  d.store.update({ usage: usageOf(d) });
  await d.waitForText('bench-idle-0001');
  const renders = countRenders(d);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const drawn = renders.next();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    d.screen.emit('keypress', undefined, { full: 'down', name: 'down', ctrl: false, shift: false, meta: false, sequence: '' });
    await drawn;
    cpu.push(cpuMs(process.cpuUsage(c0)));
    wall.push(performance.now() - t0);
    await sleep(GAP_MS);
  }
  const text = await d.text();
  if (!text.includes(`bench-idle-${pad(KEYS + 1)}`)) throw new Error('the cursor did not reach the expected row');
  console.log(`| ${KEYS} ↓ keys, ${n} containers | wall ${fmt(wall)} | cpu ${fmt(cpu)} |`);
  d.close();
}

async function flushes(n: number, label: string, opts: { sortKeys?: string[]; change: boolean }): Promise<void> {
  const d = await mountShell({ engine: engineWith(n), cols: COLS, rows: ROWS, settings: { stats: true } });
  d.store.update({ usage: usageOf(d) });
  await d.waitForText('bench-idle-0001');
  for (const k of opts.sortKeys ?? []) await d.press(k);
  await sleep(GAP_MS);
  const renders = countRenders(d);
  const cpu: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < FLUSHES; i++) {
    // A few figures move (two on screen at the top, two far below), or none do.
    const usage = opts.change ? usageOf(d, (j) => ([0, 2, n - 5, n - 2].includes(j) ? (i % 7) * 1.3 : 0)) : usageOf(d);
    const c = process.cpuUsage();
    d.store.update({ usage });
    await sleep(GAP_MS);
    cpu.push(cpuMs(process.cpuUsage(c)));
  }
  const total = cpuMs(process.cpuUsage(c0));
  console.log(`| ${FLUSHES} flushes, ${n} containers, ${label} | cpu per flush ${fmt(cpu)} (total ${total.toFixed(0)} ms) | ${renders.count()} rendered |`);
  d.close();
}

/** BENCH_ONLY=keys or BENCH_ONLY=flushes runs one half (to profile it with node --cpu-prof). */
const only = process.env.BENCH_ONLY;
console.log(`pane cost at ${COLS}x${ROWS} (node ${process.version})\n`);
if (only !== 'flushes') await keys(1000);
if (only !== 'keys') {
  await flushes(100, 'same figures', { change: false });
  await flushes(100, 'a few figures change', { change: true });
  await flushes(100, 'a few change, sorted by CPU', { sortKeys: ['o', 'o'], change: true });
  await flushes(1000, 'a few figures change', { change: true });
}
process.exit(0);
