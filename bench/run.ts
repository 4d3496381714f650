// npm run bench [-- options]: starts a private engine, runs the scenarios against the built
// berth (and any --cmd), prints a markdown table and writes it with a JSON file to
// bench/results/. Everything it starts is removed again, also on Ctrl-C or failure.
import Docker from 'dockerode';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startEngine, stopEngine, type EngineHandle } from '../test/support/engine.js';
import { buildFixtureImage } from '../test/support/fixtures.js';
import { engineIdle, enginePercent, failedResult, longRun, nodeStartOnce, paintOnce, type Ctx, type Tool } from './measure.js';
import { parseOptions, USAGE } from './options.js';
import { engineProcesses } from './proc.js';
import { startProxy, type CountingProxy } from './proxy.js';
import { sleep, type TuiProbe } from './pty-probe.js';
import { markdown, writeReport, type BenchReport, type ScenarioResult, type ToolResult } from './report.js';
import { emptyMarker, ensureContainers, removeBenchContainers, SCENARIOS } from './scenarios.js';
import { summarize } from './stats.js';

const DISPLAY_ORDER = ['0', '20', '100', '1000', 'logs20', 'flood'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

const opts = parseOptions(process.argv.slice(2));
if (opts.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const BERTH = resolve(opts.berth ?? join(ROOT, 'bin', 'berth'));
if (!existsSync(join(dirname(BERTH), '..', 'dist', 'cli.js'))) {
  process.stderr.write(`bench: the built berth is missing (no dist/cli.js next to ${BERTH}). Run "npm run build" first, or use "npm run bench".\n`);
  process.exit(1);
}

const live = new Set<TuiProbe>();
let engine: EngineHandle | undefined;
let proxy: CountingProxy | undefined;
let docker: Docker | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'berth-bench-'));
let cleaning: Promise<void> | undefined;

/** Ends the apps, the proxy, the containers and the engine; safe to call twice. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const p of live) await p.close(300).catch(() => undefined);
    live.clear();
    await proxy?.close().catch(() => undefined);
    if (docker) await removeBenchContainers(docker, 16).catch(() => undefined);
    if (engine) await stopEngine(engine).catch((err: unknown) => log(`could not stop the engine cleanly: ${String(err)}`));
    rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (cleaning) return;
    log(`${sig}: cleaning up (engine, containers, apps)…`);
    void cleanup().then(() => process.exit(130));
  });
}

/** After Ctrl-C the cleanup owns the engine: the measuring loop must not start anything new. */
function stopIfInterrupted(): void {
  if (cleaning) throw new Error('interrupted');
}

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  log('starting a private engine');
  engine = await startEngine('bench');
  docker = new Docker({ socketPath: engine.socket });
  await buildFixtureImage(docker);
  proxy = await startProxy(engine.socket, join(tmp, 'proxy.sock'));
  const engineVersion = (await docker.version()).Version;

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^DOCKER_/.test(k)) env[k] = v;
  Object.assign(env, { TERM: 'xterm-256color', LANG: 'C.UTF-8', DOCKER_HOST: proxy.dockerHost });

  const tools: Tool[] = [
    { label: 'berth', kind: 'berth', argv: [BERTH], emptyMarker: emptyMarker('berth') },
    ...opts.cmds.map((cmd): Tool => ({ label: cmd, kind: 'other', argv: ['sh', '-c', `exec ${cmd}`], emptyMarker: emptyMarker('other', opts.emptyMarker) })),
  ];
  const ctx: Ctx = { engine, proxy, env, live, timings: opts.timings };

  const results: ScenarioResult[] = [];
  const scenarios = SCENARIOS.filter((s) => opts.scenarios.includes(s.id));
  let warmedUp = false;
  for (const scenario of scenarios) {
    stopIfInterrupted();
    log(`scenario "${scenario.title}": setting up`);
    const setup = await ensureContainers(docker, scenario.specs);
    log(`  ${setup.created} created, ${setup.removed} removed in ${(setup.ms / 1000).toFixed(1)} s`);
    await sleep(opts.settleMs);
    if (!warmedUp) {
      // One unrecorded launch each, so the first recorded run does not pay for a cold disk cache.
      for (const t of tools) await paintOnce(ctx, scenario, t).catch(() => undefined);
      warmedUp = true;
    }
    log(`  engine baseline, first half (${opts.baselineMs / 2000} s)`);
    const before = await engineIdle(ctx, opts.baselineMs / 2);

    const paint = new Map<Tool, number[]>(tools.map((t) => [t, []]));
    const paintErrors = new Map<Tool, unknown>();
    const nodeMs: number[] = [];
    log(`  first paint, ${opts.runs} runs`);
    // Interleaved (node, berth, other, node, ...) so a burst of noise hits every tool alike.
    for (let i = 0; i < opts.runs; i++) {
      nodeMs.push(await nodeStartOnce());
      for (const t of tools) {
        if (paintErrors.has(t)) continue;
        try {
          paint.get(t)!.push(await paintOnce(ctx, scenario, t));
        } catch (err) {
          paintErrors.set(t, err);
        }
        await sleep(200);
      }
    }
    const toolResults: ToolResult[] = [];
    for (const t of tools) {
      const ms = paint.get(t)!;
      if (paintErrors.has(t)) {
        toolResults.push(failedResult(t, ms, paintErrors.get(t)));
        continue;
      }
      stopIfInterrupted();
      log(`  ${t.label}: ${opts.timings.warmupMs / 1000} s warm-up + ${opts.timings.windowMs / 1000} s idle window + keys`);
      toolResults.push(await longRun(ctx, scenario, t, ms).catch((err: unknown) => failedResult(t, ms, err)));
      await sleep(500);
    }
    log(`  engine baseline, second half (${opts.baselineMs / 2000} s)`);
    await sleep(opts.settleMs);
    const after = await engineIdle(ctx, opts.baselineMs / 2);
    const baseline = enginePercent([before, after]);
    const measured: ToolResult[] = toolResults.map((t) => ({ ...t, extraEngineCpuPct: t.engineCpuPct - baseline }));
    const sr: ScenarioResult = {
      id: scenario.id,
      title: scenario.title,
      setupNote: scenario.setupNote,
      setupSeconds: setup.ms / 1000,
      baselineEngineCpuPct: baseline,
      baselineMachineBusyPct: [before.machineBusyPct, after.machineBusyPct],
      engineProcesses: engineProcesses(engine).length,
      nodeStartMs: nodeMs,
      nodeStart: summarize(nodeMs),
      tools: measured,
    };
    results.push(sr);
    for (const t of measured) log(`  ${t.tool}: ${t.error ? `failed: ${t.error}` : `paint ${(t.paint.median / 1000).toFixed(2)} s, RSS ${t.rss20MiB.toFixed(1)} MiB, CPU ${t.cpuPct.toFixed(1)} %, ${t.requestsPerSec.toFixed(2)} req/s`}`);
  }

  // Run in the order that reuses containers best; shown smallest first, the log scenarios last.
  const shown = SCENARIOS.map((s) => s.id);
  results.sort((a, b) => DISPLAY_ORDER.indexOf(a.id) - DISPLAY_ORDER.indexOf(b.id) || shown.indexOf(a.id) - shown.indexOf(b.id));
  const report: BenchReport = {
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    machine: { cpus: cpus().length, node: process.versions.node, kernel: release(), engine: engineVersion },
    settings: {
      quick: opts.quick,
      runs: opts.runs,
      warmupSeconds: opts.timings.warmupMs / 1000,
      windowSeconds: opts.timings.windowMs / 1000,
      baselineSeconds: opts.baselineMs / 1000,
      presses: opts.timings.presses,
      cols: opts.timings.cols,
      rows: opts.timings.rows,
    },
    scenarios: results,
  };
  const files = writeReport(join(ROOT, 'bench', 'results'), report);
  process.stdout.write(markdown(report));
  log(`written ${files.md} and ${files.json}`);
}

let code = 0;
try {
  await main();
} catch (err) {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  code = 1;
} finally {
  log('cleaning up (containers, engine)');
  const t = performance.now();
  await cleanup();
  log(`cleaned up in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
process.exit(code);
