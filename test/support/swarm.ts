// A single-node swarm in a private engine of its own (the shared test engine never enters
// swarm mode): `swarm init` on 127.0.0.1 inside the engine's network namespace, the offline
// fixture image, and services that update and stop quickly.
import Docker from 'dockerode';
import { startEngine, stopEngine, type EngineHandle } from './engine.js';
import { FIXTURE_IMAGE, buildFixtureImage } from './fixtures.js';

export interface SwarmEngine {
  readonly engine: EngineHandle;
  readonly docker: Docker;
  /** The one node's id. */
  readonly nodeId: string;
  stop(): Promise<void>;
}

export async function startSwarm(label = 'swarm'): Promise<SwarmEngine> {
  const engine = await startEngine(label);
  const docker = new Docker({ socketPath: engine.socket });
  const stop = async () => {
    // Services recreate their tasks: remove them, and leave the swarm, before the engine stops.
    const services = await docker.listServices().catch(() => []);
    await Promise.all(services.map((s) => docker.getService(s.ID).remove().catch(() => undefined)));
    await docker.swarmLeave({ force: true }).catch(() => undefined);
    await stopEngine(engine);
  };
  try {
    await docker.swarmInit({ AdvertiseAddr: '127.0.0.1', ListenAddr: '127.0.0.1:2377' });
    await buildFixtureImage(docker);
    const info = (await docker.info()) as { Swarm: { NodeID: string } };
    return { engine, docker, nodeId: info.Swarm.NodeID, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A shell loop that prints a line a second and ends at once on SIGTERM. */
export const TICKER = ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo "tick $i from $(hostname)"; sleep 1; done'];

const QUICK = { Parallelism: 0, Delay: 0, Monitor: 100_000_000, FailureAction: 'pause' };

/** Creates a replicated service of the fixture image that updates all its tasks at once and stops them in a second. */
export async function createService(docker: Docker, name: string, replicas: number, image = FIXTURE_IMAGE): Promise<string> {
  const s = (await docker.createService({
    Name: name,
    TaskTemplate: { ContainerSpec: { Image: image, Args: TICKER, StopGracePeriod: 1_000_000_000 }, RestartPolicy: { Condition: 'any', Delay: 100_000_000 } },
    Mode: { Replicated: { Replicas: replicas } },
    UpdateConfig: QUICK,
    RollbackConfig: QUICK,
  } as Docker.CreateServiceOptions)) as { id?: string; ID?: string };
  return (s.ID ?? s.id)!;
}

/** Resolves when the service runs `n` tasks (every one running, as the engine counts them). */
export async function waitRunning(docker: Docker, id: string, n: number, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [id] }) })) as { Status: { State: string }; DesiredState: string }[];
    const running = tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length;
    last = `${running} running of ${tasks.length} tasks`;
    if (running === n && tasks.filter((t) => t.DesiredState === 'running').length === n) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`service ${id} did not reach ${n} running tasks in ${ms / 1000} s (${last})`);
}
