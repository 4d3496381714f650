// Fixture images, built offline: FROM scratch plus the static busybox of the host.
import type Docker from 'dockerode';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURE_IMAGE = 'berth-fixture:latest';

/** Builds an image from a Dockerfile body with busybox in the context; resolves with the build log. */
export async function buildImage(docker: Docker, tag: string, dockerfile: string, files: Record<string, string> = {}): Promise<string> {
  const ctx = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
  try {
    copyFileSync('/bin/busybox', join(ctx, 'busybox'));
    writeFileSync(join(ctx, 'Dockerfile'), dockerfile);
    for (const [name, body] of Object.entries(files)) writeFileSync(join(ctx, name), body);
    const stream = await docker.buildImage({ context: ctx, src: ['Dockerfile', 'busybox', ...Object.keys(files)] }, { t: tag, rm: true, forcerm: true });
    const out = await new Promise<{ stream?: string; error?: string }[]>((resolve, reject) =>
      docker.modem.followProgress(stream, (err: Error | null, res: { stream?: string; error?: string }[]) => (err ? reject(err) : resolve(res))),
    );
    const failed = out.find((o) => o.error);
    if (failed) throw new Error(`building ${tag} failed: ${failed.error}`);
    return out.map((o) => o.stream ?? '').join('');
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** Builds through the API with BuildKit (`version=2`), which leaves build cache records; no session is needed for an uploaded context. */
export async function buildWithBuildKit(docker: Docker, tag: string, dockerfile: string, files: Record<string, string>): Promise<void> {
  const ctx = mkdtempSync(join(tmpdir(), 'berth-buildkit-'));
  try {
    writeFileSync(join(ctx, 'Dockerfile'), dockerfile);
    for (const [name, body] of Object.entries(files)) writeFileSync(join(ctx, name), body);
    const stream = await docker.buildImage({ context: ctx, src: ['Dockerfile', ...Object.keys(files)] }, { t: tag, version: '2' });
    const out = await new Promise<{ error?: string }[]>((resolve, reject) =>
      docker.modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) => (err ? reject(err) : resolve(res))),
    );
    const failed = out.find((o) => o.error);
    if (failed) throw new Error(`BuildKit build of ${tag} failed: ${failed.error}`);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

export const BUSYBOX_DOCKERFILE = [
  'FROM scratch',
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
  'ENV PATH=/bin',
  'CMD ["sh"]',
  '',
].join('\n');

export async function buildFixtureImage(docker: Docker): Promise<void> {
  await buildImage(docker, FIXTURE_IMAGE, BUSYBOX_DOCKERFILE);
}

/** Creates and starts a container of the fixture image, network none, with a long-running command. */
export async function runFixture(
  docker: Docker,
  name: string,
  cmd: string[] = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
  extra: Partial<Docker.ContainerCreateOptions> = {},
): Promise<Docker.Container> {
  const c = await docker.createContainer({
    name,
    Image: FIXTURE_IMAGE,
    Cmd: cmd,
    ...extra,
    HostConfig: { NetworkMode: 'none', ...(extra.HostConfig ?? {}) },
  });
  await c.start();
  return c;
}
