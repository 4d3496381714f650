// An in-memory engine behind the EnginePort, for fast in-process screen tests. It holds
// containers, images, volumes and networks as plain lists, records every call, and
// answers what the real engine would for the flows the screens drive. Anything a test
// did not expect rejects loudly (never a silent success).
import type Docker from 'dockerode';
import { toContainerDetails, type RawInspect } from '../../src/docker/container-inspect.js';
import type { ContainerState, ContainerSummary } from '../../src/docker/containers.js';
import { DockerError } from '../../src/docker/errors.js';
import type { DockerEvent, EventHandlers, WatchOptions } from '../../src/docker/events.js';
import type { StatsSample } from '../../src/docker/stats.js';
import type { ImageSummary } from '../../src/docker/images.js';
import type { NetworkSummary } from '../../src/docker/networks.js';
import type { EnginePort } from '../../src/docker/port.js';
import type { VolumeSummary } from '../../src/docker/volumes.js';
import { prunableRecords, type BuildCacheRow } from '../../src/docker/build-cache.js';
import type { UnusedImage } from '../../src/docker/prune.js';
import { toDiskUsageDetail } from '../../src/docker/disk-usage.js';
import { FakeSwarm } from './fake-swarm.js';

export interface Call {
  readonly name: string;
  readonly args: readonly unknown[];
}

let serial = 0;
const hex = (n: number) => n.toString(16).padStart(12, '0');

export function fakeContainer(p: Partial<ContainerSummary> & { name: string }): ContainerSummary {
  const id = p.id ?? `c${hex(++serial)}`.padEnd(64, '0');
  return { image: 'app:1', imageId: 'sha256:' + 'a'.repeat(64), command: 'sleep 1d', created: 1_700_000_000, state: 'running', status: 'Up 2 minutes', labels: {}, ports: [], mounts: [], networks: [], ...p, id };
}

export function fakeImage(p: Partial<ImageSummary> & { repository: string }): ImageSummary {
  const id = p.id ?? 'sha256:' + `${hex(++serial)}`.padEnd(64, 'b');
  const tag = p.tag ?? 'latest';
  return { shortId: id.slice(7, 19), repoTags: [`${p.repository}:${tag}`], repoDigests: [], tag, created: 1_700_000_000, size: 1_000_000, containers: 0, dangling: false, labels: {}, ...p, id };
}

export function fakeVolume(p: Partial<VolumeSummary> & { name: string }): VolumeSummary {
  return { driver: 'local', mountpoint: `/var/lib/docker/volumes/${p.name}/_data`, scope: 'local', labels: {}, options: {}, createdAt: '2026-11-29T10:00:00Z', ...p };
}

export function fakeNetwork(p: Partial<NetworkSummary> & { name: string }): NetworkSummary {
  return { id: `n${hex(++serial)}`.padEnd(64, 'c'), driver: 'bridge', scope: 'local', internal: false, attachable: false, ipv6: false, subnets: [], gateways: [], labels: {}, ...p };
}

interface StatsSub {
  readonly id: string;
  readonly onSample: (s: StatsSample) => void;
  readonly onEnd: (err?: DockerError) => void;
}

interface EventSub {
  readonly handlers: EventHandlers;
  readonly opts: WatchOptions;
}

const notFound = (what: string) => new DockerError('notFound', `${what} was not found (it may have been removed).`, { statusCode: 404 });

export class FakeEngine {
  containers: ContainerSummary[] = [];
  images: ImageSummary[] = [];
  volumes: VolumeSummary[] = [];
  networks: NetworkSummary[] = [];
  /** The build cache's records, for the build cache prune. */
  buildCache: BuildCacheRow[] = [];
  /** Writable layer sizes by container name (1000 bytes when not given). */
  sizes = new Map<string, number>();
  /** What each container's log says: [stream, line] pairs, sent when its logs are followed. */
  logs = new Map<string, [('stdout' | 'stderr'), string][]>();
  readonly calls: Call[] = [];
  readonly port: EnginePort;
  /** Recorded inspect answers by container id; a container without one gets a plain answer made from its summary. */
  readonly inspectRaw = new Map<string, RawInspect>();
  /** What topContainer answers for a running container. */
  top: { titles: string[]; processes: string[][] } = { titles: ['UID', 'PID', 'CMD'], processes: [['root', '1', 'sleep 1d']] };
  /** While true, every call fails as if the daemon had gone away. */
  down = false;
  readonly statsSubs = new Set<StatsSub>();
  readonly eventSubs = new Set<EventSub>();
  /** Services, tasks and nodes, and whether this engine is a swarm manager (it is not, unless a test says so). */
  readonly swarm = new FakeSwarm((ev) => this.emitEvent(ev));

  constructor(init: { containers?: ContainerSummary[]; images?: ImageSummary[]; volumes?: VolumeSummary[]; networks?: NetworkSummary[] } = {}) {
    this.containers = init.containers ?? [];
    this.images = init.images ?? [];
    this.volumes = init.volumes ?? [];
    this.networks = init.networks ?? [];
    const impl = { ...this.swarm.impl(), ...this.impl() };
    this.port = new Proxy({} as EnginePort, {
      get: (_t, name: string) => {
        const fn = (impl as Record<string, (...a: unknown[]) => unknown>)[name];
        return (...args: unknown[]) => {
          this.calls.push({ name, args });
          if (this.down) return Promise.reject(new DockerError('unreachable', 'Cannot reach the Docker daemon: the connection was refused (is the Docker daemon running?).'));
          if (!fn) return Promise.reject(new Error(`the fake engine has no ${name}`));
          return fn(...args);
        };
      },
    });
  }

  /** Sends a stats sample to every open stream of that container. */
  emitStats(id: string, sample: StatsSample): void {
    for (const s of this.statsSubs) if (s.id === id) s.onSample(sample);
  }

  /** Sends an event to every open events stream (the engine's filters are not applied). */
  emitEvent(ev: DockerEvent): void {
    for (const s of [...this.eventSubs]) s.handlers.onEvent(ev);
  }

  /** Ends every open events stream, as the daemon going away would. */
  endEvents(err: DockerError): void {
    const subs = [...this.eventSubs];
    this.eventSubs.clear();
    for (const s of subs) s.handlers.onEnd(err);
  }

  /** The engine's inspect answer for a container, as recorded or made from its summary. */
  rawInspect(c: ContainerSummary): RawInspect {
    const running = c.state === 'running';
    const base = (this.inspectRaw.get(c.id) ?? {
      Created: new Date(c.created * 1000).toISOString(),
      Path: 'sleep',
      Args: ['1d'],
      Image: c.imageId,
      RestartCount: 0,
      HostConfig: { NetworkMode: c.networkMode ?? 'default', RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, Memory: 0 },
      Mounts: [],
      Config: { Image: c.image, Env: [], Cmd: c.command.split(' '), Entrypoint: null, Labels: c.labels, Tty: false, Hostname: c.id.slice(0, 12) },
      NetworkSettings: { Networks: {}, Ports: {} },
      State: { StartedAt: new Date(c.created * 1000).toISOString(), FinishedAt: '0001-01-01T00:00:00Z', ExitCode: 0, OOMKilled: false, Error: '' },
    }) as Record<string, unknown> & { State: Record<string, unknown> };
    return { ...base, Id: c.id, Name: `/${c.name}`, State: { ...base.State, Status: c.state, Running: running, Pid: running ? 4242 : 0 } };
  }

  /** The names of the calls made, in order (reads left out when asked). */
  callNames(opts: { withReads?: boolean } = {}): string[] {
    return this.calls.map((c) => c.name).filter((n) => opts.withReads || !/^(list|inspect|follow|watch|engine|stats|volumeSizes|volumeUsers)/.test(n));
  }

  private setState(id: string, state: ContainerState): void {
    const c = this.find(id);
    this.containers = this.containers.map((x) => (x === c ? { ...x, state, status: state === 'running' ? 'Up 1 second' : 'Exited (0) 1 second ago' } : x));
  }

  private find(id: string): ContainerSummary {
    const c = this.containers.find((x) => x.id === id || x.name === id);
    if (!c) throw notFound(`Container ${id}`);
    return c;
  }

  private usersOf(volume: string): ContainerSummary[] {
    return this.containers.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name === volume));
  }

  private removeVolume(name: string): void {
    const users = this.usersOf(name);
    if (users.length) throw new DockerError('conflict', `Volume ${name} is in use by ${users.map((c) => c.name).join(', ')}: remove that container first.`, { statusCode: 409 });
    if (!this.volumes.some((v) => v.name === name)) throw notFound(`Volume ${name}`);
    this.volumes = this.volumes.filter((v) => v.name !== name);
  }

  private async removeEach(names: readonly string[], remove: (name: string) => void) {
    const out = { removed: [] as string[], failed: [] as { name: string; reason: string }[] };
    for (const n of names) {
      try {
        remove(n);
        out.removed.push(n);
      } catch (err) {
        out.failed.push({ name: n, reason: (err as Error).message });
      }
    }
    return out;
  }

  private impl(): Partial<Record<keyof EnginePort, (...a: never[]) => unknown>> {
    const stream = () => ({ stop: () => undefined });
    return {
      listContainers: async () => [...this.containers],
      listImages: async () => [...this.images],
      engineVersion: async () => ({ engine: this.swarm.engine, version: '99.0-fake', label: this.swarm.engine === 'docker' ? '99.0-fake' : `${this.swarm.engine} 99.0-fake`, apiVersion: '1.41', os: 'linux', arch: 'amd64' }),
      followLogs: (id: string, _opts: unknown, h: { onChunk(c: { stream: 'stdout' | 'stderr'; data: Buffer }): void }) => {
        const lines = this.logs.get(id) ?? [];
        let stopped = false;
        // The engine sends what it has once the stream opens, each line with its timestamp.
        setTimeout(() => {
          lines.forEach(([stream, text], i) => {
            if (!stopped) h.onChunk({ stream, data: Buffer.from(`2026-11-29T10:00:${String(i % 60).padStart(2, '0')}.000000000Z ${text}\n`) });
          });
        }, 1);
        return { stop: () => void (stopped = true) };
      },
      watchStats: (id: string, onSample: StatsSub['onSample'], onEnd: StatsSub['onEnd']) => {
        const sub = { id, onSample, onEnd };
        this.statsSubs.add(sub);
        return { stop: () => this.statsSubs.delete(sub) };
      },
      watchEvents: (handlers: EventHandlers, opts: WatchOptions = {}) => {
        const sub = { handlers, opts };
        this.eventSubs.add(sub);
        return { stop: () => this.eventSubs.delete(sub) };
      },
      inspectContainerRaw: async (id: string) => {
        const raw = this.rawInspect(this.find(id));
        return { details: toContainerDetails(raw as unknown as Docker.ContainerInspectInfo), raw };
      },
      inspectContainer: async (id: string) => toContainerDetails(this.rawInspect(this.find(id)) as unknown as Docker.ContainerInspectInfo),
      topContainer: async (id: string) => {
        const c = this.find(id);
        if (c.state !== 'running') throw new DockerError('conflict', `Container ${c.name} is not running.`, { statusCode: 409 });
        return this.top;
      },
      killContainer: async (id: string) => void this.find(id),
      renameContainer: async (id: string, name: string) => {
        const c = this.find(id);
        if (this.containers.some((x) => x !== c && x.name === name)) throw new DockerError('conflict', `The container name "/${name}" is already in use.`, { statusCode: 409 });
        this.containers = this.containers.map((x) => (x === c ? { ...x, name } : x));
      },
      stopContainer: async (id: string) => this.setState(id, 'exited'),
      startContainer: async (id: string) => this.setState(id, 'running'),
      restartContainer: async (id: string) => this.setState(id, 'running'),
      pauseContainer: async (id: string) => this.setState(id, 'paused'),
      unpauseContainer: async (id: string) => this.setState(id, 'running'),
      removeContainer: async (id: string, opts: { force?: boolean } = {}) => {
        const c = this.find(id);
        if (c.state === 'running' && !opts.force) throw new DockerError('conflict', `You cannot remove a running container ${c.id}.`, { statusCode: 409 });
        this.containers = this.containers.filter((x) => x !== c);
      },
      stoppedContainers: async () => {
        const stopped = this.containers.filter((c) => ['exited', 'created', 'dead'].includes(c.state)).map((c) => ({ ...c, sizeRw: this.sizes.get(c.name) ?? 1000 }));
        const keep = (c: ContainerSummary) => c.labels['berth.keep'] === 'true';
        return { stopped: stopped.filter((c) => !keep(c)), kept: stopped.filter(keep) };
      },
      removeStoppedContainers: async (ids: string[]) =>
        this.removeEach(ids, (id) => {
          const c = this.find(id);
          if (c.state === 'running') throw new DockerError('conflict', 'started since the preview: not removed', { statusCode: 409 });
          this.containers = this.containers.filter((x) => x !== c);
        }),
      unusedImages: async () => {
        const used = new Set(this.containers.map((c) => c.imageId));
        const unused: UnusedImage[] = this.images
          .filter((i) => !used.has(i.id) && i.containers === 0)
          .map((i) => ({ id: i.id, tags: i.repoTags, name: i.repoTags[0] ?? i.shortId, size: i.size, unique: i.size / 2, created: i.created, dangling: i.dangling }));
        const keep = (u: UnusedImage) => this.images.find((i) => i.id === u.id)?.labels['berth.keep'] === 'true';
        return { unused: unused.filter((u) => !keep(u)), kept: unused.filter(keep) };
      },
      removeUnusedImages: async (imgs: UnusedImage[]) =>
        this.removeEach(
          imgs.map((i) => i.id),
          (id) => {
            if (!this.images.some((i) => i.id === id)) throw notFound(`Image ${id}`);
            this.images = this.images.filter((i) => i.id !== id);
          },
        ),
      buildCacheRecords: async () => [...this.buildCache],
      diskUsageDetail: async () => toDiskUsageDetail({ BuildCache: this.buildCache.map((r) => ({ ID: r.id, Type: r.type, Size: r.size, InUse: r.inUse, Shared: r.shared, Description: r.description })) }),
      pruneBuildCache: async (o: { all: boolean }) => {
        const gone = prunableRecords(this.buildCache, o.all);
        this.buildCache = this.buildCache.filter((r) => !gone.includes(r));
        return { deleted: gone.map((r) => r.id), spaceReclaimed: gone.reduce((n, r) => n + r.size, 0) };
      },
      listVolumes: async () => [...this.volumes],
      volumeSizes: async () => new Map(this.volumes.map((v) => [v.name, { size: 1000, refCount: this.usersOf(v.name).length }])),
      volumeUsers: async (name: string) => this.usersOf(name),
      inspectVolume: async (name: string) => this.volumes.find((v) => v.name === name) ?? Promise.reject(notFound(`Volume ${name}`)),
      createVolume: async (o: { name?: string }) => {
        const v = fakeVolume({ name: o.name ?? 'anon' + hex(++serial) });
        this.volumes.push(v);
        return v;
      },
      removeVolume: async (name: string) => this.removeVolume(name),
      unusedVolumes: async () => ({
        unused: this.volumes.filter((v) => !this.usersOf(v.name).length && v.labels['berth.keep'] !== 'true').map((v) => ({ ...v, size: 1000 })),
        kept: this.volumes.filter((v) => !this.usersOf(v.name).length && v.labels['berth.keep'] === 'true'),
      }),
      removeVolumes: async (names: string[]) => this.removeEach(names, (n) => this.removeVolume(n)),
      listNetworks: async () => [...this.networks],
      inspectNetwork: async (id: string) => ({ ...(this.networks.find((n) => n.id === id) ?? {}), containers: [] }),
      removeNetwork: async (id: string) => {
        const n = this.networks.find((x) => x.id === id);
        if (!n) throw notFound(`Network ${id}`);
        this.networks = this.networks.filter((x) => x !== n);
      },
      removeImage: async (ref: string) => {
        const i = this.images.find((x) => x.id === ref || x.repoTags.includes(ref));
        if (!i) throw notFound(`Image ${ref}`);
        this.images = this.images.filter((x) => x !== i);
        return { untagged: i.repoTags, deleted: [i.id] };
      },
    };
  }
}
