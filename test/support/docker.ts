// The test's own handle on the private engine (not berth's code under test).
import Docker from 'dockerode';
import { inject } from 'vitest';

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
