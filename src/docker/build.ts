// docker build from a directory (classic builder): the context is streamed as a tar,
// output text is streamed back as it comes, a failing step rejects with that step's
// message (the engine answers 200 and reports the failure inside the stream), and
// aborting the signal closes the request, which makes the engine cancel the build.
import { isAbsolute, posix } from 'node:path';
import type { DockerClient } from './client.js';
import { prepareContext } from './build-context.js';
import { buildStepIn, failedBuildSentence, type BuildStep } from './build-step.js';
import { DockerError, toDockerError } from './errors.js';
import { cancelledError, readProgress, streamingHttpError, type ProgressEvent } from './progress.js';
import { formatReference, parseReference, withDefaultTag } from './reference.js';

export interface BuildOptions {
  contextDir: string;
  /** Path of the Dockerfile relative to the context (default "Dockerfile"). */
  dockerfile?: string;
  tags: string[];
  buildArgs?: Record<string, string>;
  onOutput?(text: string): void;
  onProgress?(e: ProgressEvent): void;
  signal?: AbortSignal;
}

export interface BuildResult {
  /** "sha256:..." */
  readonly id: string;
  /** The tags given, as docker prints them ("app:latest"). */
  readonly tags: string[];
}

const BUILT_LINE = /Successfully built ([0-9a-f]{12,64})/;
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkDockerfilePath(dockerfile: string): string {
  const cleaned = posix.normalize(dockerfile.replace(/^\.\/+/, ''));
  if (!dockerfile.trim() || isAbsolute(dockerfile) || cleaned === '..' || cleaned.startsWith('../') || cleaned === '.') {
    throw new DockerError('badRequest', `The Dockerfile must be a file path inside the build context, relative to it (got ${JSON.stringify(dockerfile)}).`);
  }
  return cleaned;
}

/** Checks every input before any file is read or any call is made. */
function validate(opts: BuildOptions): { tags: string[]; dockerfile: string; buildArgs: Record<string, string> } {
  if (!opts.contextDir) throw new DockerError('badRequest', 'Choose a directory to build from.');
  const tags = opts.tags.map((t) => {
    const ref = parseReference(t);
    if (ref.digest !== undefined) throw new DockerError('badRequest', `Cannot tag a build with a digest (${JSON.stringify(t)}): use name:tag.`);
    return formatReference(withDefaultTag(ref));
  });
  const buildArgs: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.buildArgs ?? {})) {
    if (!BUILD_ARG_NAME.test(k)) throw new DockerError('badRequest', `${JSON.stringify(k)} is not a valid build argument name (letters, digits and "_", not starting with a digit).`);
    buildArgs[k] = String(v);
  }
  return { tags, dockerfile: checkDockerfilePath(opts.dockerfile ?? 'Dockerfile'), buildArgs };
}

export async function buildImage(docker: DockerClient, opts: BuildOptions): Promise<BuildResult> {
  const { tags, dockerfile, buildArgs } = validate(opts);
  const ctx = await prepareContext(opts.contextDir, dockerfile);
  if (!ctx.entries.some((e) => e.name === dockerfile && e.type !== 'directory')) {
    throw new DockerError('notFound', `There is no ${dockerfile} in ${opts.contextDir}.`);
  }
  if (opts.signal?.aborted) throw cancelledError('The build');
  const what = tags.length ? `Build of ${tags[0]}` : 'The build';
  let id: string | undefined;
  let shortId: string | undefined;
  let step: BuildStep | undefined;
  const { stream: tar, done: tarDone } = ctx.open();
  tarDone.catch(() => undefined);
  try {
    const stream = (await docker.buildImage(tar as unknown as NodeJS.ReadableStream, {
      t: tags,
      dockerfile,
      buildargs: buildArgs,
      rm: true,
      forcerm: true,
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    } as never)) as unknown as NodeJS.ReadableStream;
    await readProgress(
      stream,
      (e) => {
        if (e.stream !== undefined) {
          step = buildStepIn(e.stream) ?? step;
          const b = BUILT_LINE.exec(e.stream);
          if (b) shortId = b[1];
          opts.onOutput?.(e.stream);
        }
        if (typeof e.aux?.ID === 'string') id = e.aux.ID;
        opts.onProgress?.(e);
      },
      { action: what, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
  } catch (err) {
    tar.destroy();
    if (opts.signal?.aborted) throw cancelledError(what, err);
    const e = streamingHttpError(err);
    const engine = e.engineMessage ?? e.message;
    throw new DockerError(e.kind, failedBuildSentence(what, step, engine), {
      ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
      engineMessage: engine,
      cause: err,
    });
  }
  // A tar read error after the engine finished reading is still a broken context.
  await tarDone.catch((err: unknown) => {
    throw toDockerError(err);
  });
  if (!id && shortId) id = (await docker.getImage(shortId).inspect().catch(() => undefined))?.Id;
  if (!id) throw new DockerError('server', `${what} finished without reporting the image it built.`);
  return { id, tags };
}
