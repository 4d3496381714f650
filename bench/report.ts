// The benchmark's results: their shape (also the JSON file's), the markdown tables, and
// writing both to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ratio, type Summary } from './stats.js';

export interface ToolResult {
  /** "berth", or the command given with --cmd. */
  readonly tool: string;
  readonly paintMs: readonly number[];
  readonly paint: Summary;
  readonly rss20MiB: number;
  readonly rssGrowthMiB: number;
  readonly rssPeakMiB: number;
  /** Percent of one core, over the idle window. */
  readonly cpuPct: number;
  readonly engineCpuPct: number;
  /** Engine CPU in the window minus the same window without the app. */
  readonly extraEngineCpuPct: number;
  readonly openConnections: number;
  readonly openByEndpoint: Record<string, number>;
  readonly requestsPerSec: number;
  readonly requestsPerSecByEndpoint: Record<string, number>;
  /** Bytes per second the engine sent the app (log and stats streams). */
  readonly engineBytesPerSec: number;
  /** Bytes per second the app wrote to its terminal over the idle window (what a slow SSH link carries). */
  readonly termBytesPerSec?: number;
  /** Bytes the app wrote to its terminal per key press (from the press until the next one). */
  readonly termBytesPerKey?: number;
  readonly keyMs: readonly number[];
  readonly key: Summary;
  /** Presses after which the highlight did not move (an edge of the list, or a key that never answered). */
  readonly keyMisses: number;
  /** How busy the whole machine was during the idle window (all cores, %): other work skews everything. */
  readonly machineBusyPct: number;
  readonly notes: readonly string[];
  readonly error?: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly setupNote: string;
  readonly setupSeconds: number;
  readonly baselineEngineCpuPct: number;
  /** Machine busy % during the two baseline halves. */
  readonly baselineMachineBusyPct: readonly number[];
  /** dockerd + containerd + shims found for the engine (a check that the engine CPU is read at all). */
  readonly engineProcesses: number;
  readonly nodeStartMs: readonly number[];
  readonly nodeStart: Summary;
  readonly tools: readonly ToolResult[];
}

export interface BenchReport {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: { readonly cpus: number; readonly node: string; readonly kernel: string; readonly engine: string };
  readonly settings: {
    readonly quick: boolean;
    readonly runs: number;
    readonly warmupSeconds: number;
    readonly windowSeconds: number;
    readonly baselineSeconds: number;
    readonly presses: number;
    readonly cols: number;
    readonly rows: number;
  };
  readonly scenarios: readonly ScenarioResult[];
}

/** Percent points of engine CPU below which a difference between two windows is not a signal on this kind of machine. */
const ENGINE_NOISE = 1;

const num = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const secs = (ms: number) => num(ms / 1000, 2);
const paintCell = (s: Summary) => (s.n ? `${secs(s.median)} (${secs(s.min)}–${secs(s.max)})` : '–');
const keyCell = (t: ToolResult) => (t.key.n ? `${num(t.key.median, 0)} / ${num(t.key.max, 0)}${t.keyMisses ? ` (${t.keyMisses} miss)` : ''}` : '–');
const signed = (x: number, digits: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(digits)}` : '–');

/** Terminal bytes: idle per second and per key (a result saved before they were measured has none). */
function termCell(t: ToolResult): string {
  if (t.termBytesPerSec === undefined) return '–';
  const b = (x: number) => (x >= 1024 ? `${num(x / 1024, 1)} KiB` : `${num(x, 0)} B`);
  return `${b(t.termBytesPerSec)} / ${t.termBytesPerKey === undefined || Number.isNaN(t.termBytesPerKey) ? '–' : b(t.termBytesPerKey)}`;
}

export function markdown(r: BenchReport): string {
  const out: string[] = [];
  const s = r.settings;
  out.push(`# berth benchmark, ${r.startedAt}`);
  out.push('');
  out.push(
    `${r.machine.cpus} CPUs, Node ${r.machine.node}, kernel ${r.machine.kernel}, engine ${r.machine.engine}; terminal ${s.cols}x${s.rows}; ` +
      `${s.runs} paint runs, RSS at ${s.warmupSeconds} s, idle window ${s.windowSeconds} s (baseline ${s.baselineSeconds} s), ${s.presses} key presses` +
      `${s.quick ? '; **quick run: short windows, not comparable with the targets**' : ''}. Total ${Math.round(r.durationSeconds)} s.`,
  );
  out.push('');
  out.push('| scenario | tool | first paint s, median (min–max) | `node -e \'\'` s | paint − node s | RSS MiB @' + s.warmupSeconds + ' s | RSS growth MiB /' + s.windowSeconds + ' s | CPU % idle | extra engine CPU % | conns | req/s | key ms median / max | terminal B/s idle / B per key |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const sc of r.scenarios) {
    for (const t of sc.tools) {
      if (t.error) {
        out.push(`| ${sc.title} | ${t.tool} | failed: ${t.error.split('\n')[0]} | | | | | | | | | | |`);
        continue;
      }
      out.push(
        `| ${sc.title} | ${t.tool} | ${paintCell(t.paint)} | ${secs(sc.nodeStart.median)} | ${signed((t.paint.median - sc.nodeStart.median) / 1000, 2)} | ${num(t.rss20MiB, 1)} | ${signed(t.rssGrowthMiB, 1)} | ${num(t.cpuPct, 1)} | ${signed(t.extraEngineCpuPct, 1)} | ${t.openConnections} | ${num(t.requestsPerSec, 2)} | ${keyCell(t)} | ${termCell(t)} |`,
      );
    }
  }
  const compared = r.scenarios.filter((sc) => sc.tools.length > 1);
  if (compared.length) {
    out.push('');
    out.push('Ratios, berth / other tool (below 1: berth uses less; from the same run, so they hold better than absolute numbers; – where a side is zero or, for engine CPU, within ±1 % of noise):');
    out.push('');
    out.push('| scenario | other tool | first paint | RSS | RSS growth | CPU | extra engine CPU | req/s | key max |');
    out.push('|---|---|---|---|---|---|---|---|---|');
    for (const sc of compared) {
      const berth = sc.tools[0]!;
      for (const o of sc.tools.slice(1)) {
        const q = (a: number, b: number) => num(ratio(a, b), 2);
        // Engine CPU differences under ENGINE_NOISE are noise: their ratio would be a random number.
        const qe = (a: number, b: number) => (Math.abs(a) < ENGINE_NOISE || Math.abs(b) < ENGINE_NOISE ? '–' : q(a, b));
        out.push(
          `| ${sc.title} | ${o.tool} | ${q(berth.paint.median, o.paint.median)} | ${q(berth.rss20MiB, o.rss20MiB)} | ${q(berth.rssGrowthMiB, o.rssGrowthMiB)} | ${q(berth.cpuPct, o.cpuPct)} | ${qe(berth.extraEngineCpuPct, o.extraEngineCpuPct)} | ${q(berth.requestsPerSec, o.requestsPerSec)} | ${q(berth.key.max, o.key.max)} |`,
        );
      }
    }
  }
  out.push('');
  out.push('Details per scenario (engine baseline = dockerd + containerd + shims with no app running):');
  out.push('');
  for (const sc of r.scenarios) {
    out.push(`- **${sc.title}**: ${sc.setupNote}; set up in ${num(sc.setupSeconds, 1)} s; engine baseline ${num(sc.baselineEngineCpuPct, 1)} % CPU over ${sc.engineProcesses} engine processes (machine busy ${(sc.baselineMachineBusyPct ?? []).map((x) => num(x, 0)).join(' / ')} % before / after).`);
    for (const t of sc.tools) {
      if (t.error) {
        out.push(`  - ${t.tool}: failed: ${t.error}`);
        continue;
      }
      const reqs = Object.entries(t.requestsPerSecByEndpoint)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${num(v, 2)}/s`);
      const open = Object.entries(t.openByEndpoint)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${v}× ${k}`);
      out.push(
        `  - ${t.tool}: requests ${reqs.length ? reqs.join(', ') : 'none'}; open ${open.length ? open.join(', ') : 'none'}; ` +
          `engine → app ${num(t.engineBytesPerSec / 1024, 1)} KiB/s; RSS peak ${num(t.rssPeakMiB, 1)} MiB; engine CPU ${num(t.engineCpuPct, 1)} %; machine busy ${num(t.machineBusyPct, 0)} %` +
          `${t.notes.length ? `; ${t.notes.join('; ')}` : ''}.`,
      );
    }
  }
  return out.join('\n') + '\n';
}

/** Writes results/<stamp>.json and .md next to this file; returns their paths. */
export function writeReport(dir: string, r: BenchReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = r.startedAt.replace(/[:.]/g, '-');
  const json = join(dir, `bench-${stamp}.json`);
  const md = join(dir, `bench-${stamp}.md`);
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(md, markdown(r));
  return { json, md };
}
