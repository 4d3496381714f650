// docker push: credentials from config.json for the reference's registry (an empty `{}`
// header when there are none: the engine refuses a push without the header), progress per
// layer, and the registry's answer (the manifest digest and size) for "pushed x, digest y".
import type { DockerClient } from './client.js';
import { DockerError } from './errors.js';
import { cancelledError, readProgress, streamingHttpError } from './progress.js';
import { explainTransferError, type TransferOptions } from './pull.js';
import { formatReference, parseReference, withDefaultTag } from './reference.js';
import { authHeaderFor } from './registry-auth.js';

export interface PushResult {
  readonly ref: string;
  /** The manifest digest the registry stored ("sha256:..."). */
  readonly digest?: string;
  /** The manifest size in bytes, as the registry reported it. */
  readonly size?: number;
}

// The last status line of a push: "<tag>: digest: sha256:... size: 736".
const RESULT_LINE = /digest:\s*(sha256:[0-9a-f]{64})(?:\s+size:\s*(\d+))?/i;

export async function pushImage(docker: DockerClient, refText: string, opts: TransferOptions = {}): Promise<PushResult> {
  const parsed = parseReference(refText);
  if (parsed.digest !== undefined) {
    throw new DockerError('badRequest', `Cannot push ${formatReference(parsed)}: push a tag, not a digest (the registry computes the digest).`);
  }
  const ref = withDefaultTag(parsed);
  const shown = formatReference(ref);
  const header = await authHeaderFor(ref, opts.configDir);
  let digest: string | undefined;
  let size: number | undefined;
  try {
    // The tag goes in the query: with none the engine would push every tag of the repository.
    const stream = (await docker.getImage(ref.repository).push({
      tag: ref.tag,
      authconfig: { base64: header },
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    } as never)) as unknown as NodeJS.ReadableStream;
    await readProgress(
      stream,
      (e) => {
        const aux = e.aux;
        if (aux && typeof aux.Digest === 'string') {
          digest = aux.Digest;
          if (typeof aux.Size === 'number') size = aux.Size;
        } else if (!e.id) {
          const m = RESULT_LINE.exec(e.status);
          if (m) {
            digest = m[1];
            if (m[2]) size = Number(m[2]);
          }
        }
        opts.onProgress?.(e);
      },
      { action: `Push of ${shown}`, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
  } catch (err) {
    if (opts.signal?.aborted) throw cancelledError(`Push of ${shown}`, err);
    const e = streamingHttpError(err);
    // A missing local image is reported inside the stream on this engine, as a 404 on others.
    if (/does not exist locally|no such image/i.test(e.engineMessage ?? e.message)) {
      throw new DockerError('notFound', `Cannot push ${shown}: there is no local image with that tag.`, { engineMessage: e.engineMessage ?? e.message, cause: err });
    }
    throw explainTransferError(e, 'push', ref, shown);
  }
  return { ref: shown, ...(digest ? { digest } : {}), ...(size !== undefined ? { size } : {}) };
}
