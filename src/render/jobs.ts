// Long jobs as rows: one line per job for the list, and the selected job's details (its
// layers and overall line for a pull or push, its output tail for a build, then how it
// ended). Pure. The job shape is declared here (render never imports state); the jobs
// list of src/state/jobs.ts fits it.
import type { LayerProgress } from '../docker/progress.js';
import { cell, type Cell, type Column, type Meaning, type Row, type TableModel } from './cells.js';
import { layerRows, overallLine } from './progress.js';
import { stripControl } from './text.js';

export interface JobLike {
  readonly id: number;
  readonly kind: 'build' | 'pull' | 'push';
  readonly title: string;
  readonly status: 'running' | 'done' | 'failed' | 'cancelled';
  readonly startedMs: number;
  readonly endedMs?: number;
  readonly progress: LayerProgress;
  readonly output: readonly string[];
  readonly partial: string;
  readonly dropped: number;
  readonly step?: string;
  readonly result?: string;
  readonly error?: string;
}

export const JOB_COLUMNS: readonly Column[] = [
  { title: 'STATUS', min: 9, max: 9, flex: 0, priority: 0 },
  { title: 'JOB', min: 16, max: 60, flex: 2, priority: 0 },
  { title: 'TIME', min: 6, max: 8, flex: 0, priority: 2, align: 'right' },
  { title: 'NOW', min: 10, max: 200, flex: 3, priority: 1 },
];

const STATUS_MEANING: Record<JobLike['status'], Meaning> = { running: 'accent', done: 'ok', failed: 'error', cancelled: 'warn' };

/** "4s", "2m05s", "1h02m". */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** What a job is doing or how it ended, in one line. */
export function jobSummary(job: JobLike): string {
  if (job.status === 'done') return job.result ?? 'done';
  if (job.status !== 'running') return job.error ?? job.status;
  if (job.kind === 'build') return job.step ?? job.output[job.output.length - 1] ?? 'sending the context…';
  return overallLine(job.progress) || 'starting…';
}

/** Row ids are the job ids as text. */
export function jobTable(jobs: readonly JobLike[], now: number): TableModel {
  const rows: Row[] = jobs.map((j) => ({
    id: String(j.id),
    cells: [
      cell(j.status, STATUS_MEANING[j.status]),
      cell(stripControl(j.title)),
      cell(elapsed((j.endedMs ?? now) - j.startedMs), 'muted'),
      cell(stripControl(jobSummary(j)), j.status === 'failed' ? 'error' : 'muted'),
    ],
  }));
  return { columns: JOB_COLUMNS, rows };
}

/** Tabs as spaces, other control characters dropped: output is shown, never interpreted. */
function cleanLine(s: string): string {
  return stripControl(s.replace(/\t/g, '    '));
}

/**
 * The details of one job as lines of cells, top to bottom: layer rows and the overall line
 * for a transfer, the output tail for a build (a note when older lines were dropped),
 * then the outcome.
 */
export function jobDetail(job: JobLike, opts: { barWidth?: number } = {}): Cell[][] {
  const lines: Cell[][] = [];
  if (job.kind === 'build') {
    if (job.dropped) lines.push([cell(`… ${job.dropped} earlier lines not kept`, 'muted')]);
    for (const l of job.output) lines.push([cell(cleanLine(l), /^Step \d+\/\d+ : /.test(l) ? 'accent' : 'normal')]);
    if (job.partial) lines.push([cell(cleanLine(job.partial))]);
  } else {
    // Padded so the bars line up ("downloading" and "already exists" differ in length).
    const widths = [12, 14];
    for (const r of layerRows(job.progress, opts.barWidth !== undefined ? { barWidth: opts.barWidth } : {})) {
      lines.push(r.cells.map((c, i) => (widths[i] ? cell(c.text.padEnd(widths[i]!), c.meaning) : c)));
    }
    const overall = overallLine(job.progress);
    if (overall) lines.push([cell(overall, 'accent')]);
  }
  if (job.status === 'done' && job.result) lines.push([cell(`✓ ${job.result}`, 'ok')]);
  if (job.status === 'failed') lines.push([cell(`✗ ${job.error ?? 'failed'}`, 'error')]);
  if (job.status === 'cancelled') lines.push([cell(`■ ${job.error ?? 'cancelled'}`, 'warn')]);
  return lines;
}
