// The detail view's Overview: who the container is, what it runs, its life so far, and how
// it is wired (ports, networks, labels), with the values exactly as docker inspect has them.
import type { ContainerDetails, NetworkAttachment } from '../../docker/container-inspect.js';
import { formatPorts } from '../format.js';
import { COMPOSE_PROJECT } from '../containers.js';
import { commandText, engineTime, field } from './lines.js';

export const COMPOSE_SERVICE = 'com.docker.compose.service';

function stateText(d: ContainerDetails): string {
  const parts: string[] = [d.state];
  if (d.pid) parts.push(`pid ${d.pid}`);
  if (d.health) parts.push(d.health);
  if (d.state === 'exited' || d.state === 'dead') parts.push(`exit code ${d.exitCode}`);
  return parts.join(' · ');
}

function restartText(d: ContainerDetails): string {
  const policy = d.restartPolicy ?? 'no';
  const limit = policy === 'on-failure' && d.restartMaxRetries ? ` (at most ${d.restartMaxRetries} retries)` : '';
  return `${policy}${limit} · restarted ${d.restartCount} time${d.restartCount === 1 ? '' : 's'}`;
}

/** Published ports as docker ps writes them, then the exposed ones nothing publishes. */
export function portLines(d: ContainerDetails): string[] {
  const published = d.ports.filter((p) => p.publicPort);
  const bound = new Set(published.map((p) => `${p.privatePort}/${p.type}`));
  const exposedOnly = d.exposedPorts.filter((p) => !bound.has(p));
  return [...(published.length ? [formatPorts(published)] : []), ...exposedOnly.map((p) => `${p} (exposed, not published)`)];
}

function networkLine(n: NetworkAttachment): string {
  const parts = [n.name];
  if (n.ipAddress) parts.push(`${n.ipAddress}/${n.prefixLen ?? 0}`);
  if (n.ipv6Address) parts.push(n.ipv6Address);
  if (n.gateway) parts.push(`gateway ${n.gateway}`);
  if (n.macAddress) parts.push(`mac ${n.macAddress}`);
  if (n.aliases?.length) parts.push(`aliases ${n.aliases.join(', ')}`);
  return parts.join(' · ');
}

/** The Overview's lines; `live` is the latest stats line when the container runs. */
export function overviewLines(d: ContainerDetails, now: number, live?: string): string[] {
  const labels = Object.entries(d.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  const project = d.labels[COMPOSE_PROJECT];
  const service = d.labels[COMPOSE_SERVICE];
  return [
    ...field('name', d.name),
    ...field('id', d.id),
    ...field('image', d.image),
    ...field('image id', d.imageId),
    ...field('entrypoint', commandText(d.entrypoint)),
    ...field('command', commandText(d.cmd)),
    ...(d.workingDir ? field('working dir', d.workingDir) : []),
    ...(d.user ? field('user', d.user) : []),
    ...field('created', engineTime(d.created, now)),
    ...field('started', engineTime(d.startedAt, now)),
    ...field('finished', engineTime(d.finishedAt, now, d.state === 'running' ? 'still running' : 'never')),
    ...field('state', stateText(d)),
    ...(live ? field('live', live) : []),
    ...(d.error ? field('error', d.error) : []),
    ...field('exit code', String(d.exitCode)),
    ...field('OOM-killed', d.oomKilled ? 'yes' : 'no'),
    ...field('restart', restartText(d)),
    ...field('ports', portLines(d)),
    ...field('network mode', d.networkMode || 'default'),
    ...field('networks', d.networks.map(networkLine)),
    ...(project ? field('compose', `project ${project}${service ? ` · service ${service}` : ''}`) : []),
    ...field('labels', labels),
  ];
}
