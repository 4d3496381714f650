// History, tag, run refusals and prune from the images pane, checked against the engine.
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { BUSYBOX_DOCKERFILE, FIXTURE_IMAGE, buildImage } from '../support/fixtures.js';
import { e2eApp } from '../support/e2e-app.js';
import { KEYS, type AppSession } from '../support/pty.js';

const t = e2eApp();
const docker = t.docker;
let app: AppSession | undefined;

async function start(): Promise<AppSession> {
  app = t.launch({ cols: 140, rows: 40 });
  await app.waitForStart();
  await app.press('2');
  return app;
}

async function image(repo: string, dockerfileTail = ''): Promise<string> {
  const tag = `${repo}:1`;
  await buildImage(docker, tag, `FROM ${FIXTURE_IMAGE}\nLABEL berth.e2e="${repo}"\nRUN echo layer of ${repo} > /owned\n${dockerfileTail}`);
  t.cleanup(() => docker.getImage(tag).remove({ force: true }));
  return tag;
}

async function filterTo(a: AppSession, text: string): Promise<void> {
  await a.press('/', '\x15', text, KEYS.enter);
  // A row, not the pane title that shows the filter.
  await a.waitForText(new RegExp(`│ ${text}`));
}

describe('history', () => {
  it('lists the layers the engine lists, and Enter shows a layer in full', async () => {
    const repo = uniqueName('berth-e2e-hist');
    const tag = await image(repo, 'ENV LONG_VALUE=' + 'x'.repeat(150) + '\n');
    const layers = (await docker.getImage(tag).history()) as { CreatedBy: string; Id: string }[];
    // What a reader expects for each layer, newest first, written from the two Dockerfiles
    // (this one and the fixture's) and not computed by berth's own code. Each is matched on
    // its start, as the column may cut it.
    const esc = (text: string) => text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const expected = [
      new RegExp(esc(`ENV LONG_VALUE=${'x'.repeat(30)}`)),
      new RegExp(esc(`RUN echo layer of ${repo} > /owned`)),
      new RegExp(esc(`LABEL berth.e2e=${repo}`)),
      new RegExp(esc('CMD ["sh"]')),
      new RegExp(esc('ENV PATH=/bin')),
      new RegExp(esc('/bin/busybox --install -s /bin')),
      /COPY file:[0-9a-f]{10}/,
    ];
    expect(layers).toHaveLength(expected.length);
    const a = await start();
    await filterTo(a, repo);
    await a.press('h');
    const screen = await a.waitForText(`history of ${tag} (${layers.length} layers)`);
    // One row per layer, in the engine's order.
    const rows = screen.split('\n');
    const at = expected.map((re) => rows.findIndex((row) => re.test(row)));
    for (const [i, row] of at.entries()) expect(row, `a row for ${String(expected[i])}`).toBeGreaterThanOrEqual(0);
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(new Set(at).size).toBe(expected.length);
    expect(screen).toContain(`RUN echo layer of ${repo} > /owned`);
    // No shell plumbing of the classic builder reaches the reader.
    expect(screen).not.toMatch(/#\(nop\)|\/bin\/sh -c/);
    // The newest layer is first: its full text is wider than the table's column.
    await a.press(KEYS.enter);
    await a.waitForText('created by');
    const detail = (await a.screenText()).replace(/[│\s]+/g, '');
    expect(detail).toContain(`ENVLONG_VALUE=${'x'.repeat(150)}`);
    await a.press(KEYS.escape);
    await a.waitForNoText('created by');
    await a.press(KEYS.escape);
    await a.waitForNoText('history of');
  });
});

describe('tag', () => {
  it('adds a tag; a bad reference is refused in the form; removing the new tag leaves the image', async () => {
    const repo = uniqueName('berth-e2e-tag');
    const tag = await image(repo);
    const id = (await docker.getImage(tag).inspect()).Id;
    const extra = `${repo}-extra:v2`;
    t.cleanup(() => docker.getImage(extra).remove({ force: true }));
    const a = await start();
    await filterTo(a, repo);
    await a.press('t');
    await a.waitForText(`tag ${tag}`);
    await a.press('Bad/Name:x');
    await a.press(KEYS.enter);
    await a.waitForText('Not a valid reference: the repository name must be lowercase.');
    await a.press('\x15', extra, KEYS.enter);
    await a.waitForText(`tagged ${tag} as ${extra}`);
    expect((await docker.getImage(extra).inspect()).Id).toBe(id);

    await filterTo(a, `${repo}-extra`);
    await a.press('d');
    await a.waitForText('Only the tag goes');
    await a.press('y');
    await a.waitForText(`removed ${extra}`);
    expect(await docker.listImages({ filters: { reference: [extra] } })).toHaveLength(0);
    expect((await docker.getImage(tag).inspect()).Id).toBe(id);
  });
});

describe('run', () => {
  it('refuses a bad port spec with the reason and creates nothing', async () => {
    const name = uniqueName('berth-e2e-badport');
    const a = await start();
    await filterTo(a, 'berth-fixture');
    await a.press('r');
    await a.waitForText(`run ${FIXTURE_IMAGE}`);
    await a.press(name, KEYS.tab, KEYS.tab, KEYS.tab, '8080:80:tcp');
    await a.press(KEYS.enter);
    await a.waitForText('Cannot run: port "8080:80:tcp": "8080" is not an IP address');
    await a.press('\x15', '127.0.0.1:8080:70000', KEYS.enter);
    await a.waitForText('"127.0.0.1:8080:70000": the container port must be a number');
    await a.press(KEYS.escape);
    await a.waitForNoText(`run ${FIXTURE_IMAGE}`);
    expect(await docker.listContainers({ all: true, filters: { name: [name] } })).toHaveLength(0);
  });
});

describe('prune', () => {
  it('removes the dangling images and keeps the tagged ones', async () => {
    const repo = uniqueName('berth-e2e-prune');
    const label = `berth.e2e.prune=${repo}`;
    const tag = `${repo}:1`;
    t.cleanup(() => docker.getImage(tag).remove({ force: true }));
    // Building the same tag twice leaves the first image dangling; both carry our label.
    for (const round of [1, 2]) await buildImage(docker, tag, `${BUSYBOX_DOCKERFILE}LABEL berth.e2e.prune="${repo}"\nRUN echo round ${round} > /round\n`);
    const ours = () => docker.listImages({ filters: { label: [label], dangling: ['true'] } });
    const before = await ours();
    expect(before).toHaveLength(1);
    t.cleanup(() => docker.getImage(before[0]!.Id).remove({ force: true }));
    const kept = (await docker.getImage(tag).inspect()).Id;

    const a = await start();
    await a.press('x');
    // Other files' tagged images may be unused now: then berth asks which set first.
    const first = await a.waitForText(/Which do you want to prune\?|Remove \d+ dangling images?/);
    if (first.includes('Which do you want to prune?')) await a.press('d');
    const screen = await a.waitForText(/Remove (\d+) dangling images?/);
    const n = Number(/Remove (\d+) dangling/.exec(screen)![1]);
    expect(n).toBeGreaterThanOrEqual(1);
    await a.press('y');
    await a.waitForText(/removed \d+ images?, reclaimed \d/);
    expect(await ours()).toHaveLength(0);
    expect((await docker.getImage(tag).inspect()).Id).toBe(kept);
  });
});
