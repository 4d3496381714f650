// What every end-to-end test file needs: the engine's client, cleanups that run after the
// file, and berth launched against the test engine and closed after each test.
import type Docker from 'dockerode';
import { afterAll, afterEach } from 'vitest';
import { testDocker, testDockerHost } from './docker.js';
import { launch, type AppSession, type LaunchOptions } from './pty.js';

export interface E2eApp {
  readonly docker: Docker;
  /** Runs after the file's tests, last registered first; failures are ignored. */
  cleanup(fn: () => Promise<unknown>): void;
  /** berth against the test engine (DOCKER_HOST set; opts.env adds to it), closed after the test. */
  launch(opts?: LaunchOptions): AppSession;
}

export function e2eApp(): E2eApp {
  const cleanups: (() => Promise<unknown>)[] = [];
  let running: AppSession[] = [];
  afterEach(async () => {
    await Promise.all(running.map((a) => a.close()));
    running = [];
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });
  return {
    docker: testDocker(),
    cleanup: (fn) => void cleanups.push(fn),
    launch(opts = {}) {
      const app = launch({ ...opts, env: { DOCKER_HOST: testDockerHost(), ...(opts.env ?? {}) } });
      running.push(app);
      return app;
    },
  };
}
