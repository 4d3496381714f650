// Long jobs (build, pull, push) that go on while the user does other things: each keeps
// its progress, a bounded tail of its output and its outcome, and can be cancelled. The
// jobs view subscribes; a job's own work runs as a function of an AbortSignal.
import { buildStepIn } from '../docker/build-step.js';
import { emptyLayerProgress, reduceLayerProgress, type LayerProgress, type ProgressEvent } from '../docker/progress.js';

export type JobKind = 'build' | 'pull' | 'push';
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  readonly id: number;
  readonly kind: JobKind;
  /** "build app:1", "pull alpine:3". */
  readonly title: string;
  readonly status: JobStatus;
  readonly startedMs: number;
  readonly endedMs?: number;
  /** Per-layer state of a pull or push. */
  readonly progress: LayerProgress;
  /** The last complete output lines (build), oldest first, at most `OUTPUT_LINES`. */
  readonly output: readonly string[];
  /** Output after the last newline, not a line yet. */
  readonly partial: string;
  /** Lines dropped from the front to keep the tail bounded. */
  readonly dropped: number;
  /** The build step under way ("Step 2/4 : RUN make", Podman's "STEP 2/4: RUN make"). */
  readonly step?: string;
  /** The sentence for the status line when it ends well ("built app:1 (sha256:abcd…)"). */
  readonly result?: string;
  /** Why it failed or that it was cancelled, as a sentence. */
  readonly error?: string;
}

export type JobEvent =
  | { readonly type: 'output'; readonly text: string }
  | { readonly type: 'progress'; readonly event: ProgressEvent }
  | { readonly type: 'done'; readonly result: string; readonly atMs: number }
  | { readonly type: 'failed'; readonly error: string; readonly atMs: number }
  | { readonly type: 'cancelled'; readonly error: string; readonly atMs: number };

export const OUTPUT_LINES = 2000;
/** A line longer than this is cut: one endless line must not hold the memory either. */
export const LINE_CHARS = 4000;

export function newJob(id: number, kind: JobKind, title: string, nowMs: number): Job {
  return { id, kind, title, status: 'running', startedMs: nowMs, progress: emptyLayerProgress, output: [], partial: '', dropped: 0 };
}

function appendOutput(job: Job, text: string, limit: number): Job {
  const pieces = (job.partial + text).split(/\r?\n/);
  const partial = pieces.pop()!.slice(-LINE_CHARS);
  if (pieces.length === 0) return { ...job, partial };
  let step = job.step;
  for (const p of pieces) if (buildStepIn(p)) step = p.slice(0, 200);
  const all = [...job.output, ...pieces.map((p) => (p.length > LINE_CHARS ? `${p.slice(0, LINE_CHARS)}…` : p))];
  const cut = Math.max(0, all.length - limit);
  return { ...job, output: cut ? all.slice(cut) : all, partial, dropped: job.dropped + cut, ...(step !== undefined ? { step } : {}) };
}

/** Folds one event into a job; a finished job ignores everything after. */
export function reduceJob(job: Job, e: JobEvent, limit = OUTPUT_LINES): Job {
  if (job.status !== 'running') return job;
  switch (e.type) {
    case 'output':
      return appendOutput(job, e.text, limit);
    case 'progress': {
      const progress = reduceLayerProgress(job.progress, e.event);
      return progress === job.progress ? job : { ...job, progress };
    }
    case 'done':
      return { ...flush(job, limit), status: 'done', endedMs: e.atMs, result: e.result };
    case 'failed':
      return { ...flush(job, limit), status: 'failed', endedMs: e.atMs, error: e.error };
    case 'cancelled':
      return { ...flush(job, limit), status: 'cancelled', endedMs: e.atMs, error: e.error };
  }
}

/** The last half line becomes a line when the job ends. */
function flush(job: Job, limit: number): Job {
  return job.partial ? appendOutput({ ...job, partial: '' }, `${job.partial}\n`, limit) : job;
}

/** What a job's work gets: its signal, and a way to report output and progress. */
export interface JobControl {
  readonly signal: AbortSignal;
  output(text: string): void;
  progress(e: ProgressEvent): void;
}

export interface JobsOptions {
  readonly now?: () => number;
  /** Finished jobs kept for the view; older ones are forgotten. */
  readonly keepFinished?: number;
}

export class Jobs {
  private jobs: Job[] = [];
  private readonly controllers = new Map<number, AbortController>();
  private readonly listeners = new Set<(jobs: readonly Job[]) => void>();
  private nextId = 1;
  private readonly now: () => number;
  private readonly keepFinished: number;

  constructor(opts: JobsOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.keepFinished = opts.keepFinished ?? 20;
  }

  /** Newest first. */
  list(): readonly Job[] {
    return this.jobs;
  }

  get(id: number): Job | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  get running(): number {
    return this.jobs.filter((j) => j.status === 'running').length;
  }

  /**
   * Starts a job. `work` resolves with the sentence for a good end; a rejection fails the
   * job with the error's message (or marks it cancelled when its signal was aborted).
   * The returned promise resolves with the finished job and never rejects.
   */
  start(kind: JobKind, title: string, work: (c: JobControl) => Promise<string>): { id: number; finished: Promise<Job> } {
    const id = this.nextId++;
    const controller = new AbortController();
    this.controllers.set(id, controller);
    this.jobs = [newJob(id, kind, title, this.now()), ...this.jobs];
    this.forgetOld();
    this.emit();
    const control: JobControl = {
      signal: controller.signal,
      output: (text) => this.apply(id, { type: 'output', text }),
      progress: (event) => this.apply(id, { type: 'progress', event }),
    };
    const finished = (async () => {
      try {
        const result = await work(control);
        this.apply(id, { type: 'done', result, atMs: this.now() });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.apply(id, controller.signal.aborted ? { type: 'cancelled', error: message, atMs: this.now() } : { type: 'failed', error: message, atMs: this.now() });
      } finally {
        this.controllers.delete(id);
      }
      return this.get(id)!;
    })();
    return { id, finished };
  }

  /** Cancels a running job; false when it is not running. */
  cancel(id: number): boolean {
    const c = this.controllers.get(id);
    if (!c || c.signal.aborted) return false;
    c.abort(new Error('cancelled'));
    return true;
  }

  /** Cancels every running job (on quit). */
  cancelAll(): void {
    for (const id of [...this.controllers.keys()]) this.cancel(id);
  }

  /** Subscribes; the returned function unsubscribes. */
  subscribe(fn: (jobs: readonly Job[]) => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }

  private apply(id: number, e: JobEvent): void {
    const i = this.jobs.findIndex((j) => j.id === id);
    if (i < 0) return;
    const next = reduceJob(this.jobs[i]!, e);
    if (next === this.jobs[i]) return;
    this.jobs = this.jobs.map((j, k) => (k === i ? next : j));
    this.emit();
  }

  private forgetOld(): void {
    let finished = 0;
    this.jobs = this.jobs.filter((j) => j.status === 'running' || ++finished <= this.keepFinished);
  }

  private emit(): void {
    for (const l of [...this.listeners]) l(this.jobs);
  }
}
