// The containers pane keeps its rows between draws (table-cache.ts) and the table keeps the
// lines it drew: what the screen shows must still follow every change (a figure, a re-sort,
// a new list, a mark), and the selection must stay on the same container.
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerUsage } from '../../src/docker/usage.js';
import { FakeEngine, fakeContainer } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function mount(cols = 120): Promise<Driver> {
  const engine = new FakeEngine({ containers: ['alpha', 'bravo', 'charlie'].map((name) => fakeContainer({ name })) });
  const d = await mountShell({ engine, cols, settings: { stats: true } });
  open.push(d);
  await d.waitForText('charlie');
  return d;
}

const setCpu = (d: Driver, cpu: Record<string, number>) =>
  d.store.update({
    usage: new Map<string, ContainerUsage>(d.engine.containers.map((c) => [c.id, { cpuPercent: cpu[c.name] ?? 0, memoryBytes: 1 << 20, memoryLimit: 1 << 30 }])),
  });

/** The containers pane's rows as drawn, top to bottom (names only). */
const order = (text: string) => [...text.matchAll(/\b(alpha|bravo|charlie|delta)\b/g)].map((m) => m[1]);

describe('the containers pane between draws', () => {
  it('sorted by CPU, re-sorts when a figure moves and keeps the selection on the same container', async () => {
    const d = await mount();
    setCpu(d, { alpha: 1, bravo: 2, charlie: 3 });
    await d.press('down');
    await d.press('o', 'o');
    let t = await d.waitForText('↕cpu');
    expect(order(t).slice(0, 3)).toEqual(['charlie', 'bravo', 'alpha']);
    await d.press('y');
    await d.waitForText(/bravo: c[0-9a-f]+/);
    // bravo's figure jumps: it moves to the top, and stays selected.
    setCpu(d, { alpha: 1, bravo: 50, charlie: 3 });
    t = await d.waitForText('50.0');
    expect(order(t).slice(0, 3)).toEqual(['bravo', 'charlie', 'alpha']);
    await d.press('y');
    await d.waitForText(/bravo: c[0-9a-f]+/);
  });

  it('sorted by state, a figure changes on screen and the order stays', async () => {
    const d = await mount();
    setCpu(d, { alpha: 1 });
    let t = await d.waitForText('1.0');
    expect(order(t).slice(0, 3)).toEqual(['alpha', 'bravo', 'charlie']);
    setCpu(d, { alpha: 1, charlie: 77 });
    t = await d.waitForText('77.0');
    expect(order(t).slice(0, 3)).toEqual(['alpha', 'bravo', 'charlie']);
  });

  it('a new list keeps the selection on its container; a mark and an unmark are drawn', async () => {
    const d = await mount();
    await d.press('down', 'down');
    d.engine.containers.unshift(fakeContainer({ name: 'able' }));
    await d.refresh();
    let t = await d.waitForText('able');
    expect(t).toContain('able');
    await d.press('y');
    await d.waitForText(/charlie: c[0-9a-f]+/);
    await d.press('space');
    t = await d.waitForText('1 marked');
    expect(t).toMatch(/\*charlie/);
    await d.press('escape');
    t = await d.text();
    expect(t).not.toMatch(/\*charlie/);
    expect(t).toMatch(/ charlie/);
  });

  it('lays the columns out again when the terminal is resized', async () => {
    const d = await mount(80);
    let t = await d.text();
    expect(t).not.toContain('PORTS');
    const output = d.screen.program.output as unknown as { columns: number; emit(e: string): void };
    output.columns = 200;
    output.emit('resize');
    t = await d.waitForText('PORTS');
    expect(t).toContain('charlie');
  });
});
