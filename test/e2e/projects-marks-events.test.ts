// Compose projects, marked rows and the events view in the pty against the real engine.
import { describe, expect, it } from 'vitest';
import { e2eApp } from '../support/e2e-app.js';
import { runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';
import { KEYS } from '../support/pty.js';

const { docker, cleanup, launch } = e2eApp();

const composeLabels = (project: string, service: string, n: number) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': String(n),
});

async function composeProject(project: string): Promise<{ containers: string[]; network: string; volume: string }> {
  // What compose would make, made through the API with compose's labels (no compose CLI).
  const network = `${project}_default`;
  const volume = `${project}_data`;
  await docker.createNetwork({ Name: network, Internal: true, Labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' } });
  await docker.createVolume({ Name: volume, Labels: { 'com.docker.compose.project': project, 'com.docker.compose.volume': 'data' } });
  const containers = [`${project}-web-1`, `${project}-web-2`, `${project}-db-1`];
  for (const [i, name] of containers.entries()) {
    const service = name.includes('-db-') ? 'db' : 'web';
    await runFixture(docker, name, undefined, {
      Labels: composeLabels(project, service, service === 'web' ? i + 1 : 1),
      HostConfig: { NetworkMode: network, ...(service === 'db' ? { Binds: [`${volume}:/data`] } : {}) },
    });
  }
  cleanup(() => docker.getVolume(volume).remove().catch(() => undefined));
  cleanup(() => docker.getNetwork(network).remove().catch(() => undefined));
  for (const c of containers) cleanup(() => docker.getContainer(c).remove({ force: true }).catch(() => undefined));
  return { containers, network, volume };
}

const running = async (names: string[]) =>
  (await Promise.all(names.map((n) => docker.getContainer(n).inspect().then((i) => i.State.Running, () => undefined)))).filter((r) => r === true).length;

describe('compose projects', () => {
  it('stops a whole project: the engine shows every container stopped', async () => {
    const project = `shop${Math.random().toString(36).slice(2, 7)}`;
    const { containers } = await composeProject(project);
    const app = launch({ cols: 130, rows: 45 });
    await app.waitForText(`${project}-web-2`);
    await app.press('C');
    await app.waitForText(new RegExp(`${project}\\s+3/3 running`));
    await app.press('/', project, KEYS.enter, 's');
    await app.waitForText(`Stop 3 containers of ${project}?`);
    await app.press('y');
    await app.waitForText(`${project}-db-1: stopped`, 30_000);
    expect(await running(containers)).toBe(0);
  });

  it('down removes the containers and the project network, and keeps its volume', async () => {
    const project = `blog${Math.random().toString(36).slice(2, 7)}`;
    const { network, volume } = await composeProject(project);
    const app = launch({ cols: 130, rows: 45 });
    await app.waitForText(`${project}-web-2`);
    await app.press('C', '/', project, KEYS.enter, 'D');
    const t = await app.waitForText(`down ${project}`);
    expect(t).toContain(`and its networks: ${network}`);
    await app.press('y');
    await app.waitForText(`network ${network}: removed`, 30_000);
    const left = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(left.map((c) => c.Names[0])).toEqual([]);
    expect((await docker.listNetworks()).map((n) => n.Name)).not.toContain(network);
    expect(((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name)).toContain(volume);
  });
});

describe('marked rows', () => {
  it('removes three marked containers, reports the running one and removes the others', async () => {
    const prefix = uniqueName('mark');
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    for (const n of names) {
      const c = await docker.createContainer({ name: n, Image: 'berth-fixture:latest', Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: 'none' } });
      cleanup(() => c.remove({ force: true }).catch(() => undefined));
    }
    await docker.getContainer(names[1]!).start();
    const app = launch({ cols: 130, rows: 45 });
    await app.waitForText('connected');
    await app.press('a', '/', prefix, KEYS.enter);
    await app.waitForText(names[2]!);
    await app.press('*');
    await app.waitForText('3 marked');
    await app.press('d');
    await app.waitForText('Remove 3 marked containers?');
    await app.press('y');
    const report = await app.waitForText(new RegExp(`${names[1]}: [^;]*running`), 30_000);
    // What failed stays marked.
    expect(report).toContain(`│*${names[1]}`);
    const left = await docker.listContainers({ all: true, filters: { name: [prefix] } });
    expect(left.map((c) => c.Names[0]!.slice(1))).toEqual([names[1]]);
  });
});

describe('the events view', () => {
  it('shows a container created outside berth as it happens', async () => {
    const app = launch({ cols: 130, rows: 45 });
    await app.waitForText('connected');
    await app.press('E');
    await app.waitForText('events');
    const name = uniqueName('evt');
    const c = await docker.createContainer({ name, Image: 'berth-fixture:latest', Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    cleanup(() => c.remove({ force: true }));
    await app.waitForText(new RegExp(`container\\s+create\\s+${name}`), 15_000);
  });
});
