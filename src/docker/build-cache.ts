// The build cache: its records (from the engine's disk usage) and the engine's build prune.
// Records cannot be removed one by one through the API (the prune's id filter matches by
// pattern and takes one value), so a prune is the engine's, and the report compares what it
// removed with what the preview listed.
import type { DockerClient } from './client.js';
import { toDiskUsageDetail, type BuildCacheRow, type RawDfDetail } from './disk-usage.js';
import { callDaemon } from './errors.js';

export type { BuildCacheRow } from './disk-usage.js';

/** Every build cache record the engine holds. Reads the disk usage: slow on a big engine. */
export async function buildCacheRecords(docker: DockerClient): Promise<BuildCacheRow[]> {
  const d = (await callDaemon(docker, 'Build cache', () => docker.df())) as RawDfDetail;
  return [...toDiskUsageDetail(d).buildCache];
}

/**
 * What the engine's build prune takes: records not in use; without `all` (like `docker builder
 * prune`) also not shared with other records and not BuildKit's own internal or frontend records.
 */
export function prunableRecords(records: readonly BuildCacheRow[], all: boolean): BuildCacheRow[] {
  return records.filter((r) => !r.inUse && (all || (!r.shared && r.type !== 'internal' && r.type !== 'frontend')));
}

export interface BuildPruneResult {
  /** Ids of the records the engine removed. */
  readonly deleted: readonly string[];
  /** Bytes, as the engine counted them. */
  readonly spaceReclaimed: number;
}

/** POST /build/prune (`all` like `docker builder prune -a`). dockerode's own call drops its options. */
export function pruneBuildCache(docker: DockerClient, opts: { all: boolean }): Promise<BuildPruneResult> {
  return callDaemon(docker, 'Pruning the build cache', async () => {
    const raw = await new Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/build/prune?',
          method: 'POST',
          statusCodes: { 200: true, 500: 'server error' },
          // _query goes to the query string only (a POST would also send plain options as its body).
          options: opts.all ? { _query: { all: 'true' }, _body: {} } : {},
        },
        (err, data) => (err ? reject(err) : resolve((data ?? {}) as { CachesDeleted?: string[] | null; SpaceReclaimed?: number })),
      ),
    );
    return { deleted: raw.CachesDeleted ?? [], spaceReclaimed: raw.SpaceReclaimed ?? 0 };
  });
}
