// The jobs view: builds, pulls and pushes with their progress. Leaving it (Esc) leaves
// the jobs running; J brings it back. c cancels the selected running job.
import { actionFor } from '../../keys/dispatch.js';
import { jobDetail, jobTable } from '../../render/jobs.js';
import { OverlayList } from '../../widgets/overlay-list.js';
import type { ScreenContext } from '../context.js';
import { hintLine } from '../hints.js';

export interface JobsView {
  /** Opens the view (or brings it to a job when it is open already). */
  show(jobId?: number): void;
  readonly isOpen: boolean;
  /** Closes the view and drops its subscriptions (the jobs go on). */
  close(): void;
}

// Pull progress arrives many times a second; the view redraws at most this often.
const REDRAW_MS = 100;

export function jobsView(ctx: ScreenContext): JobsView {
  const jobs = ctx.jobs;
  let overlay: OverlayList | undefined;
  let stop: (() => void) | undefined;

  const refresh = () => {
    if (!overlay?.isOpen) return;
    overlay.setTable(jobTable(jobs.list(), Date.now()));
    const id = overlay.selected;
    const job = id === undefined ? undefined : jobs.get(Number(id));
    overlay.setDetail(job ? jobDetail(job) : [], {});
  };

  function open(jobId?: number): void {
    if (overlay?.isOpen) {
      if (jobId !== undefined) overlay.select(String(jobId));
      return;
    }
    const o = new OverlayList(ctx.host, {
      title: 'jobs',
      help: hintLine(ctx.actions, [['overlay.down', 'next job'], ['overlay.pageDown', 'scroll output'], ['jobs.cancel', 'cancel the job'], ['overlay.close', 'close (jobs go on)'], ['jobs.show', 'open again']]),
      emptyText: `No builds, pulls or pushes yet (${hintLine(ctx.actions, [['images.build', 'build'], ['images.pull', 'pull'], ['images.push', 'push']])} in the images pane).`,
      maxTableRows: 5,
      onSelect: (id) => {
        const job = id === undefined ? undefined : jobs.get(Number(id));
        o.setDetail(job ? jobDetail(job) : [], { follow: true, resetScroll: true });
      },
      onKey: (k, id) => {
        if (actionFor(k, ['overlay'], ctx.actions)?.id !== 'jobs.cancel') return;
        if (ctx.readOnly) return ctx.store.say('Read-only mode: cancelling jobs is turned off (started with --read-only).', 'error');
        const job = id === undefined ? undefined : jobs.get(Number(id));
        if (!job) return ctx.store.say('No job is selected.', 'error');
        if (!jobs.cancel(job.id)) return ctx.store.say(`${job.title} is not running (it is ${job.status}).`, 'error');
        ctx.store.say(`cancelling ${job.title}`);
      },
      onClose: () => {
        stop?.();
        stop = undefined;
        overlay = undefined;
      },
    });
    overlay = o;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        refresh();
      }, REDRAW_MS);
    };
    const unsubscribe = jobs.subscribe(schedule);
    // The elapsed times move even when no job reports anything.
    const clock = setInterval(refresh, 1000);
    stop = () => {
      unsubscribe();
      clearInterval(clock);
      if (timer) clearTimeout(timer);
    };
    o.open();
    o.setTable(jobTable(jobs.list(), Date.now()));
    if (jobId !== undefined) o.select(String(jobId));
    const first = o.selected === undefined ? undefined : jobs.get(Number(o.selected));
    o.setDetail(first ? jobDetail(first) : [], { follow: true });
  }

  return {
    show: open,
    get isOpen() {
      return !!overlay?.isOpen;
    },
    close() {
      overlay?.close();
      stop?.();
      stop = undefined;
    },
  };
}
