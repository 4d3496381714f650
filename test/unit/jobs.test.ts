// The jobs list: reducer (output tail, progress, outcome) and the runner (cancel, failure,
// subscribers), fed with progress streams recorded from the engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProgressLine, type ProgressEvent } from '../../src/docker/progress.js';
import { jobDetail, jobSummary, jobTable, elapsed } from '../../src/render/jobs.js';
import { Jobs, newJob, reduceJob, type Job } from '../../src/state/jobs.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const events = (name: string): ProgressEvent[] =>
  fixture(name)
    .split('\n')
    .flatMap((l) => {
      const p = parseProgressLine(l);
      return p && 'event' in p ? [p.event] : [];
    });
const text = (lines: ReturnType<typeof jobDetail>) => lines.map((l) => l.map((c) => c.text).join(' ').trimEnd());

describe('job reducer', () => {
  it('joins build output split across events into lines and tracks the step', () => {
    let job = newJob(1, 'build', 'build app:1', 0);
    for (const e of events('build-failed.jsonl')) if (e.stream !== undefined) job = reduceJob(job, { type: 'output', text: e.stream });
    expect(job.output).toContain('Step 2/4 : RUN echo step-two');
    expect(job.output).toContain('step-two');
    expect(job.step).toBe('Step 3/4 : RUN echo about to fail && exit 3');
    expect(jobSummary(job)).toBe(job.step);
  });

  it('keeps only the tail of the output, counting what it dropped, and cuts endless lines', () => {
    let job = newJob(1, 'build', 'b', 0);
    for (let i = 0; i < 50; i++) job = reduceJob(job, { type: 'output', text: `line ${i}\n` }, 10);
    expect(job.output).toEqual(Array.from({ length: 10 }, (_, i) => `line ${40 + i}`));
    expect(job.dropped).toBe(40);
    job = reduceJob(job, { type: 'output', text: 'x'.repeat(100_000) }, 10);
    expect(job.partial.length).toBe(4000);
    job = reduceJob(job, { type: 'output', text: '\n' }, 10);
    expect(job.output[9]!.length).toBeLessThanOrEqual(4001);
  });

  it('folds pull progress into layers and an overall line', () => {
    let job = newJob(2, 'pull', 'pull app:1', 0);
    for (const e of events('pull-progress.jsonl')) job = reduceJob(job, { type: 'progress', event: e });
    expect(job.progress.order.length).toBeGreaterThan(1);
    const lines = text(jobDetail(job));
    expect(lines.length).toBe(job.progress.order.length + 1);
    expect(lines[lines.length - 1]).toMatch(/layers done/);
  });

  it('ends once: a failure keeps its message and later events change nothing', () => {
    let job = newJob(3, 'build', 'build app:1', 1000);
    job = reduceJob(job, { type: 'output', text: 'half a line' });
    job = reduceJob(job, { type: 'failed', error: 'Build of app:1 failed at step 3/4: boom.', atMs: 5000 });
    expect(job.status).toBe('failed');
    expect(job.output).toEqual(['half a line']);
    expect(job.partial).toBe('');
    const after = reduceJob(job, { type: 'output', text: 'more\n' });
    expect(after).toBe(job);
    expect(text(jobDetail(job)).pop()).toBe('✗ Build of app:1 failed at step 3/4: boom.');
    expect(jobTable([job], 9000).rows[0]!.cells.map((c) => c.text)).toEqual(['failed', 'build app:1', '4s', 'Build of app:1 failed at step 3/4: boom.']);
  });

  it('formats elapsed time', () => {
    expect(elapsed(4200)).toBe('4s');
    expect(elapsed(125_000)).toBe('2m05s');
    expect(elapsed(3_720_000)).toBe('1h02m');
  });
});

describe('jobs runner', () => {
  it('runs a job to its result and tells subscribers', async () => {
    const jobs = new Jobs({ now: () => 100 });
    const seen: string[] = [];
    const off = jobs.subscribe((list) => seen.push(list[0]!.status));
    const { finished } = jobs.start('pull', 'pull a', async (c) => {
      c.progress({ id: 'abc', status: 'Downloading', current: 1, total: 2 });
      return 'pulled a';
    });
    const done = await finished;
    off();
    expect(done).toMatchObject({ status: 'done', result: 'pulled a' });
    expect(done.progress.order).toEqual(['abc']);
    expect(seen[0]).toBe('running');
    expect(seen[seen.length - 1]).toBe('done');
    expect(jobs.running).toBe(0);
  });

  it('cancel aborts the signal and the job ends as cancelled, not failed', async () => {
    const jobs = new Jobs();
    const { id, finished } = jobs.start('build', 'build x', (c) => new Promise((_, reject) => c.signal.addEventListener('abort', () => reject(new Error('The build was cancelled.')))));
    expect(jobs.running).toBe(1);
    expect(jobs.cancel(id)).toBe(true);
    expect(jobs.cancel(id)).toBe(false);
    const job: Job = await finished;
    expect(job.status).toBe('cancelled');
    expect(job.error).toBe('The build was cancelled.');
    expect(jobs.cancel(id)).toBe(false);
  });

  it('a rejected job fails with the message and never rejects the caller', async () => {
    const jobs = new Jobs();
    const job = await jobs.start('push', 'push x', async () => {
      throw new Error('Cannot push x: unauthorized.');
    }).finished;
    expect(job).toMatchObject({ status: 'failed', error: 'Cannot push x: unauthorized.' });
  });

  it('forgets old finished jobs but never a running one', async () => {
    const jobs = new Jobs({ keepFinished: 2 });
    const hold = jobs.start('build', 'slow', (c) => new Promise((r) => c.signal.addEventListener('abort', () => r('stopped'))));
    for (let i = 0; i < 5; i++) await jobs.start('pull', `p${i}`, async () => 'ok').finished;
    jobs.start('pull', 'last', async () => 'ok');
    expect(jobs.list().map((j) => j.title)).toEqual(['last', 'p4', 'p3', 'slow']);
    jobs.cancelAll();
    await hold.finished;
  });
});
