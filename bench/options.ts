// Command-line options of the benchmark.
import { parseArgs } from 'node:util';
import type { Timings } from './measure.js';
import { SCENARIOS } from './scenarios.js';

export const USAGE = `npm run bench -- [options]

  --quick               smoke run (~2 min): scenarios 0, 20 and flood, 3 paint runs,
                        RSS at 5 s, 10 s windows. Not comparable with the targets.
  --scenario LIST       comma-separated, from: ${SCENARIOS.map((s) => s.id).join(', ')} (default: all)
  --cmd "COMMAND"       also measure another TUI (repeatable), run with the same DOCKER_HOST
  --empty-marker REGEX  what marks --cmd's first paint with no containers (default: /container/i)
  --runs N              first-paint runs per scenario (default 5)
  --warmup S            seconds from start to the RSS reading and the idle window (default 20)
  --window S            idle window in seconds (default 30)
  --baseline S          engine baseline in seconds, half before the apps run and half
                        after (default: the idle window)
  --presses N           key presses per scenario (default 10)
  --size COLSxROWS      terminal size (default 160x45)
  --berth PATH          the berth launcher to measure (default: this checkout's bin/berth),
                        e.g. another checkout's, to compare two builds
`;

export interface Options {
  readonly help: boolean;
  readonly quick: boolean;
  readonly scenarios: readonly string[];
  readonly cmds: readonly string[];
  /** bin/berth of the build to measure. */
  readonly berth?: string;
  readonly emptyMarker?: RegExp;
  readonly runs: number;
  readonly baselineMs: number;
  readonly settleMs: number;
  readonly timings: Timings;
}

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} wants a positive number, not "${value}"`);
  return n;
}

export function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        quick: { type: 'boolean' },
        scenario: { type: 'string' },
        cmd: { type: 'string', multiple: true },
        'empty-marker': { type: 'string' },
        runs: { type: 'string' },
        warmup: { type: 'string' },
        window: { type: 'string' },
        baseline: { type: 'string' },
        presses: { type: 'string' },
        size: { type: 'string' },
        berth: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const quick = values.quick ?? false;
  const known = SCENARIOS.map((s) => s.id);
  const scenarios = values.scenario ? values.scenario.split(',').map((s) => s.trim()) : quick ? ['0', '20', 'flood'] : known;
  for (const s of scenarios) if (!known.includes(s)) fail(`unknown scenario "${s}"`);
  const size = /^(\d+)x(\d+)$/.exec(values.size ?? '160x45');
  if (!size) fail(`--size wants COLSxROWS, not "${values.size}"`);
  const windowS = positive('window', values.window, quick ? 10 : 30);
  let emptyMarker: RegExp | undefined;
  if (values['empty-marker']) {
    try {
      emptyMarker = new RegExp(values['empty-marker']);
    } catch {
      fail(`--empty-marker is not a valid regular expression`);
    }
  }
  return {
    help: values.help ?? false,
    quick,
    scenarios,
    cmds: values.cmd ?? [],
    ...(values.berth ? { berth: values.berth } : {}),
    ...(emptyMarker ? { emptyMarker } : {}),
    runs: Math.round(positive('runs', values.runs, quick ? 3 : 5)),
    baselineMs: positive('baseline', values.baseline, windowS) * 1000,
    settleMs: quick ? 1000 : 3000,
    timings: {
      warmupMs: positive('warmup', values.warmup, quick ? 5 : 20) * 1000,
      windowMs: windowS * 1000,
      presses: Math.round(positive('presses', values.presses, quick ? 6 : 10)),
      cols: Number(size[1]),
      rows: Number(size[2]),
    },
  };
}
