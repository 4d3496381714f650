// The test's own handle on the private engine (not berth's code under test).
import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

let cliConfig: string | undefined;

/** The real docker CLI against the test engine, with an empty config of its own: an independent oracle. */
export async function dockerCli(args: string[]): Promise<string> {
  if (!cliConfig) {
    const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
    cliConfig = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const env = { ...process.env, DOCKER_HOST: testDockerHost(), DOCKER_CONFIG: cliConfig, DOCKER_CONTEXT: '' };
  const { stdout } = await promisify(execFile)('docker', args, { env, timeout: 20_000 });
  return stdout.trim();
}
