// Starting a long image job (build, pull, push): it goes into the jobs list and the jobs
// view opens on it; the footer shows it as busy while it runs; its outcome lands in the
// status line, and the images list is refreshed (with the new image selected, when the
// main screen lets us).
import type { JobControl, JobKind } from '../../state/jobs.js';
import type { ScreenContext } from '../context.js';
import type { ImageOpsHooks } from './types.js';

export interface JobOutcome {
  /** The sentence for the status line ("built app:1 (sha256:abcd…)"). */
  readonly text: string;
  /** The image the job made or fetched, to select it. */
  readonly imageId?: string;
  readonly ref?: string;
}

export interface JobStarter {
  start(kind: JobKind, title: string, work: (c: JobControl) => Promise<JobOutcome>): void;
}

function removeBusy(ctx: ScreenContext, label: string): void {
  const busy = [...ctx.store.snapshot.busy];
  const i = busy.indexOf(label);
  if (i >= 0) busy.splice(i, 1);
  ctx.store.update({ busy });
}

export function jobStarter(ctx: ScreenContext, hooks: ImageOpsHooks): JobStarter {
  const jobs = ctx.jobs;
  return {
    start(kind, title, work) {
      let outcome: JobOutcome | undefined;
      const label = title.replace(/^(build|pull|push)\b/, (w) => ({ build: 'building', pull: 'pulling', push: 'pushing' })[w as JobKind]);
      ctx.store.update({ busy: [...ctx.store.snapshot.busy, label] });
      const { id, finished } = jobs.start(kind, title, async (c) => {
        outcome = await work(c);
        return outcome.text;
      });
      hooks.showJobs(id);
      void finished.then((job) => {
        removeBusy(ctx, label);
        if (job.status === 'done') ctx.store.say(job.result ?? `${title}: done`);
        else if (job.status === 'cancelled') ctx.store.say(`${title} was cancelled`);
        else ctx.store.say(job.error ?? `${title} failed`, 'error');
        ctx.refresh('images');
        if (job.status === 'done' && outcome?.imageId) hooks.selectImage(outcome.imageId, outcome.ref);
      });
    },
  };
}
