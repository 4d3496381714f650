// The test's own handle on the private engine (not berth's code under test).
import Docker from 'dockerode';
import { expect, inject } from 'vitest';
import { DockerError } from '../../src/docker/errors.js';

export function testDocker(): Docker {
  return new Docker({ socketPath: inject('engineSocket') });
}

export function testDockerHost(): string {
  return inject('dockerHost');
}

/** A name no other test uses, so tests can share the engine. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Awaits a promise that must reject with a DockerError, and returns that error. */
export async function failure(p: Promise<unknown>): Promise<DockerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DockerError);
  return err as DockerError;
}
