// Batches renders: however fast data arrives, at most one screen.render() per frame.

export interface FrameScheduler {
  /** Asks for a render; several requests within a frame give one render. */
  request(): void;
  stop(): void;
}

export function frameScheduler(render: () => void, fps = 30): FrameScheduler {
  const frameMs = Math.round(1000 / fps);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  let stopped = false;
  return {
    request() {
      if (timer || stopped) return;
      const wait = Math.max(0, last + frameMs - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        render();
      }, wait);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
