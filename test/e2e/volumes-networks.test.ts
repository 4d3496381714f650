// The volumes and networks panes in the pty against the real engine: live from events,
// refusals with their reasons, and prune previews that say exactly what goes.
import { describe, expect, it } from 'vitest';
import { e2eApp } from '../support/e2e-app.js';
import { runFixture } from '../support/fixtures.js';
import { uniqueName } from '../support/docker.js';
import { KEYS } from '../support/pty.js';

const { docker, cleanup, launch } = e2eApp();
const LIVE_MS = 5000;

async function filterTo(app: ReturnType<typeof launch>, text: string): Promise<void> {
  await app.press('/', text, KEYS.enter);
  await app.waitForText(`/${text}`);
}

describe('the volumes pane', () => {

  it('shows a volume created outside berth and drops it when removed outside', async () => {
    const app = launch({ cols: 160, rows: 45 });
    await app.waitForText('connected');
    await app.press('4');
    await app.waitForText('▶ volumes');
    const name = uniqueName('outside');
    await docker.createVolume({ Name: name });
    cleanup(() => docker.getVolume(name).remove());
    await app.waitForText(name, LIVE_MS);
    await docker.getVolume(name).remove();
    await app.waitForNoText(name, LIVE_MS);
  });

  it('asks before removing a volume in use, and the engine refusal names the container', async () => {
    const vol = uniqueName('inuse');
    const owner = uniqueName('owner');
    await docker.createVolume({ Name: vol });
    await runFixture(docker, owner, undefined, { HostConfig: { NetworkMode: 'none', Binds: [`${vol}:/data`] } });
    cleanup(() => docker.getVolume(vol).remove());
    cleanup(() => docker.getContainer(owner).remove({ force: true }));
    const app = launch({ cols: 160, rows: 45 });
    await app.waitForText('connected');
    await app.press('4');
    await app.waitForText(new RegExp(`${vol}\\s.*${owner}`));
    await filterTo(app, vol);
    await app.press('d');
    await app.waitForText(`Remove volume ${vol}?`);
    await app.press('y');
    await app.waitForText(`in use by ${owner}`);
    await docker.getVolume(vol).inspect();
  });

  it('lists what a prune removes first, keeps berth.keep=true, then removes exactly those', async () => {
    const gone = [uniqueName('prune-a'), uniqueName('prune-b')];
    const keep = uniqueName('prune-keep');
    for (const n of gone) await docker.createVolume({ Name: n });
    await docker.createVolume({ Name: keep, Labels: { 'berth.keep': 'true' } });
    cleanup(() => docker.getVolume(keep).remove());
    const listed = async () => ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name);
    const app = launch({ cols: 160, rows: 45 });
    await app.waitForText('connected');
    await app.press('4');
    await app.waitForText(gone[1]!);
    await app.press('x');
    const preview = await app.waitForText('prune volumes');
    for (const n of gone) expect(preview).toContain(n);
    expect(preview).toContain(`Kept by the label berth.keep=true: ${keep}`);
    // Nothing is removed before the answer.
    expect(await listed()).toEqual(expect.arrayContaining([...gone, keep]));
    await app.press('y');
    await app.waitForText(/removed \d+ volumes?/);
    const after = await listed();
    for (const n of gone) expect(after).not.toContain(n);
    expect(after).toContain(keep);
  });
});

describe('the networks pane', () => {
  it("shows a network created outside berth, refuses to remove the engine's own networks with the reason, and removes a user network", async () => {
    const app = launch({ cols: 160, rows: 45 });
    await app.waitForText('connected');
    await app.press('5');
    await app.waitForText('▶ networks');
    const name = uniqueName('net');
    await docker.createNetwork({ Name: name, Internal: true });
    cleanup(() => docker.getNetwork(name).remove());
    await app.waitForText(name, LIVE_MS);

    // The engine's own networks sort first; with --bridge=none the engine here has host and
    // none (and bridge where it has one): each is refused before any call.
    await app.press('g', 'd');
    await app.waitForText("one of the engine's predefined networks");
    expect((await docker.listNetworks()).map((n) => n.Name)).toEqual(expect.arrayContaining(['host', 'none']));

    await filterTo(app, name);
    await app.press('d');
    await app.waitForText(`Remove network ${name}`);
    await app.press('y');
    await app.waitForText(`removed network ${name}`);
    await app.waitForNoText(new RegExp(`│ ${name}`), LIVE_MS);
    expect((await docker.listNetworks()).map((n) => n.Name)).not.toContain(name);
  });
});
