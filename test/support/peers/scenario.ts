// One way of reaching a daemon, tried with berth's own connection code (resolveEndpoint and
// createClient), reported as plain data: where it went, or the error's kind and sentence.
import { closeClient, createClient, engineVersion } from '../../../src/docker/client.js';
import { listContainers } from '../../../src/docker/containers.js';
import { describeSource, resolveEndpoint } from '../../../src/docker/endpoint.js';
import { engineInfo } from '../../../src/docker/system.js';

export interface Scenario {
  readonly name: string;
  /** The whole environment berth sees: nothing of the test's own leaks in. */
  readonly env: Record<string, string>;
  readonly host?: string;
  readonly context?: string;
}

export interface ScenarioResult {
  readonly name: string;
  readonly ok: boolean;
  readonly url?: string;
  readonly source?: string;
  readonly tls?: { readonly verify: boolean };
  readonly apiVersion?: string;
  readonly dockerRootDir?: string;
  readonly containers?: readonly string[];
  readonly kind?: string;
  readonly message?: string;
}

export async function runScenario(s: Scenario): Promise<ScenarioResult> {
  let url: string | undefined;
  let docker: ReturnType<typeof createClient> | undefined;
  try {
    const ep = resolveEndpoint({ env: s.env, ...(s.host ? { host: s.host } : {}), ...(s.context ? { context: s.context } : {}) });
    url = ep.url;
    docker = createClient(ep, { env: s.env, timeoutMs: 20_000 });
    const v = await engineVersion(docker);
    const info = await engineInfo(docker);
    const containers = (await listContainers(docker)).map((c) => c.name);
    return {
      name: s.name,
      ok: true,
      url,
      source: describeSource(ep),
      ...(ep.tls ? { tls: { verify: ep.tls.verify } } : {}),
      apiVersion: v.apiVersion,
      dockerRootDir: info.dockerRootDir,
      containers,
    };
  } catch (err) {
    const e = err as { kind?: string; name?: string; message?: string };
    return { name: s.name, ok: false, ...(url ? { url } : {}), kind: e.kind ?? e.name ?? 'unknown', message: e.message ?? String(err) };
  } finally {
    if (docker) closeClient(docker);
  }
}
