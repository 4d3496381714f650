// Whether the engine can show swarm objects (services, nodes): only a swarm manager lists
// them. Otherwise the sentence the services and nodes panes show instead of a list.
import type { EnginePort } from '../docker/port.js';

export interface SwarmStatus {
  readonly manager: boolean;
  /** Why there is nothing to list, when the engine is not a manager. */
  readonly why?: string;
}

/** Reads the engine's swarm role (two cheap calls: info and version). */
export async function readSwarmStatus(engine: EnginePort): Promise<SwarmStatus> {
  const [info, version] = await Promise.all([engine.engineInfo(), engine.engineVersion()]);
  if (version.engine === 'podman') return { manager: false, why: 'Podman has no swarm: services and nodes exist on Docker engines in swarm mode.' };
  if (info.swarmRole === 'manager') return { manager: true };
  if (info.swarmRole === 'worker') {
    return { manager: false, why: 'This engine is a swarm worker: only a manager lists services and nodes. The tasks it runs are in the containers pane.' };
  }
  if (info.swarm === 'locked') return { manager: false, why: 'This swarm manager is locked: unlock it (docker swarm unlock) to list services and nodes.' };
  return { manager: false, why: 'This engine is not in a swarm (docker swarm init makes it a manager).' };
}

/**
 * The status of one pane: read when first needed and again when asked (the pane gains focus
 * while it has no list, or another daemon was chosen), never more than one read at a time.
 */
export class SwarmStatusHolder {
  status: SwarmStatus | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly engine: EnginePort,
    private readonly changed: () => void,
  ) {}

  read(): void {
    this.reading ??= readSwarmStatus(this.engine)
      .then(
        (s) => {
          this.status = s;
        },
        (err: unknown) => {
          this.status = { manager: false, why: `Could not ask the engine about its swarm: ${err instanceof Error ? err.message : String(err)}` };
        },
      )
      .finally(() => {
        this.reading = undefined;
        this.changed();
      });
  }

  /** Another daemon: forget, read again when shown. */
  reset(): void {
    this.status = undefined;
  }
}
