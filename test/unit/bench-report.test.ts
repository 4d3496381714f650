import { describe, expect, it } from 'vitest';
import type { BenchReport, ToolResult } from '../../bench/report.js';
import { markdown } from '../../bench/report.js';
import { summarize } from '../../bench/stats.js';

function tool(name: string, over: Partial<ToolResult> = {}): ToolResult {
  return {
    tool: name,
    paintMs: [400, 500, 450],
    paint: summarize([400, 500, 450]),
    rss20MiB: 60,
    rssGrowthMiB: 0.5,
    rssPeakMiB: 61,
    cpuPct: 0.4,
    engineCpuPct: 1.5,
    extraEngineCpuPct: 1,
    openConnections: 2,
    openByEndpoint: { 'GET /events': 1, 'GET /containers/{id}/stats (stream)': 1 },
    requestsPerSec: 0,
    requestsPerSecByEndpoint: {},
    engineBytesPerSec: 2048,
    keyMs: [20, 40],
    key: summarize([20, 40]),
    keyMisses: 0,
    machineBusyPct: 30,
    notes: [],
    ...over,
  };
}

const report = (tools: ToolResult[]): BenchReport => ({
  startedAt: '2026-01-01T00:00:00.000Z',
  durationSeconds: 100,
  machine: { cpus: 2, node: '20.20.2', kernel: '6.1', engine: '20.10.24' },
  settings: { quick: false, runs: 3, warmupSeconds: 20, windowSeconds: 30, baselineSeconds: 30, presses: 10, cols: 160, rows: 45 },
  scenarios: [
    {
      id: '100',
      title: '100 idle containers',
      setupNote: 'sleep',
      setupSeconds: 12,
      baselineEngineCpuPct: 0.5,
      baselineMachineBusyPct: [20, 25],
      engineProcesses: 102,
      nodeStartMs: [100, 120],
      nodeStart: summarize([100, 120]),
      tools,
    },
  ],
});

describe('the bench report', () => {
  it('gives one row per tool with median, range, the distance to node and the idle numbers', () => {
    const md = markdown(report([tool('berth')]));
    expect(md).toContain('| 100 idle containers | berth | 0.45 (0.40–0.50) | 0.11 | +0.34 | 60.0 | +0.5 | 0.4 | +1.0 | 2 | 0.00 | 30 / 40 |');
    expect(md).toContain('1× GET /containers/{id}/stats (stream)');
    expect(md).not.toContain('Ratios');
  });

  it('adds ratios against another tool, and shows a dash where a ratio means nothing', () => {
    const md = markdown(report([tool('berth'), tool('lazydocker', { paint: summarize([900]), rss20MiB: 40, requestsPerSec: 0 })]));
    expect(md).toContain('Ratios, berth / other tool');
    // paint 0.45 / 0.9; RSS 60 / 40; req/s 0 / 0 has no ratio.
    expect(md).toMatch(/\| 100 idle containers \| lazydocker \| 0\.50 \| 1\.50 \| 1\.00 \| 1\.00 \| 1\.00 \| – \| 1\.00 \|/);
  });

  it('says why a tool failed instead of dropping the row', () => {
    const md = markdown(report([tool('berth', { error: 'the app exited before its first paint\nmore' })]));
    expect(md).toContain('| berth | failed: the app exited before its first paint |');
  });
});
