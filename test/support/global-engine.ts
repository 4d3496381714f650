// vitest global setup for the engine and end-to-end projects: one private engine per
// project run, torn down afterwards (and reaped by the next run if this one was killed).
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from 'vitest';
import { EngineUnavailable, killProcessesMentioning, unmountUnder, startEngine, stopEngine, type EngineHandle } from './engine.js';
import { buildFixtureImage } from './fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerHost: string;
    engineSocket: string;
    engineNetns: string;
    engineDir: string;
  }
}

/** Last-resort cleanup when the process exits without running teardown (Ctrl-C). */
function emergencyCleanup(h: EngineHandle): void {
  try {
    const pidFile = join(h.dir, 'dockerd.pid');
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  } catch {
    /* gone */
  }
  killProcessesMentioning(h.dir);
  unmountUnder(h.dir);
  for (const [cmd, args] of [
    ['ip', ['netns', 'del', h.id]],
  ] as const) {
    try {
      execFileSync(cmd, [...args], { stdio: 'ignore' });
    } catch {
      /* best effort */
    }
  }
  rmSync(h.dir, { recursive: true, force: true });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.BERTH_TEST_DOCKER_HOST;
  if (external) {
    const docker = new Docker({ socketPath: external.replace(/^unix:\/\//, '') });
    await buildFixtureImage(docker);
    project.provide('dockerHost', external);
    project.provide('engineSocket', external.replace(/^unix:\/\//, ''));
    project.provide('engineNetns', '');
    project.provide('engineDir', '');
    return async () => {};
  }
  let engine: EngineHandle;
  try {
    engine = await startEngine(project.name || 'test');
  } catch (err) {
    const why = err instanceof EngineUnavailable ? err.message : String(err);
    throw new Error(
      `Cannot start the private Docker engine for the ${project.name} tests: ${why}\n` +
        'Install what is missing (as root: apt-get install -y docker.io busybox-static), or point BERTH_TEST_DOCKER_HOST at a throwaway engine. ' +
        'Unit tests alone run with "npm run test:unit".',
    );
  }
  const onExit = () => emergencyCleanup(engine);
  process.once('exit', onExit);
  const onSignal = (sig: NodeJS.Signals) => {
    emergencyCleanup(engine);
    process.kill(process.pid, sig);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await buildFixtureImage(new Docker({ socketPath: engine.socket }));
  } catch (err) {
    await stopEngine(engine);
    throw err;
  }
  project.provide('dockerHost', engine.dockerHost);
  project.provide('engineSocket', engine.socket);
  project.provide('engineNetns', engine.netns);
  project.provide('engineDir', engine.dir);
  return async () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await stopEngine(engine);
  };
}
