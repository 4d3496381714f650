// The swarm part of the fake engine: a manager (or not) with services, their tasks and nodes,
// answering as the real one does for the flows the services and nodes panes drive.
import type { DockerEvent } from '../../src/docker/events.js';
import { DockerError } from '../../src/docker/errors.js';
import type { LogHandlers } from '../../src/docker/logs.js';
import type { Availability, NodeSummary } from '../../src/docker/nodes.js';
import type { EnginePort } from '../../src/docker/port.js';
import { formatReference, parseReference } from '../../src/docker/reference.js';
import type { ServiceSummary, TaskSummary } from '../../src/docker/services.js';

export function fakeService(p: Partial<ServiceSummary> & { name: string }): ServiceSummary {
  return { id: `svc-${p.name}`, mode: 'replicated', desired: 2, running: 2, image: 'app:1', ports: [], canRollBack: false, createdAt: '2026-11-29T10:00:00Z', updatedAt: '2026-11-29T10:00:00Z', labels: {}, ...p };
}

export function fakeNode(p: Partial<NodeSummary> & { hostname: string }): NodeSummary {
  return { id: `node-${p.hostname}`, role: 'manager', availability: 'active', status: 'ready', managerStatus: 'Leader', engineVersion: '26.1.5', labels: {}, ...p };
}

const notManager = () => new DockerError('server', 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.', { statusCode: 503 });

export class FakeSwarm {
  /** 'manager', 'worker' or 'inactive' (not in a swarm); `engine` says which engine answers. */
  role: 'manager' | 'worker' | 'inactive' = 'inactive';
  engine: 'docker' | 'podman' = 'docker';
  services: ServiceSummary[] = [];
  tasks: TaskSummary[] = [];
  nodes: NodeSummary[] = [];
  /** Lines each service's logs send: [taskId, nodeId, text]. */
  logs = new Map<string, [string, string, string][]>();

  constructor(private readonly emit: (ev: DockerEvent) => void) {}

  private manager(): void {
    if (this.role !== 'manager') throw notManager();
  }

  private service(id: string): ServiceSummary {
    const s = this.services.find((x) => x.id === id || x.name === id);
    if (!s) throw new DockerError('notFound', `Service ${id}: service ${id} not found`, { statusCode: 404 });
    return s;
  }

  private change(id: string, patch: Partial<ServiceSummary>): void {
    const s = this.service(id);
    this.services = this.services.map((x) => (x === s ? { ...x, ...patch } : x));
    this.emit({ type: 'service', action: 'update', id: s.id, attributes: { name: s.name }, timeMs: Date.now() });
  }

  impl(): Partial<Record<keyof EnginePort, (...a: never[]) => unknown>> {
    return {
      engineInfo: async () => ({ swarm: this.role === 'inactive' ? 'inactive' : 'active', ...(this.role === 'inactive' ? {} : { swarmRole: this.role }) }),
      listServices: async () => (this.manager(), [...this.services]),
      listTasks: async (id?: string) => {
        this.manager();
        if (id) this.service(id);
        return this.tasks.filter((t) => !id || t.serviceId === this.service(id).id);
      },
      listNodes: async () => (this.manager(), [...this.nodes]),
      scaleService: async (id: string, n: number) => {
        const s = this.service(id);
        if (s.mode !== 'replicated') throw new DockerError('badRequest', `${s.name} runs one task per node (global mode): it cannot be scaled.`);
        this.change(id, { desired: n, running: n });
      },
      updateServiceImage: async (id: string, image: string) => {
        const ref = formatReference(parseReference(image));
        this.change(id, { image: ref, updateState: 'updating', canRollBack: true });
        return ref;
      },
      rollbackService: async (id: string) => {
        if (!this.service(id).canRollBack) throw new DockerError('conflict', `${this.service(id).name} has no previous version to roll back to.`);
        this.change(id, { updateState: 'rollback_started' });
      },
      removeService: async (id: string) => {
        const s = this.service(id);
        this.services = this.services.filter((x) => x !== s);
        this.tasks = this.tasks.filter((t) => t.serviceId !== s.id);
        this.emit({ type: 'service', action: 'remove', id: s.id, attributes: { name: s.name }, timeMs: Date.now() });
      },
      followServiceLogs: (id: string, _opts: unknown, h: LogHandlers) => {
        let stopped = false;
        setTimeout(() => {
          for (const [task, node, text] of this.logs.get(id) ?? []) {
            if (!stopped) h.onChunk({ stream: 'stdout', data: Buffer.from(`2026-11-29T10:00:00.000000000Z com.docker.swarm.node.id=${node},com.docker.swarm.service.id=${id},com.docker.swarm.task.id=${task} ${text}\n`) });
          }
        }, 5);
        return { stop: () => void (stopped = true) };
      },
      setNodeAvailability: async (id: string, availability: Availability) => {
        this.manager();
        const n = this.nodes.find((x) => x.id === id);
        if (!n) throw new DockerError('notFound', `Node ${id} not found`, { statusCode: 404 });
        this.nodes = this.nodes.map((x) => (x === n ? { ...x, availability } : x));
        this.emit({ type: 'node', action: 'update', id, attributes: { name: n.hostname, 'availability.new': availability }, timeMs: Date.now() });
      },
    };
  }
}
