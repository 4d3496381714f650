// Measures one app in one scenario: first paint, and a long run for memory, CPU, engine
// load, requests and key latency. Each function cleans up what it started.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { clockTicks, engineProcesses, machineBusyPercent, machineCpu, processTree, rssOf, sampleTicks, ticksBetween } from './proc.js';
import { requestsBetween, type CountingProxy } from './proxy.js';
import { TuiProbe, sleep } from './pty-probe.js';
import type { ToolResult } from './report.js';
import type { Scenario, ToolKind } from './scenarios.js';
import { cpuPercent, summarize } from './stats.js';

export interface Tool {
  readonly label: string;
  readonly kind: ToolKind;
  readonly argv: readonly string[];
  /** What marks the first paint when there are no containers. */
  readonly emptyMarker: RegExp;
}

export interface Timings {
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly presses: number;
  readonly cols: number;
  readonly rows: number;
}

export interface Ctx {
  readonly engine: { readonly dir: string; readonly id: string };
  readonly proxy: CountingProxy;
  readonly env: Record<string, string>;
  readonly timings: Timings;
  /** Every probe alive, so an interrupted run can end them. */
  readonly live: Set<TuiProbe>;
}

const DOWN = '\x1b[B';
const UP = '\x1b[A';
const PAINT_TIMEOUT_MS = 30_000;

export function markerFor(scenario: Scenario, tool: Tool): RegExp {
  return scenario.specs.length ? scenario.marker : tool.emptyMarker;
}

function launch(ctx: Ctx, tool: Tool): TuiProbe {
  const probe = new TuiProbe({ argv: tool.argv, env: ctx.env, cols: ctx.timings.cols, rows: ctx.timings.rows });
  ctx.live.add(probe);
  return probe;
}

async function finish(ctx: Ctx, probe: TuiProbe): Promise<void> {
  await probe.close();
  ctx.live.delete(probe);
}

function paintFailure(probe: TuiProbe, marker: RegExp): Error {
  const screen = probe.view().text().split('\n').filter((l) => l.trim()).slice(0, 8).join(' / ');
  const why = probe.running ? `no first paint within ${PAINT_TIMEOUT_MS / 1000} s` : 'the app exited before its first paint';
  return new Error(`${why} (waiting for ${String(marker)}); screen: ${screen || '(empty)'}`);
}

/** One launch: milliseconds from spawn until the marker is on screen. */
export async function paintOnce(ctx: Ctx, scenario: Scenario, tool: Tool): Promise<number> {
  const probe = launch(ctx, tool);
  try {
    const marker = markerFor(scenario, tool);
    const at = await probe.waitFor((v) => marker.test(v.text()), PAINT_TIMEOUT_MS);
    if (at === undefined) throw paintFailure(probe, marker);
    return at - probe.spawnedAt;
  } finally {
    await finish(ctx, probe);
  }
}

/** Milliseconds for `node -e ''` to start and exit: the floor any Node app stands on. */
export function nodeStartOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - t0));
  });
}

export interface EngineWindow {
  readonly ticks: number;
  readonly ms: number;
  readonly machineBusyPct: number;
}

/** Engine CPU ticks over a window with no app running. */
export async function engineIdle(ctx: Ctx, ms: number): Promise<EngineWindow> {
  const before = sampleTicks(engineProcesses(ctx.engine));
  const m0 = machineCpu();
  const t0 = performance.now();
  await sleep(ms);
  const after = sampleTicks(engineProcesses(ctx.engine));
  return { ticks: ticksBetween(before, after), ms: performance.now() - t0, machineBusyPct: machineBusyPercent(m0, machineCpu()) };
}

/** % of one core over windows taken together (a baseline before and after the apps ran, so drift evens out). */
export function enginePercent(windows: readonly EngineWindow[]): number {
  return cpuPercent(
    windows.reduce((a, w) => a + w.ticks, 0),
    windows.reduce((a, w) => a + w.ms, 0),
    clockTicks(),
  );
}

const MiB = 1024;

/** The long run: RSS at warm-up, then the idle window (CPU, engine, requests), then keys. */
export async function longRun(ctx: Ctx, scenario: Scenario, tool: Tool, paintMs: number[]): Promise<ToolResult> {
  const { warmupMs, windowMs, presses } = ctx.timings;
  const notes: string[] = [];
  const probe = launch(ctx, tool);
  try {
    const marker = markerFor(scenario, tool);
    const at = await probe.waitFor((v) => marker.test(v.text()), PAINT_TIMEOUT_MS);
    if (at === undefined) throw paintFailure(probe, marker);
    if (scenario.prepare) notes.push(await scenario.prepare(probe, tool.kind));
    const tree = processTree(probe.pid);
    await sleep(Math.max(0, probe.spawnedAt + warmupMs - performance.now()));
    const rss20 = rssOf(tree);
    let peak = rss20;

    const cpu0 = sampleTicks(tree);
    const eng0 = sampleTicks(engineProcesses(ctx.engine));
    const px0 = ctx.proxy.counts();
    const m0 = machineCpu();
    const term0 = probe.outputBytes;
    const t0 = performance.now();
    while (performance.now() - t0 < windowMs) {
      await sleep(Math.min(1000, windowMs - (performance.now() - t0)));
      if (!probe.running) throw new Error('the app exited during the idle window');
      peak = Math.max(peak, rssOf(tree));
    }
    const tree1 = [...new Set([...tree, ...processTree(probe.pid)])];
    const cpu1 = sampleTicks(tree1);
    const eng1 = sampleTicks(engineProcesses(ctx.engine));
    const px1 = ctx.proxy.counts();
    const machineBusyPct = machineBusyPercent(m0, machineCpu());
    const stream = scenario.stream;
    if (stream) notes.push([...px1.openByEndpoint.keys()].some((k) => k.includes(stream.endpoint)) ? stream.open : stream.closed);
    const wall = performance.now() - t0;
    const termBytesPerSec = (probe.outputBytes - term0) / (wall / 1000);
    const rssEnd = rssOf(tree1);
    peak = Math.max(peak, rssEnd);

    const hz = clockTicks();
    const enginePct = cpuPercent(ticksBetween(eng0, eng1), wall, hz);
    const perSec: Record<string, number> = {};
    let total = 0;
    for (const [k, n] of requestsBetween(px0, px1)) {
      perSec[k] = n / (wall / 1000);
      total += n;
    }
    const keyMs: number[] = [];
    let misses = 0;
    const keyTerm0 = probe.outputBytes;
    if (scenario.keys) {
      let dir = DOWN;
      while (keyMs.length < presses && misses < 4) {
        const lat = await probe.keyLatency(dir, 3000);
        dir = dir === DOWN ? UP : DOWN;
        // No change: the selection was at an edge (or the key never answered); turn round.
        if (lat === undefined) misses++;
        else keyMs.push(lat);
        await sleep(150);
      }
      if (!keyMs.length) notes.push('no key moved the highlighted row');
    }
    const termBytesPerKey = keyMs.length ? (probe.outputBytes - keyTerm0) / (keyMs.length + misses) : Number.NaN;
    return {
      tool: tool.label,
      paintMs,
      paint: summarize(paintMs),
      rss20MiB: rss20 / MiB,
      rssGrowthMiB: (rssEnd - rss20) / MiB,
      rssPeakMiB: peak / MiB,
      cpuPct: cpuPercent(ticksBetween(cpu0, cpu1), wall, hz),
      engineCpuPct: enginePct,
      // Filled in once the baseline after the apps is known too.
      extraEngineCpuPct: Number.NaN,
      openConnections: px1.open,
      openByEndpoint: Object.fromEntries(px1.openByEndpoint),
      requestsPerSec: total / (wall / 1000),
      requestsPerSecByEndpoint: perSec,
      engineBytesPerSec: (px1.bytesToClients - px0.bytesToClients) / (wall / 1000),
      termBytesPerSec,
      termBytesPerKey,
      keyMs,
      key: summarize(keyMs),
      keyMisses: misses,
      machineBusyPct,
      notes,
    };
  } finally {
    await finish(ctx, probe);
  }
}

/** A result that says what went wrong, so one failing tool does not lose the others' numbers. */
export function failedResult(tool: Tool, paintMs: number[], err: unknown): ToolResult {
  const nan = Number.NaN;
  return {
    tool: tool.label,
    paintMs,
    paint: summarize(paintMs),
    rss20MiB: nan,
    rssGrowthMiB: nan,
    rssPeakMiB: nan,
    cpuPct: nan,
    engineCpuPct: nan,
    extraEngineCpuPct: nan,
    openConnections: 0,
    openByEndpoint: {},
    requestsPerSec: nan,
    requestsPerSecByEndpoint: {},
    engineBytesPerSec: nan,
    keyMs: [],
    key: summarize([]),
    keyMisses: 0,
    machineBusyPct: nan,
    notes: [],
    error: err instanceof Error ? err.message : String(err),
  };
}
