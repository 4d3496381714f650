// docker pull: validate the reference, send the registry's credentials, follow the
// progress stream, and answer with the pulled image's id and digest.
import type { DockerClient } from './client.js';
import { DockerError, toDockerError } from './errors.js';
import { cancelledError, readProgress, streamingHttpError, type ProgressEvent } from './progress.js';
import { formatReference, parseReference, withDefaultTag, type ImageReference } from './reference.js';
import { authHeaderFor } from './registry-auth.js';

export interface TransferOptions {
  onProgress?(e: ProgressEvent): void;
  signal?: AbortSignal;
  /** Where config.json is (default: DOCKER_CONFIG, then ~/.docker). */
  configDir?: string;
}

export interface PullResult {
  /** The reference pulled, as docker prints it ("127.0.0.1:5000/app:1"). */
  readonly ref: string;
  readonly id: string;
  readonly digest?: string;
}

const DIGEST_LINE = /^digest:\s*(sha256:[0-9a-f]{64})/i;

/** Adds the hint a user needs to the sentences of the common failures. */
export function explainTransferError(err: DockerError, verb: 'pull' | 'push', ref: ImageReference, shown: string): DockerError {
  const engine = err.engineMessage ?? err.message;
  const base = `Cannot ${verb} ${shown}`;
  const opts = { ...(err.statusCode !== undefined ? { statusCode: err.statusCode } : {}), engineMessage: engine, cause: err };
  // Docker trusts a plain-HTTP registry on 127.0.0.0/8 by itself; Podman (and Docker for any
  // other address) asks for HTTPS unless told the registry is insecure.
  if (/first record does not look like a TLS handshake|server gave HTTP response to HTTPS client/i.test(engine)) {
    return new DockerError(
      'unreachable',
      `${base}: the registry ${ref.registry} speaks plain HTTP and the engine asked it for HTTPS. Allow it as an insecure registry (Docker: "insecure-registries" in daemon.json; Podman: a [[registry]] with location = "${ref.registry}" and insecure = true in registries.conf).`,
      opts,
    );
  }
  switch (err.kind) {
    case 'unauthorized':
      return new DockerError('unauthorized', `${base}: unauthorized (${engine}). Check the credentials for ${ref.registry} in the Docker config file (docker login ${ref.registry}).`, opts);
    case 'notFound':
      return new DockerError('notFound', `${base}: not found in ${ref.registry} (${engine}).`, opts);
    case 'unreachable':
      return /daemon/i.test(err.message) ? err : new DockerError('unreachable', `${base}: the registry ${ref.registry} cannot be reached (${engine}).`, opts);
    default:
      return err;
  }
}

export async function pullImage(docker: DockerClient, refText: string, opts: TransferOptions = {}): Promise<PullResult> {
  // Refused before any call: a bad reference never reaches the engine.
  const ref = withDefaultTag(parseReference(refText));
  const shown = formatReference(ref);
  const header = await authHeaderFor(ref, opts.configDir);
  let digest: string | undefined;
  try {
    const stream = (await docker.createImage({ base64: header } as never, {
      fromImage: ref.repository,
      // The API takes a tag or a digest in `tag`; by digest wins when both were typed.
      tag: ref.digest ?? ref.tag,
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    })) as NodeJS.ReadableStream;
    await readProgress(
      stream,
      (e) => {
        const m = DIGEST_LINE.exec(e.status);
        if (m) digest = m[1];
        opts.onProgress?.(e);
      },
      { action: `Pull of ${shown}`, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
  } catch (err) {
    if (opts.signal?.aborted) throw cancelledError(`Pull of ${shown}`, err);
    throw explainTransferError(streamingHttpError(err), 'pull', ref, shown);
  }
  const lookup = ref.digest ? `${ref.repository}@${ref.digest}` : shown;
  const info = await docker
    .getImage(lookup)
    .inspect()
    .catch((err: unknown) => {
      throw toDockerError(err, `image ${lookup}`);
    });
  return { ref: shown, id: info.Id, ...(digest ?? ref.digest ? { digest: digest ?? ref.digest } : {}) };
}
