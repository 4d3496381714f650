// The config's effect on the whole screen, in-process: remapped keys drive the dispatcher,
// the footer and the help; the light theme's colours read on white; ASCII mode leaves no
// other glyph on the screen.
import blessed from 'blessed';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { actionTable } from '../../src/config/table.js';
import type { RawInspect } from '../../src/docker/container-inspect.js';
import { lineValue } from '../../src/render/detail/lines.js';
import { themeFor } from '../../src/widgets/theme.js';
import { FakeEngine, fakeContainer, fakeImage } from '../support/fake-engine.js';
import { mountShell, type Driver, type MountOptions } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function mount(opts: MountOptions = {}): Promise<Driver> {
  const engine = new FakeEngine({
    containers: [fakeContainer({ name: 'web' }), fakeContainer({ name: 'db', state: 'exited', status: 'Exited (0) 1 hour ago' })],
    images: [fakeImage({ repository: 'app', tag: '1' })],
  });
  const d = await mountShell({ engine, ...opts });
  open.push(d);
  return d;
}

const colors = (blessed as unknown as { colors: { vcolors: number[][]; reduce(c: number, total: number): number } }).colors;
const footerOf = (screen: string) => screen.split('\n').filter((l) => l.trim()).pop() ?? '';

describe('remapped keys', () => {
  const actions = actionTable({ keys: { 'containers.stop': ['x'], help: ['f1'] }, commands: [] });

  it('a remapped stop key stops, and the old one no longer does', async () => {
    const d = await mount({ actions });
    await d.waitForText('web');
    await d.press('s');
    await d.text();
    expect(d.engine.callNames()).toEqual([]);
    await d.press('x');
    await d.waitForText('stopped web');
    expect(d.engine.callNames()).toEqual(['stopContainer']);
  });

  it('the footer and the help show the new keys', async () => {
    const d = await mount({ actions, rows: 70 });
    const screen = await d.waitForText('web');
    const footer = footerOf(screen);
    expect(footer).toContain('x stop');
    expect(footer).not.toContain('s stop');
    expect(footer).toContain('f1 help');
    await d.press('?');
    expect(await d.text()).not.toContain('Stop the selected container');
    await d.press('f1');
    const help = await d.waitForText('Stop the selected container');
    expect(help).toMatch(/\bx\s+Stop the selected container/);
    expect(help).toMatch(/\bf1\s+Show or hide this help/);
  });

  it('hints in messages name the new key', async () => {
    const d = await mount({ actions: actionTable({ keys: { 'containers.toggleAll': ['A'] }, commands: [] }), engine: new FakeEngine({ containers: [] }) });
    await d.waitForText('No running containers (A: show all)');
  });
});

// blessed keeps each cell as [attr, char]; attr = flags << 18 | fg << 9 | bg, 0x1ff = default.
type Cell = { ch: string; fg: number; bg: number };
const cellsOf = (d: Driver): Cell[] =>
  (d.screen as unknown as { lines: [number, string][][] }).lines.flatMap((row) => row.map(([attr, ch]) => ({ ch, fg: (attr >> 9) & 0x1ff, bg: attr & 0x1ff })));

/** WCAG contrast of two colours given as xterm 256-colour indexes (blessed's RGB for them). */
function contrast(a: number, b: number): number {
  const lum = (i: number) => {
    const [r, g, bl] = (colors.vcolors as number[][])[i]!.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const WHITE = 15;
const BLACK = 0;
const DEFAULT = 0x1ff;

async function lightScreens(terminal: string): Promise<Cell[]> {
  const d = await mount({ theme: themeFor('light', {}, true), terminal });
  await d.waitForText('web');
  const cells = cellsOf(d);
  await d.press('?');
  await d.waitForText('Everywhere');
  cells.push(...cellsOf(d));
  await d.press('escape', 'd');
  await d.waitForText('remove container');
  cells.push(...cellsOf(d));
  await d.press('escape', 's');
  await d.waitForText('stopped web');
  cells.push(...cellsOf(d));
  return cells.filter((c) => c.ch.trim() && c.ch !== '\x03');
}

describe('the light theme', () => {
  it('reads on a white background in 256 colours: every text colour has a contrast of 4.5 or more', async () => {
    const cells = await lightScreens('xterm-256color');
    const coloured = cells.filter((c) => c.fg !== DEFAULT);
    expect(coloured.length).toBeGreaterThan(50);
    for (const c of cells) {
      // The terminal's own text colour on its own background is readable by definition.
      if (c.fg === DEFAULT && c.bg === DEFAULT) continue;
      const fg = c.fg === DEFAULT ? BLACK : c.fg;
      const bg = c.bg === DEFAULT ? WHITE : c.bg;
      expect(contrast(fg, bg), `'${c.ch}' in colour ${c.fg} on ${c.bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses no light colour as text on 8-colour terminals (yellow, cyan, white, bright ones)', async () => {
    const cells = await lightScreens('xterm');
    const onWhite = cells.filter((c) => c.bg === DEFAULT && c.fg !== DEFAULT);
    expect(onWhite.length).toBeGreaterThan(50);
    // blessed reduces at draw time: apply the same reduction to what the cells hold.
    const shown = new Set(onWhite.map((c) => colors.reduce(c.fg, 8)));
    for (const light of [3, 6, 7]) expect(shown.has(light), `colour ${light}`).toBe(false);
  });

  it('keeps NO_COLOR: no colour at all', async () => {
    const d = await mount({ theme: themeFor('light', { ok: 'red' }, false) });
    await d.waitForText('web');
    expect(cellsOf(d).filter((c) => c.fg !== DEFAULT || c.bg !== DEFAULT)).toEqual([]);
  });

  it('takes the user\'s colours over the theme\'s', async () => {
    const theme = themeFor('light', { ok: 'magenta' }, true);
    expect(theme.paint('up', 'ok')).toBe('{magenta-fg}up{/magenta-fg}');
    expect(themeFor('monochrome', { ok: 'magenta' }, true).paint('up', 'ok')).toBe('up');
  });
});

describe('ASCII mode', () => {
  const nonAscii = (text: string) => [...new Set(text.match(/[^\x20-\x7e\n]/g) ?? [])];

  it.each([
    [80, 24],
    [200, 50],
  ])('leaves only ASCII on a %dx%d screen, whatever it shows', async (cols, rows) => {
    const engine = new FakeEngine({
      containers: [fakeContainer({ name: 'wéb-日本-🚢' }), fakeContainer({ name: 'db', state: 'exited', status: 'Exited (0) 1 hour ago' })],
      images: [fakeImage({ repository: 'app', tag: '1' })],
    });
    const d = await mountShell({ engine, cols, rows, ascii: true });
    open.push(d);
    const seen: string[] = [];
    const look = async () => seen.push(await d.text());
    await d.waitForText('running');
    await look();
    // The sort arrow, the filter's cursor, a dialog's marker, the help, another pane's focus marker.
    await d.press('o', 'O');
    await look();
    await d.press('/');
    await look();
    await d.press('escape', '?');
    await look();
    await d.press('escape', 'd');
    await look();
    await d.press('escape', 'tab');
    await look();
    await d.press('tab', 'tab');
    await look();
    const all = seen.join('\n');
    expect(nonAscii(all)).toEqual([]);
    expect(all).toContain('+-');
    expect(all).toContain('| ');
    expect(all).toMatch(/> containers|> images|> logs|> volumes/);
  });

  it('shows the same screen with box characters when off', async () => {
    const d = await mount({ cols: 80, rows: 24 });
    expect(await d.waitForText('web')).toMatch(/[┌│▶]/);
  });
});

describe('copy to the clipboard', () => {
  const osc52 = (text: string) => `\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`;

  it('y writes the full id with OSC 52 when the config allows, and shows it', async () => {
    const d = await mount({ settings: { clipboard: true } });
    await d.waitForText('web');
    await d.press('y');
    const screen = await d.waitForText('(copied to the clipboard)');
    const id = d.engine.containers.find((c) => c.name === 'web')!.id;
    expect(screen).toContain(`web: ${id}`);
    expect(d.written()).toContain(osc52(id));
  });

  it('only shows the id when it does not (the default)', async () => {
    const d = await mount();
    await d.waitForText('web');
    await d.press('y');
    const id = d.engine.containers.find((c) => c.name === 'web')!.id;
    const screen = await d.waitForText(`web: ${id}`);
    expect(screen).not.toContain('clipboard');
    expect(d.written()).not.toContain('\x1b]52;');
  });
});

describe('the mouse (mouse: true)', () => {
  /** What the terminal's mouse report becomes in blessed: a program event, as a real click would give. */
  const mouse = (d: Driver, action: string, x: number, y: number) =>
    (d.screen as unknown as { program: { emit(e: string, data: object): void } }).program.emit('mouse', { action, x, y, button: action === 'mousedown' ? 'left' : 'middle' });

  it('a click focuses the pane under it and selects the row clicked; the wheel scrolls', async () => {
    const d = await mount({ mouse: true, engine: new FakeEngine({ containers: ['a1', 'b2', 'c3', 'd4', 'e5'].map((name) => fakeContainer({ name })), images: [fakeImage({ repository: 'app', tag: '1' }), fakeImage({ repository: 'zed', tag: '2' })] }) });
    let screen = await d.waitForText('e5');
    const lines = screen.split('\n');
    // Select c3 by clicking its row.
    mouse(d, 'mousedown', 5, lines.findIndex((l) => l.includes('c3')));
    await d.press('y');
    await d.waitForText(/c3: c/);
    // A click in the images pane focuses it, on the row clicked.
    screen = await d.text();
    mouse(d, 'mousedown', 5, screen.split('\n').findIndex((l) => l.includes('zed')));
    screen = await d.waitForText('▶ images');
    await d.press('d');
    await d.waitForText(/remove image[\s\S]*zed:2/);
    await d.press('escape');
    // The wheel moves the selection in the focused pane: up from zed to app.
    mouse(d, 'wheelup', 5, 5);
    await d.press('d');
    await d.waitForText(/remove image[\s\S]*app:1/);
  });

  it('does nothing when off (the default)', async () => {
    const d = await mount();
    const screen = await d.waitForText('web');
    mouse(d, 'mousedown', 5, screen.split('\n').findIndex((l) => l.includes('images')) + 2);
    expect(await d.text()).toContain('▶ containers');
  });
});

describe('copy in the container detail', () => {
  const osc52 = (text: string) => `\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`;
  const INSPECT = JSON.parse(readFileSync(new URL('./fixtures/container-inspect-running.json', import.meta.url), 'utf8')) as RawInspect;

  it('y copies the value of the line the search is on, else the full id', async () => {
    const web = fakeContainer({ name: 'web' });
    const engine = new FakeEngine({ containers: [web] });
    engine.inspectRaw.set(web.id, INSPECT);
    const d = await mount({ engine, settings: { clipboard: true } });
    await d.waitForText('web');
    await d.press('enter');
    await d.waitForText('web · Overview');
    await d.press('y');
    await d.waitForText(`web: ${web.id} (copied to the clipboard)`);
    expect(d.written()).toContain(osc52(web.id));
    await d.press('/');
    await d.type('image');
    await d.press('enter');
    await d.press('y');
    await d.waitForText('berth-rec:1 (copied to the clipboard)');
    expect(d.written()).toContain(osc52('berth-rec:1'));
  });

  it('reads the value of a field, a variable and a JSON member', () => {
    expect(lineValue('image          berth-rec:1')).toBe('berth-rec:1');
    expect(lineValue('               second value')).toBe('second value');
    expect(lineValue('DB_URL=postgres://a=b@h/db')).toBe('postgres://a=b@h/db');
    expect(lineValue('    "IPAddress": "10.0.0.2",')).toBe('10.0.0.2');
    expect(lineValue('    "Running": true,')).toBe('true');
    expect(lineValue('short')).toBe('short');
  });
});
