// buildImage against the private engine: a fixture context built, run and inspected.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildImage } from '../../src/docker/build.js';
import { createClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { failure, testDocker, testDockerHost, uniqueName } from '../support/docker.js';
import { FIXTURE_IMAGE } from '../support/fixtures.js';

const docker = createClient(parseHostUrl(testDockerHost(), 'DOCKER_HOST'));
const raw = testDocker();
const dirs: string[] = [];
const images: string[] = [];
const containers: string[] = [];

afterAll(async () => {
  await Promise.all(containers.map((c) => raw.getContainer(c).remove({ force: true }).catch(() => undefined)));
  await Promise.all(images.map((i) => raw.getImage(i).remove({ force: true }).catch(() => undefined)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A context directory from a map of relative paths to contents. */
function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

/** Runs a command in a container of the image (network none) and returns its stdout. */
async function runIn(image: string, cmd: string[]): Promise<string> {
  const name = uniqueName('build-run');
  containers.push(name);
  const c = await raw.createContainer({ name, Image: image, Cmd: cmd, Tty: true, HostConfig: { NetworkMode: 'none' } });
  await c.start();
  await c.wait();
  const out = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  return out.toString('utf8').replace(/\r\n/g, '\n');
}


describe('building images', () => {
  it('builds a context with a RUN and a COPY, leaves out what .dockerignore excludes, and the image runs', async () => {
    const dir = context({
      Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo built-by-run > /run.txt\nCOPY app.txt /app/app.txt\nCOPY . /ctx/\nCMD ["cat", "/app/app.txt"]\n`,
      'app.txt': 'hello from the context\n',
      'secret.txt': 'must not be sent\n',
      'logs/debug.log': 'noise\n',
      'logs/keep.log': 'kept by an exception\n',
      '.dockerignore': 'secret.txt\nlogs/*.log\n!logs/keep.log\n',
    });
    const tag = `${uniqueName('berth-build')}:1`;
    images.push(tag);
    const output: string[] = [];
    const built = await buildImage(docker, { contextDir: dir, tags: [tag], onOutput: (t) => output.push(t) });
    expect(built.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(built.tags).toEqual([tag]);
    expect((await raw.getImage(tag).inspect()).Id).toBe(built.id);
    expect(output.join('')).toMatch(/Step 2\/5 : RUN echo built-by-run/);

    expect(await runIn(tag, [])).toBe('hello from the context\n');
    expect(await runIn(tag, ['cat', '/run.txt'])).toBe('built-by-run\n');
    const listing = await runIn(tag, ['sh', '-c', 'cd /ctx && find . -type f | sort']);
    expect(listing.trim().split('\n')).toEqual(['./.dockerignore', './Dockerfile', './app.txt', './logs/keep.log']);
  });

  it('uses a chosen Dockerfile and build args, and applies several tags', async () => {
    const dir = context({
      'docker/Build.dockerfile': `FROM ${FIXTURE_IMAGE}\nARG GREETING=default\nARG WHO\nRUN echo "$GREETING, $WHO" > /greeting\n`,
      Dockerfile: 'this file is not the one used\n',
    });
    const base = uniqueName('berth-args');
    const tags = [`${base}:a`, `${base}:b`];
    images.push(...tags);
    const built = await buildImage(docker, { contextDir: dir, dockerfile: 'docker/Build.dockerfile', tags, buildArgs: { GREETING: 'hi there', WHO: 'berth' } });
    expect((await raw.getImage(tags[1]!).inspect()).Id).toBe(built.id);
    expect(await runIn(tags[0]!, ['cat', '/greeting'])).toBe('hi there, berth\n');
  });

  it('rejects a failing step with that step and its message', async () => {
    const dir = context({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo fine\nRUN echo about to fail && exit 3\nRUN echo never\n` });
    const tag = `${uniqueName('berth-fail')}:1`;
    const output: string[] = [];
    const err = await failure(buildImage(docker, { contextDir: dir, tags: [tag], onOutput: (t) => output.push(t) }));
    expect(err.message).toBe(`Build of ${tag} failed at step 3/4 (RUN echo about to fail && exit 3): The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3.`);
    // The step's own output still reached the caller before the failure.
    expect(output.join('')).toContain('about to fail\n');
    await expect(raw.getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('reports a COPY of a missing file as notFound, and a bad instruction as badRequest', async () => {
    const copy = await failure(buildImage(docker, { contextDir: context({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nCOPY missing.txt /x\n` }), tags: [] }));
    expect(copy.kind).toBe('notFound');
    expect(copy.message).toMatch(/^The build failed at step 2\/2 \(COPY missing\.txt \/x\): COPY failed: file not found in build context/);
    const syntax = await failure(buildImage(docker, { contextDir: context({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nNOSUCH thing\n` }), tags: [] }));
    expect(syntax.kind).toBe('badRequest');
    expect(syntax.message).toMatch(/unknown instruction: NOSUCH/);
  });

  it('stops the build when the signal aborts', async () => {
    const marker = uniqueName('cancel-marker');
    const dir = context({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo ${marker} && sleep 30\n` });
    const tag = `${uniqueName('berth-cancel')}:1`;
    const ac = new AbortController();
    const started = Date.now();
    const err = await failure(
      buildImage(docker, {
        contextDir: dir,
        tags: [tag],
        signal: ac.signal,
        // Abort once the RUN step's container has printed (not on the "Step" line that
        // names the marker too): the step is really running.
        onOutput: (t) => {
          if (t.split('\n').includes(marker)) ac.abort();
        },
      }),
    );
    expect(err.message).toBe(`Build of ${tag} was cancelled.`);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The engine kills and removes the step's container once the client has gone.
    const until = Date.now() + 10_000;
    let left: unknown[] = [];
    do {
      const all = await raw.listContainers({ all: true });
      left = all.filter((c) => c.Command.includes(marker));
      if (!left.length) break;
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < until);
    expect(left).toEqual([]);
    await expect(raw.getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses bad input before any call', async () => {
    const nowhere = createClient(parseHostUrl('unix:///nonexistent/docker.sock', 'flag'));
    const dir = context({ Dockerfile: 'FROM scratch\n' });
    expect((await failure(buildImage(nowhere, { contextDir: dir, tags: ['Bad:tag'] }))).kind).toBe('badRequest');
    expect((await failure(buildImage(nowhere, { contextDir: dir, tags: ['ok'], dockerfile: '../Dockerfile' }))).message).toMatch(/inside the build context/);
    expect((await failure(buildImage(nowhere, { contextDir: dir, tags: ['ok'], buildArgs: { 'NOT VALID': 'x' } }))).message).toMatch(/not a valid build argument/);
    const missing = await failure(buildImage(nowhere, { contextDir: dir, tags: ['ok'], dockerfile: 'Other.dockerfile' }));
    expect(missing.kind).toBe('notFound');
    expect(missing.message).toBe(`There is no Other.dockerfile in ${dir}.`);
    expect((await failure(buildImage(nowhere, { contextDir: join(dir, 'nope'), tags: ['ok'] }))).kind).toBe('notFound');
  });
});
