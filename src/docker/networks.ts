// Networks: list, inspect, create, remove, connect and disconnect containers, and a prune that
// removes exactly what it previewed. Refusals the engine would give late or in its own words
// (a predefined network, a bad subnet, a duplicate name, a container in network mode none)
// are given here first, with a sentence.
import type { DockerClient } from './client.js';
import { inspectContainer } from './container-inspect.js';
import { listContainers } from './containers.js';
import { callDaemon, DockerError } from './errors.js';
import { checkNetworkName, checkSubnet } from './network-input.js';
import { byName, containerNames, isKept, rephrase, removeEach, type RemoveMany } from './prune-shared.js';

export interface NetworkSummary {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly ipv6: boolean;
  /** The IPAM subnets ("198.18.0.0/24"). The list answer (API 1.41) names no containers: see inspectNetwork. */
  readonly subnets: readonly string[];
  /** The IPAM gateways, where configured. */
  readonly gateways: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** ISO 8601. */
  readonly created?: string;
}

export interface NetworkContainer {
  readonly id: string;
  readonly name: string;
  /** As the engine gives them, with the prefix length ("198.18.0.2/24"). */
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  readonly macAddress?: string;
}

export interface IpamConfig {
  readonly subnet?: string;
  readonly gateway?: string;
  readonly ipRange?: string;
}

export interface NetworkDetails extends NetworkSummary {
  /** The containers attached now (running ones: a stopped container has no endpoint). */
  readonly containers: readonly NetworkContainer[];
  /** The driver's options ("com.docker.network.bridge.name", ...). */
  readonly options: Readonly<Record<string, string>>;
  readonly ipam: { readonly driver: string; readonly config: readonly IpamConfig[]; readonly options: Readonly<Record<string, string>> };
  readonly ingress: boolean;
}

/** The engine creates these itself and refuses to remove them. */
export const PREDEFINED_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

export function isPredefinedNetwork(name: string): boolean {
  return PREDEFINED_NETWORKS.includes(name);
}

interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  Created?: string;
  IPAM?: { Driver?: string; Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null; Options?: Record<string, string> | null } | null;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string; MacAddress?: string }> | null;
}

function toNetworkSummary(n: RawNetwork): NetworkSummary {
  const config = n.IPAM?.Config ?? [];
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: !!n.Internal,
    attachable: !!n.Attachable,
    ipv6: !!n.EnableIPv6,
    subnets: config.flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    gateways: config.flatMap((c) => (c.Gateway ? [c.Gateway] : [])),
    labels: n.Labels ?? {},
    ...(n.Created ? { created: n.Created } : {}),
  };
}

function toNetworkDetails(n: RawNetwork): NetworkDetails {
  const present = (s: string | undefined) => (s ? s : undefined);
  return {
    ...toNetworkSummary(n),
    containers: Object.entries(n.Containers ?? {})
      .map(([id, c]) => {
        const [v4, v6, mac] = [present(c.IPv4Address), present(c.IPv6Address), present(c.MacAddress)];
        return { id, name: c.Name || id.slice(0, 12), ...(v4 ? { ipv4Address: v4 } : {}), ...(v6 ? { ipv6Address: v6 } : {}), ...(mac ? { macAddress: mac } : {}) };
      })
      .sort(byName),
    options: n.Options ?? {},
    ipam: {
      driver: n.IPAM?.Driver || 'default',
      config: (n.IPAM?.Config ?? []).map((c) => ({
        ...(c.Subnet ? { subnet: c.Subnet } : {}),
        ...(c.Gateway ? { gateway: c.Gateway } : {}),
        ...(c.IPRange ? { ipRange: c.IPRange } : {}),
      })),
      options: n.IPAM?.Options ?? {},
    },
    ingress: !!n.Ingress,
  };
}

/** A network's name, or its short id. */
function shown(ref: string): string {
  return /^[0-9a-f]{64}$/.test(ref) ? ref.slice(0, 12) : ref;
}

function label(ref: string): string {
  return `Network ${shown(ref)}`;
}

export async function listNetworks(docker: DockerClient): Promise<NetworkSummary[]> {
  const raw = (await callDaemon(docker, undefined, () => docker.listNetworks())) as RawNetwork[];
  return raw.map(toNetworkSummary);
}

export async function inspectNetwork(docker: DockerClient, idOrName: string): Promise<NetworkDetails> {
  return toNetworkDetails((await callDaemon(docker, label(idOrName), () => docker.getNetwork(idOrName).inspect())) as RawNetwork);
}

function predefinedRefusal(name: string, err?: DockerError): DockerError {
  const sentence = `${name} is one of the engine's predefined networks and cannot be removed.`;
  return err ? rephrase(err, sentence, 'permission') : new DockerError('permission', sentence);
}

/**
 * Removes a network. A predefined one (by name) is refused before any call; one with containers
 * attached is refused with their names.
 */
export async function removeNetwork(docker: DockerClient, idOrName: string): Promise<void> {
  if (isPredefinedNetwork(idOrName)) throw predefinedRefusal(idOrName);
  try {
    await callDaemon(docker, label(idOrName), () => docker.getNetwork(idOrName).remove());
  } catch (err) {
    if (!(err instanceof DockerError)) throw err;
    const said = err.engineMessage ?? '';
    // Given by id, a predefined network reaches the engine, which answers in its own words.
    const predefined = /^(\S+) is a pre-defined network/i.exec(said);
    if (predefined) throw predefinedRefusal(predefined[1]!, err);
    if (!/active endpoints|in use/i.test(said)) throw err;
    const attached = await inspectNetwork(docker, idOrName).then(
      (d) => d.containers,
      () => [],
    );
    const who = attached.length ? `by ${containerNames(attached.map((c) => ({ name: c.name, state: 'running' as const })))}` : 'by a container';
    throw rephrase(err, `${label(idOrName)} is in use ${who}: disconnect or remove ${attached.length > 1 ? 'those containers' : 'that container'} first.`);
  }
}

export interface CreateNetworkOptions {
  readonly name: string;
  /** "bridge" when not given. */
  readonly driver?: string;
  readonly subnet?: string;
  readonly gateway?: string;
  readonly internal?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Creates a network; the name, subnet and gateway are checked first, and a name in use is refused. */
export async function createNetwork(docker: DockerClient, opts: CreateNetworkOptions): Promise<NetworkSummary> {
  checkNetworkName(opts.name);
  if (opts.subnet !== undefined || opts.gateway !== undefined) checkSubnet(opts.subnet ?? '', opts.gateway);
  const body = {
    Name: opts.name,
    Driver: opts.driver || 'bridge',
    // API 1.41 creates a second network of the same name unless asked not to.
    CheckDuplicate: true,
    Internal: !!opts.internal,
    Labels: { ...(opts.labels ?? {}) },
    ...(opts.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: opts.subnet, ...(opts.gateway ? { Gateway: opts.gateway } : {}) }] } } : {}),
  };
  let id: string;
  try {
    id = (await callDaemon(docker, label(opts.name), () => docker.createNetwork(body))).id;
  } catch (err) {
    if (err instanceof DockerError && /already exists/i.test(err.engineMessage ?? '')) {
      throw rephrase(err, `Network ${opts.name} already exists.`);
    }
    if (err instanceof DockerError && /overlaps/i.test(err.engineMessage ?? '')) {
      const which = opts.subnet ? `the subnet ${opts.subnet}` : 'the subnet the engine chose';
      throw rephrase(err, `${label(opts.name)}: ${which} overlaps a network that already exists; choose another.`);
    }
    throw err;
  }
  return toNetworkSummary((await callDaemon(docker, label(opts.name), () => docker.getNetwork(id).inspect())) as RawNetwork);
}

/** A container that shares another's network stack, the host's, or has none, cannot join networks. */
async function checkJoinable(docker: DockerClient, container: string): Promise<{ name: string; networks: readonly string[] }> {
  const c = await inspectContainer(docker, container);
  const mode = c.networkMode;
  if (mode === 'none' || mode === 'host' || mode.startsWith('container:')) {
    const why = mode === 'none' ? 'network mode none' : mode === 'host' ? "the host's network" : `the network of ${mode.slice('container:'.length).slice(0, 12)}`;
    throw new DockerError('conflict', `Container ${c.name} uses ${why}: it cannot be connected to other networks or disconnected.`);
  }
  return { name: c.name, networks: c.networks.map((n) => n.name) };
}

/** Connects a container to a network. */
export async function connectNetwork(docker: DockerClient, network: string, container: string): Promise<void> {
  const c = await checkJoinable(docker, container);
  const sentence = `Container ${c.name} is already connected to network ${shown(network)}.`;
  if (c.networks.includes(network)) throw new DockerError('conflict', sentence);
  try {
    await callDaemon(docker, label(network), () => docker.getNetwork(network).connect({ Container: container }));
  } catch (err) {
    if (err instanceof DockerError && /already exists in network|already (attached|connected)/i.test(err.engineMessage ?? '')) throw rephrase(err, sentence);
    throw err;
  }
}

/** Disconnects a container from a network; `force` is the engine's Force (it also drops a stale endpoint). */
export async function disconnectNetwork(docker: DockerClient, network: string, container: string, opts: { force?: boolean } = {}): Promise<void> {
  const c = await checkJoinable(docker, container);
  try {
    await callDaemon(docker, label(network), () => docker.getNetwork(network).disconnect({ Container: container, Force: !!opts.force }));
  } catch (err) {
    if (err instanceof DockerError && /is not connected/i.test(err.engineMessage ?? '')) {
      throw rephrase(err, `Container ${c.name} is not connected to network ${shown(network)}.`);
    }
    throw err;
  }
}

/**
 * The networks no container (running or not) is attached to or configured for, for a prune
 * preview: not predefined, not the swarm's ingress. `kept` are those labelled berth.keep=true.
 */
export async function unusedNetworks(docker: DockerClient): Promise<{ unused: NetworkSummary[]; kept: NetworkSummary[] }> {
  const [raw, containers] = await Promise.all([
    callDaemon(docker, undefined, () => docker.listNetworks()) as Promise<RawNetwork[]>,
    listContainers(docker, { all: true }),
  ]);
  const used = new Set<string>();
  for (const c of containers) {
    for (const n of c.networks) used.add(n);
    if (c.networkMode) used.add(c.networkMode);
  }
  const unused: NetworkSummary[] = [];
  const kept: NetworkSummary[] = [];
  for (const n of raw) {
    if (isPredefinedNetwork(n.Name) || n.Ingress || n.Name === 'docker_gwbridge' || used.has(n.Name) || used.has(n.Id)) continue;
    (isKept(n.Labels ?? {}) ? kept : unused).push(toNetworkSummary(n));
  }
  return { unused: unused.sort(byName), kept: kept.sort(byName) };
}

/** Removes exactly these networks (ids or names), one by one; failures are kept with their reasons. */
export function removeNetworks(docker: DockerClient, ids: readonly string[]): Promise<RemoveMany> {
  return removeEach(ids, (id) => removeNetwork(docker, id));
}
