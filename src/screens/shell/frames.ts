// Frames of the shell: a full repaint at most 30 times a second, and log-only frames at
// most 10 a second. A new log line needs only the log view, which draws itself just before
// blessed renders; keeping the two apart makes a chatty container cheap to watch (following
// one at 30 frames cost twice the CPU of 10, measured with npm run bench, logs20).
import { frameScheduler } from '../../widgets/frame-scheduler.js';

export interface Frames {
  /** A full repaint at the next frame. */
  request(): void;
  /**
   * A repaint because data changed (a snapshot, the clock): drawn to the terminal only when the
   * repaint changed what some element shows (`changed()` moved).
   */
  requestData(): void;
  /** A log-only frame. */
  requestLog(): void;
  /** Runs a pending full paint now (without drawing to the terminal), so the models are current. */
  settle(): void;
  /** While held (the terminal is handed to a child), nothing is drawn. */
  hold(held: boolean): void;
  stop(): void;
}

export function shellFrames(paint: () => void, render: () => void, changed: () => number = () => NaN): Frames {
  let fullPaint = true;
  let mustRender = true;
  let held = false;
  const frame = frameScheduler(() => {
    if (held) return;
    const before = changed();
    if (fullPaint) paint();
    fullPaint = false;
    // NaN never equals itself: without a change count every frame renders.
    if (mustRender || changed() !== before) render();
    mustRender = false;
  });
  const logFrames = frameScheduler(() => frame.request(), 10);
  return {
    request() {
      fullPaint = true;
      mustRender = true;
      frame.request();
    },
    requestData() {
      fullPaint = true;
      frame.request();
    },
    requestLog: () => {
      mustRender = true;
      logFrames.request();
    },
    settle() {
      if (!fullPaint || held) return;
      paint();
      fullPaint = false;
      // The terminal still gets the frame when the scheduler runs.
      mustRender = true;
      frame.request();
    },
    hold(h) {
      held = h;
    },
    stop() {
      frame.stop();
      logFrames.stop();
    },
  };
}
