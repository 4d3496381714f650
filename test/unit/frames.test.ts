import { describe, expect, it } from 'vitest';
import { shellFrames } from '../../src/screens/shell/frames.js';
import { box, changeCount, screen as makeScreen, setContent } from '../../src/widgets/blessed.js';
import { PassThrough } from 'node:stream';

const tick = () => new Promise((r) => setTimeout(r, 60));

describe('shell frames', () => {
  it('renders after a data repaint only when the repaint changed what an element shows', async () => {
    let paints = 0;
    let renders = 0;
    let count = 0;
    let change = false;
    const frames = shellFrames(
      () => {
        paints++;
        if (change) count++;
      },
      () => renders++,
      () => count,
    );
    frames.request(); // a key, a resize: always drawn
    await tick();
    expect([paints, renders]).toEqual([1, 1]);
    frames.requestData();
    await tick();
    expect([paints, renders]).toEqual([2, 1]);
    change = true;
    frames.requestData();
    await tick();
    expect([paints, renders]).toEqual([3, 2]);
    change = false;
    frames.requestLog(); // the log view draws itself during the render
    await new Promise((r) => setTimeout(r, 150));
    expect(renders).toBe(3);
    frames.stop();
  });
});

describe("blessed's change count", () => {
  it('moves when content, visibility or place changes, and not for the same text again', () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 40, rows: 10 });
    const screen = makeScreen({ input, output, terminal: 'xterm' } as never);
    try {
      const b = box({ parent: screen, top: 0, left: 0, width: 10, height: 3 });
      let before = changeCount();
      setContent(b, 'one');
      expect(changeCount()).toBeGreaterThan(before);
      before = changeCount();
      setContent(b, 'one');
      expect(changeCount()).toBe(before);
      b.hide();
      expect(changeCount()).toBeGreaterThan(before);
      before = changeCount();
      b.show();
      expect(changeCount()).toBeGreaterThan(before);
      before = changeCount();
      b.top = 2;
      expect(changeCount()).toBeGreaterThan(before);
    } finally {
      screen.destroy();
    }
  });
});
