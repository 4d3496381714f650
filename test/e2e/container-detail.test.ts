// enter: a container's detail, through the pty against the real engine. Every value shown is
// checked against the engine's own inspect and top; kill, rename and removal are checked in
// the engine's state.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { e2eApp } from '../support/e2e-app.js';
import { FIXTURE_IMAGE, runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';
import { KEYS, type AppSession } from '../support/pty.js';

const { docker, cleanup, launch } = e2eApp();
// A shell that answers USR1 (the trap runs between two sleeps) and a long sleep to find in top.
const CMD = ['sh', '-c', 'trap "echo got USR1" USR1; sleep 3600 & while true; do sleep 0.2; done'];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A labelled line of a section, inside the view's border. */
const field = (label: string, value: string) => new RegExp(`│ ${escapeRe(label)} +${escapeRe(value)} *│`);

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function detailed(name: string): Promise<Docker.Container> {
  const volume = uniqueName('detail-vol');
  await docker.createVolume({ Name: volume });
  const c = await runFixture(docker, name, CMD, {
    Env: ['GREETING=hello', 'API_TOKEN=s3cr3t-value'],
    Labels: { tier: 'web', 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'api' },
    ExposedPorts: { '8080/tcp': {} },
    Healthcheck: { Test: ['CMD', 'true'], Interval: 500_000_000, Retries: 2 },
    HostConfig: { NetworkMode: 'none', Binds: ['/tmp:/host-tmp:ro', `${volume}:/data`], RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } },
  });
  cleanup(() => docker.getVolume(volume).remove({ force: true }));
  cleanup(() => c.remove({ force: true, v: true }));
  return c;
}

/** Filters the list to the container and opens its detail. */
async function openDetail(app: AppSession, name: string): Promise<string> {
  await app.waitForText(name);
  await app.press('/', name, KEYS.enter);
  await app.waitForText(`/${name}`);
  await app.press(KEYS.enter);
  return app.waitForText(field('name', name));
}

describe('the container detail', () => {
  it('shows what docker inspect and docker top say', async () => {
    const name = uniqueName('detail');
    const c = await detailed(name);
    const healthy = await until(() => c.inspect(), (i) => i.State.Health?.Status === 'healthy');
    const i = healthy;
    const app = launch({ cols: 160, rows: 50 });
    const t = await openDetail(app, name);
    expect(t).toMatch(field('id', i.Id));
    expect(t).toMatch(field('image', i.Config.Image));
    expect(i.Config.Image).toBe(FIXTURE_IMAGE);
    expect(t).toMatch(field('image id', i.Image));
    expect(t).toMatch(field('entrypoint', '(none)'));
    expect(t).toMatch(field('command', JSON.stringify(i.Config.Cmd)));
    expect(t).toMatch(new RegExp(`│ created +${escapeRe(i.Created)} \\(`));
    expect(t).toMatch(new RegExp(`│ started +${escapeRe(i.State.StartedAt)} \\(`));
    expect(t).toMatch(field('state', `running · pid ${i.State.Pid} · healthy`));
    expect(t).toMatch(field('OOM-killed', i.State.OOMKilled ? 'yes' : 'no'));
    expect(t).toMatch(field('restart', `${i.HostConfig.RestartPolicy!.Name} (at most ${i.HostConfig.RestartPolicy!.MaximumRetryCount} retries) · restarted ${i.RestartCount} times`));
    // With --bridge=none nothing is published: the configured exposed port is what shows.
    expect(Object.keys(i.Config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    expect(t).toMatch(field('ports', '8080/tcp (exposed, not published)'));
    expect(t).toMatch(field('networks', Object.keys(i.NetworkSettings.Networks)[0]!));
    expect(t).toMatch(field('compose', 'project shop · service api'));
    for (const [k, v] of Object.entries(i.Config.Labels)) expect(t).toMatch(new RegExp(`│ +(labels +)?${escapeRe(`${k}=${v}`)} *│`));

    await app.press('l');
    let s = await app.waitForText(`${name} · Env`);
    for (const e of i.Config.Env.filter((x) => !x.startsWith('API_TOKEN'))) expect(s).toContain(e);
    expect(s).toContain('API_TOKEN=••••••••');
    expect(s).not.toContain('s3cr3t-value');
    await app.press('v');
    await app.waitForText('API_TOKEN=s3cr3t-value');

    await app.press('l');
    s = await app.waitForText(`${name} · Mounts`);
    for (const m of i.Mounts) {
      expect(s).toContain(`${m.Destination}  ${m.Type}, ${m.RW ? 'read-write' : 'read-only'}`);
      expect(s).toMatch(field('  source', m.Source));
      if (m.Name) expect(s).toMatch(field('  volume', m.Name));
    }

    await app.press('l');
    s = await app.waitForText(`${name} · Health`);
    const now = await c.inspect();
    expect(s).toMatch(field('status', `${now.State.Health!.Status} · failing streak ${now.State.Health!.FailingStreak}`));
    expect(s).toMatch(/health_status: healthy/);
    expect(s).toMatch(/Z {2}start *│/);

    await app.press('l');
    s = await app.waitForText(/\d+ processes/);
    const top = (await c.top()) as { Titles: string[]; Processes: string[][] };
    const cmd = top.Titles.indexOf('CMD');
    const pid = top.Titles.indexOf('PID');
    const sleeper = top.Processes.find((p) => p[cmd] === 'sleep 3600')!;
    expect(sleeper).toBeDefined();
    expect(s).toMatch(new RegExp(`│ \\S+ +${sleeper[pid]} .*sleep 3600 *│`));
  });

  it('sends USR1 to a process that traps it, and renames: the new name shows in the list', async () => {
    const name = uniqueName('sig');
    const c = await runFixture(docker, name, CMD);
    cleanup(() => c.remove({ force: true }));
    const app = launch({ cols: 140, rows: 40 });
    await openDetail(app, name);
    await app.press('K');
    await app.waitForText(`send a signal to ${name}`);
    // TERM, KILL, HUP, INT, USR1.
    await app.press(KEYS.right, KEYS.right, KEYS.right, KEYS.right, KEYS.enter);
    await app.waitForText(`sent SIGUSR1 to ${name}`);
    const logs = await until(
      async () => (await c.logs({ stdout: true, stderr: true })).toString(),
      (l) => l.includes('got USR1'),
    );
    expect(logs).toContain('got USR1');
    expect((await c.inspect()).State.Running).toBe(true);

    const renamed = `${name}-renamed`;
    await app.press('R');
    await app.waitForText(`rename ${name}`);
    await app.press('\x15', renamed, KEYS.enter);
    await app.waitForText(`renamed ${name} to ${renamed}`);
    await app.waitForText(`${renamed} · Overview`);
    expect((await c.inspect()).Name).toBe(`/${renamed}`);
    await app.press(KEYS.escape);
    const list = await app.waitForText(new RegExp(`│ ${escapeRe(renamed)} `));
    expect(list).toContain('containers (running)');
  });

  it('closes itself with "container removed" when the container is removed while it is open', async () => {
    const name = uniqueName('gone');
    const c = await runFixture(docker, name);
    const app = launch({ cols: 120, rows: 35 });
    await openDetail(app, name);
    await c.remove({ force: true });
    const t = await app.waitForText(`${name}: container removed`);
    await app.waitForText('containers (running)');
    expect(t).not.toContain(`${name} · Overview`);
  });
});
