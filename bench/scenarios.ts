// The benchmark's scenarios: which containers run, what marks the first paint, and the
// step that brings the flooding container's logs on screen.
import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { FIXTURE_IMAGE } from '../test/support/fixtures.js';
import { sleep, type TuiProbe } from './pty-probe.js';

export const PREFIX = 'bench-';

interface ContainerSpec {
  readonly name: string;
  readonly cmd: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** How the containers were made, for the report. */
  readonly setupNote: string;
  readonly specs: readonly ContainerSpec[];
  /** The screen shows the containers: one of the scenario's names is visible. */
  readonly marker: RegExp;
  /** Key latency needs at least two rows to move between. */
  readonly keys: boolean;
  /** Brings the view the scenario is about on screen (the flood: its logs). */
  readonly prepare?: (probe: TuiProbe, tool: ToolKind) => Promise<string>;
  /** The stream that view keeps open (an endpoint as the proxy counts it), checked after the window. */
  readonly stream?: { readonly endpoint: string; readonly open: string; readonly closed: string };
}

export type ToolKind = 'berth' | 'other';

// One process per container, blocked in sleep: no forks, no output, the cheapest idle container.
const IDLE = ['sleep', '2147483647'] as const;
// A line every 10 ms without forking: `read -t` on an empty fifo is the shell's own timer.
const TICK_10MS = ['sh', '-c', 'mkfifo /f; exec 3<>/f; i=0; while :; do i=$((i+1)); echo "tick $i the quick brown fox jumps over the lazy dog"; read -t 0.01 -u 3 x; done'];
// As fast as the container can write.
const FLOOD = ['yes', 'flood: the quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopqrstuvwxyz'];

const pad = (i: number) => String(i).padStart(4, '0');
const idle = (n: number): ContainerSpec[] => Array.from({ length: n }, (_, i) => ({ name: `${PREFIX}idle-${pad(i + 1)}`, cmd: IDLE }));

export const FLOOD_NAME = `${PREFIX}flood`;
export const BUSY_NAME = `${PREFIX}busy`;
// Busy without forking: shell arithmetic, then 50 ms on an empty fifo, over and over.
const BUSY = ['sh', '-c', 'mkfifo /f; exec 3<>/f; while :; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; read -t 0.05 -u 3 x; done'];

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'logs20',
    title: '20 containers, a line every 10 ms each',
    setupNote: '20 containers each echoing a line every 10 ms (shell loop timed by `read -t 0.01`, no fork per line)',
    specs: Array.from({ length: 20 }, (_, i) => ({ name: `${PREFIX}tick-${pad(i + 1)}`, cmd: TICK_10MS })),
    marker: /bench-tick-\d{4}/,
    keys: true,
  },
  {
    id: 'flood',
    title: '1 container flooding its logs (+2 idle)',
    setupNote:
      '`yes` writing as fast as it can (json-file log capped at 2x20 MB), plus 2 idle neighbours so the selection can move; ' +
      'the engine is CPU-bound by the flood, so its "extra" CPU here mostly shows who won the cores, not load added by the app',
    specs: [{ name: FLOOD_NAME, cmd: FLOOD }, { name: `${PREFIX}flood-nb-1`, cmd: IDLE }, { name: `${PREFIX}flood-nb-2`, cmd: IDLE }],
    marker: /bench-flood/,
    keys: true,
    prepare: (probe, tool) => showFloodLogs(probe, tool),
    stream: { endpoint: '/logs (follow)', open: 'a logs stream was open', closed: 'no logs stream was open: the logs were not shown' },
  },
  {
    id: 'detail',
    title: "1 busy container's detail, on its graphs",
    setupNote:
      'a shell doing arithmetic in a loop with 50 ms pauses (no forks), plus an idle neighbour; berth opens its detail (timed from the key, ' +
      'opened and closed 5 times) and stays on the Graphs section, drawing from the one stats stream',
    specs: [{ name: BUSY_NAME, cmd: BUSY }, { name: `${PREFIX}busy-nb`, cmd: IDLE }],
    marker: /bench-busy/,
    keys: false,
    prepare: (probe, tool) => showDetailGraphs(probe, tool),
    stream: { endpoint: '/stats (stream)', open: 'a stats stream was open', closed: 'no stats stream was open: the graphs were not shown' },
  },
  ...[0, 20, 100, 1000].map(
    (n): Scenario => ({
      id: String(n),
      title: `${n} idle containers`,
      setupNote:
        n === 0
          ? 'no containers'
          : `${n} running containers, each a single \`sleep\` process (no output)${n >= 1000 ? '; created 8 at a time' : ''}`,
      specs: idle(n),
      marker: /bench-idle-\d{4}/,
      keys: n >= 2,
    }),
  ),
];

/** The paint marker with no containers: berth's empty-list sentence; for other tools, a panel title or column header. */
export function emptyMarker(tool: ToolKind, override?: RegExp): RegExp {
  if (override) return override;
  return tool === 'berth' ? /No running containers/ : /container/i;
}

/**
 * Moves the selection onto the flooding container and opens its logs. berth's logs pane
 * follows the selected container by itself; LOGS_KEYS is where a key goes should a tool
 * need one to show the logs (per tool kind). Returns a note for the report; whether a
 * logs stream was really open is read from the proxy afterwards.
 */
export const LOGS_KEYS: Record<ToolKind, readonly string[]> = { berth: [], other: [] };

export async function showFloodLogs(probe: TuiProbe, tool: ToolKind): Promise<string> {
  const onRow = () => selectedLine(probe).includes(FLOOD_NAME + ' ') || selectedLine(probe).endsWith(FLOOD_NAME);
  for (let i = 0; i < 6 && !onRow(); i++) {
    // Walk down the list; at the bottom, come back from the top.
    await probe.keyLatency(i < 3 ? '\x1b[B' : '\x1b[A', 1000);
    await sleep(100);
  }
  for (const k of LOGS_KEYS[tool]) {
    probe.write(k);
    await sleep(200);
  }
  return onRow() ? 'flooding container selected' : 'could not select the flooding container';
}

/**
 * berth only: filters the list to the busy container, times its detail's first paint from
 * the enter key five times (esc between), then leaves it open on the Graphs section.
 */
export async function showDetailGraphs(probe: TuiProbe, tool: ToolKind): Promise<string> {
  if (tool !== 'berth') return 'no detail view measured for this tool';
  probe.write('/');
  await sleep(100);
  probe.write(`${BUSY_NAME}\r`);
  await probe.waitFor((v) => v.text().includes(`/${BUSY_NAME}`), 3000);
  await sleep(300);
  const opened = (v: { text(): string }) => new RegExp(`│ name +${BUSY_NAME} `).test(v.text());
  const framed = (v: { text(): string }) => v.text().includes(`${BUSY_NAME} · Overview`);
  const frames: number[] = [];
  const filled: number[] = [];
  for (let i = 0; i < 5; i++) {
    await probe.flush();
    const sent = performance.now();
    probe.write('\r');
    const [f, at] = await Promise.all([probe.waitFor(framed, 3000), probe.waitFor(opened, 3000)]);
    if (f === undefined || at === undefined) return 'the detail view did not open';
    frames.push(f - sent);
    filled.push(at - sent);
    await sleep(300);
    probe.write('\x1b');
    await probe.waitFor((v) => v.text().includes('containers (running)'), 3000);
    await sleep(300);
  }
  probe.write('\r');
  await probe.waitFor(opened, 3000);
  probe.write('hh');
  const drawn = await probe.waitFor((v) => /[\u2801-\u28ff]/u.test(v.text()), 5000);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  const list = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
  return (
    `detail from the enter key: view on screen median ${median(frames)} ms (${list(frames)}), ` +
    `with the inspect's values median ${median(filled)} ms (${list(filled)}); ${drawn === undefined ? 'the graphs did not draw' : 'graphs drawing'}`
  );
}

/** The text of the highlighted row that is not the header or a bar (best effort). */
function selectedLine(probe: TuiProbe): string {
  const text = probe.view().text().split('\n');
  const rows = probe.highlightedRows();
  for (const y of rows) {
    const line = text[y] ?? '';
    if (line.includes(PREFIX)) return line.trim();
  }
  return '';
}

/** Creates the scenario's containers that are missing and removes other bench containers. */
export async function ensureContainers(docker: Docker, specs: readonly ContainerSpec[], concurrency = 8): Promise<{ created: number; removed: number; ms: number }> {
  const t0 = performance.now();
  const wanted = new Set(specs.map((s) => s.name));
  const existing = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [PREFIX] }) });
  const have = new Set<string>();
  const stale: string[] = [];
  for (const c of existing) {
    const name = (c.Names[0] ?? '').replace(/^\//, '');
    if (!name.startsWith(PREFIX)) continue;
    if (wanted.has(name) && c.State === 'running') have.add(name);
    else stale.push(c.Id);
  }
  await pool(stale, concurrency, (id) => docker.getContainer(id).remove({ force: true }));
  const missing = specs.filter((s) => !have.has(s.name));
  await pool(missing, concurrency, async (s) => {
    const c = await docker.createContainer({
      name: s.name,
      Image: FIXTURE_IMAGE,
      Cmd: [...s.cmd],
      HostConfig: { NetworkMode: 'none', LogConfig: { Type: 'json-file', Config: { 'max-size': '20m', 'max-file': '2' } } },
    });
    await c.start();
  });
  return { created: missing.length, removed: stale.length, ms: performance.now() - t0 };
}

export async function removeBenchContainers(docker: Docker, concurrency = 8): Promise<void> {
  await ensureContainers(docker, [], concurrency);
}

/** Runs `fn` over the items, at most `limit` at a time; rethrows the first failure after all settle. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure;
}
