// The container detail's sections, built from recorded engine answers (inspect, top,
// events, stats) with a fixed clock.
import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toContainerDetails } from '../../src/docker/container-inspect.js';
import { parseEvent } from '../../src/docker/events.js';
import { toStatsSample, type RawStats } from '../../src/docker/stats.js';
import { envLines, looksSecret, MASK } from '../../src/render/detail/env.js';
import { healthLines, timelineLine } from '../../src/render/detail/health.js';
import { goDuration } from '../../src/render/detail/lines.js';
import { mountLines } from '../../src/render/detail/mounts.js';
import { overviewLines, portLines } from '../../src/render/detail/overview.js';
import { processLines } from '../../src/render/detail/processes.js';
import { graphCharts, graphSummary, liveLine, niceCeil, timeLabels, toPoint } from '../../src/render/detail/stats-series.js';

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const json = <T>(name: string) => JSON.parse(text(name)) as T;
const running = toContainerDetails(json<Docker.ContainerInspectInfo>('container-inspect-running.json'));
const exited = toContainerDetails(json<Docker.ContainerInspectInfo>('container-inspect-exited.json'));
const events = text('container-events.jsonl').split('\n').map(parseEvent).filter((e) => e !== undefined);
const NOW = Date.parse('2026-11-28T09:25:00Z');
const sample = (name: string, patch: Partial<RawStats> = {}) => toStatsSample({ ...json<RawStats>(`stats-${name}.json`), ...patch })!;

describe('the Overview', () => {
  it('shows the values of docker inspect as they are, with ages', () => {
    const t = overviewLines(running, NOW).join('\n');
    expect(t).toMatch(/^name +rec-web$/m);
    expect(t).toMatch(/^id +09e79944f596fb2c94df89cfde529d32e6b90138d637f2c4abeb33f35c920403$/m);
    expect(t).toMatch(/^image +berth-rec:1$/m);
    expect(t).toMatch(/^image id +sha256:dd161dc20af6283e34edc590bba5e0cb2aac7c399de2228173729ac6679b2471$/m);
    expect(t).toMatch(/^entrypoint +\(none\)$/m);
    expect(t).toContain(`command        ${JSON.stringify(['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'])}`);
    expect(t).toMatch(/^created +2026-11-28T09:19:56\.956789329Z \(5 minutes ago\)$/m);
    expect(t).toMatch(/^started +2026-11-28T09:19:57\.285326012Z \(5 minutes ago\)$/m);
    expect(t).toMatch(/^finished +still running$/m);
    expect(t).toMatch(/^state +running · pid 489 · healthy$/m);
    expect(t).toMatch(/^OOM-killed +no$/m);
    expect(t).toMatch(/^restart +unless-stopped · restarted 0 times$/m);
    expect(t).toMatch(/^ports +8080\/tcp \(exposed, not published\)$/m);
    expect(t).toMatch(/^networks +none$/m);
    expect(t).toMatch(/^compose +project shop$/m);
    expect(t).toMatch(/^labels +com\.docker\.compose\.project=shop\n +role=rec2$/m);
    expect(t).not.toContain('live');
  });

  it('shows an exited container with its exit code and finish time', () => {
    const t = overviewLines(exited, NOW).join('\n');
    expect(t).toMatch(/^state +exited · exit code 3$/m);
    expect(t).toMatch(/^exit code +3$/m);
    expect(t).toMatch(/^finished +2026-11-28T09:19:59\.425483388Z/m);
    expect(t).toMatch(/^restart +no · restarted 0 times$/m);
    expect(t).toMatch(/^ports +\(none\)$/m);
  });

  it('lists published ports like docker ps, and exposed ones nothing publishes', () => {
    const d = { ...running, ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }], exposedPorts: ['80/tcp', '53/udp'] };
    expect(portLines(d)).toEqual(['8080->80/tcp', '53/udp (exposed, not published)']);
  });

  it('adds the live stats line when there is one', () => {
    const live = liveLine(toPoint(sample('busy')));
    const lines = overviewLines(running, NOW, live);
    // Right under the state, where it is seen without scrolling.
    expect(lines[lines.findIndex((l) => l.startsWith('state')) + 1]).toBe(`live           ${live}`);
    expect(live).toBe('CPU 47.09% · memory 348KiB / 23.54GiB (0.00%) · net I/O 0B / 0B · block I/O 0B / 0B · pids 1');
  });
});

describe('the Env section', () => {
  const env = ['PATH=/bin', 'DB_PASSWORD=hunter2', 'API_TOKEN=abc', 'aws_secret_access_key=x', 'MODE=prod', 'FLAG'];

  it('masks values of keys that look secret, with a mask that does not give their length away', () => {
    const v = envLines(env, false);
    expect(v.lines).toEqual(['PATH=/bin', `DB_PASSWORD=${MASK}`, `API_TOKEN=${MASK}`, `aws_secret_access_key=${MASK}`, 'MODE=prod', 'FLAG']);
    expect(v).toMatchObject({ masked: 3, secret: 3 });
    expect(v.lines.join('\n')).not.toMatch(/hunter2|abc\b/);
  });

  it('shows every value when revealed', () => {
    expect(envLines(env, true)).toEqual({ lines: env, masked: 0, secret: 3 });
  });

  it('knows the usual names of secrets', () => {
    for (const k of ['PASSWORD', 'MYSQL_ROOT_PASSWORD', 'GITHUB_TOKEN', 'SECRET_KEY_BASE', 'GOOGLE_APPLICATION_CREDENTIALS', 'PRIVATE_KEY', 'PGPASS']) expect(looksSecret(k), k).toBe(true);
    for (const k of ['PATH', 'HOME', 'MODE', 'LANG', 'PORT']) expect(looksSecret(k), k).toBe(false);
  });

  it('reads the recorded environment unchanged (nothing there looks secret)', () => {
    expect(envLines(running.env, false).lines).toEqual(['MODE=rec', 'PATH=/bin']);
  });
});

describe('the Mounts section', () => {
  it('shows type, source, destination, read-only or not and the volume name', () => {
    const t = mountLines(running.mounts).join('\n');
    expect(t).toMatch(/^\/host-tmp {2}bind, read-only\n {2}source +\/tmp\n {2}mode +ro\n {2}propagation +rslave$/m);
    expect(t).toMatch(/^\/data {2}volume, read-write\n {2}volume +2368f1be6b73bb88bc5c7b5c1a6d7b733e69efe58460650b22c6c2ac19aa0681\n {2}source +\/tmp\/berth-test-engines\/.*\/_data\n {2}driver +local$/m);
  });

  it('says so when there is none', () => {
    expect(mountLines(exited.mounts)).toEqual(['No mounts: the container has only its own filesystem.']);
  });
});

describe('the Health section', () => {
  it('shows the status, the check and the last probes, newest first', () => {
    const lines = healthLines(running, []);
    expect(lines[0]).toMatch(/^status +healthy · failing streak 0$/);
    expect(lines[1]).toMatch(/^check +\["true"\] · every 100ms · timeout 30s \(default\) · start period 0s \(default\) · retries 1$/);
    const probes = lines.slice(lines.indexOf('last probes (newest first)') + 1, lines.indexOf('last probes (newest first)') + 6);
    expect(probes[0]).toBe('  2026-11-28T09:19:59.393135552Z  exit 0  87ms');
    expect(probes[4]).toBe('  2026-11-28T09:19:58.336636641Z  exit 0  59ms');
  });

  it('draws the timeline from recorded events: start, kill with the signal, die with the exit code, restart, health', () => {
    const lines = healthLines(exited, events);
    expect(lines[0]).toMatch(/^status +no healthcheck configured$/);
    const timeline = lines.slice(lines.indexOf('events (newest first)') + 1).map((l) => l.replace(/^ {2}\S+ {2}/, ''));
    expect(timeline).toEqual([...events].reverse().map((e) => timelineLine(e).replace(/^\S+ {2}/, '')));
    expect(timeline.reverse()).toEqual([
      'start',
      'health_status: healthy',
      'kill (signal 10 SIGUSR1)',
      'kill (signal 15 SIGTERM)',
      'kill (signal 9 SIGKILL)',
      'die (exit code 137)',
      'start',
      'restart',
      'health_status: healthy',
      'kill (signal 9 SIGKILL)',
      'die (exit code 137)',
    ]);
    expect(timelineLine(events[0]!)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}start$/);
  });

  it('prints durations as Go does', () => {
    expect([goDuration(100e6), goDuration(30e9), goDuration(90e9), goDuration(3600e9), goDuration(1.5e9), goDuration(250e3)]).toEqual(['100ms', '30s', '1m30s', '1h0m0s', '1.5s', '250µs']);
  });
});

describe('the Processes section', () => {
  it('aligns docker top into columns and keeps the command whole', () => {
    const raw = json<{ Titles: string[]; Processes: string[][] }>('container-top.json');
    const lines = processLines({ titles: raw.Titles, processes: raw.Processes });
    expect(lines[0]).toBe('3 processes');
    expect(lines[2]).toBe('UID   PID    PPID   C  STIME  TTY  TIME      CMD');
    expect(lines[3]).toBe('root  29984  29962  0  18:14  ?    00:00:00  sh -c trap "echo got USR1" USR1; sleep 1000 & while true; do sleep 1; done');
    expect(lines[4]).toBe('root  30046  29984  0  18:14  ?    00:00:00  sleep 1000');
  });
});

describe('the stats points and charts', () => {
  const first = sample('edited-io');
  const later = sample('edited-io', {
    read: '2026-11-28T09:12:46.475163093Z',
    networks: { eth0: { rx_bytes: 12_400_000 + 20_000, tx_bytes: 999_700 + 2_000 }, eth1: { rx_bytes: 1000, tx_bytes: 300 } },
  });

  it('computes rates against the previous sample, and none for the first', () => {
    const a = toPoint(first);
    const b = toPoint(later, a);
    expect([a.rxRate, a.txRate]).toEqual([0, 0]);
    expect([b.rxRate, b.txRate, b.readRate, b.writeRate]).toEqual([10_000, 1_000, 0, 0]);
    // A counter that went back (the container restarted) is not a negative rate.
    expect(toPoint(first, b).rxRate).toBe(0);
  });

  it('titles each chart with its numbers now, and scales memory to the configured limit', () => {
    const a = toPoint(first);
    const points = [a, toPoint(later, a)];
    const [cpu, mem, net, blk] = graphCharts(points, 64 * 1024 * 1024);
    expect(cpu!.title).toMatch(/^CPU \d+\.\d\d% · peak \d+\.\d\d%$/);
    expect(mem!.title).toBe(`mem ${points[1]!.row.memUsage.split(' / ')[0]} / 64MiB (${((points[1]!.memUsed / (64 * 1024 * 1024)) * 100).toFixed(2)}%)`);
    expect(mem!.times).toEqual(['-2s', 'now']);
    expect(mem!.maxY).toBe(64);
    expect(net).toMatchObject({ title: 'net rx 10kB/s · tx 1kB/s', unit: 'kB/s', maxY: 20 });
    expect(net!.series.map((s) => s.values)).toEqual([
      [0, 10],
      [0, 1],
    ]);
    expect(blk!.title).toBe('disk read 0B/s · write 0B/s');
    expect(blk!.maxY).toBe(1);
    expect(graphCharts(points, 0)[1]!.title).toMatch(/^mem \S+ · no limit$/);
  });

  it('sums up the window and the totals', () => {
    const a = toPoint(first);
    expect(graphSummary([])).toBe('Waiting for the first stats sample…');
    expect(graphSummary([a, toPoint(later, a)])).toBe('last 2s (2 samples) · pids 2 · net I/O 12.4MB / 1MB · block I/O 1.23GB / 5MB');
    expect(timeLabels([a, { ...a, timeMs: a.timeMs + 5000 }, { ...a, timeMs: a.timeMs + 95_000 }])).toEqual(['-1m35s', '-1m30s', 'now']);
    expect([niceCeil(0), niceCeil(0.3), niceCeil(7), niceCeil(11), niceCeil(250)]).toEqual([1, 0.5, 10, 20, 500]);
  });
});
