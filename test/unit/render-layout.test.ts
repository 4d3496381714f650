import { describe, expect, it } from 'vitest';
import { paneLayout } from '../../src/render/panes.js';
import { age, formatMemory, formatPorts, formatSize } from '../../src/render/format.js';
import { LineEditor } from '../../src/widgets/line-editor.js';

describe('pane layout', () => {
  it('says too small below the minimum', () => {
    expect(paneLayout(50, 24, 'main').mode).toBe('tooSmall');
    expect(paneLayout(80, 10, 'main').mode).toBe('tooSmall');
  });

  it('shows one pane at a time at 80x24, the focused one', () => {
    const l = paneLayout(80, 24, 'side');
    expect(l.mode).toBe('tabs');
    if (l.mode === 'tooSmall') throw new Error('unexpected');
    expect(Object.keys(l.panes)).toEqual(['side']);
    expect(l.panes.side).toEqual({ top: 1, left: 0, width: 80, height: 22 });
  });

  it('stacks all panes when tall, and puts logs beside when wide', () => {
    const stacked = paneLayout(120, 35, 'main');
    expect(stacked.mode).toBe('stacked');
    const wide = paneLayout(200, 50, 'main');
    expect(wide.mode).toBe('wide');
    for (const l of [stacked, wide]) {
      if (l.mode === 'tooSmall') throw new Error('unexpected');
      const rects = Object.values(l.panes);
      expect(rects).toHaveLength(3);
      // Everything fits between the status bar and the footer.
      for (const r of rects) expect(r.top + r.height).toBeLessThanOrEqual(l === wide ? 49 : 34);
    }
  });
});

describe('formatting', () => {
  it('writes ages like docker', () => {
    expect(age(0, 1000)).toBe('');
    expect(age(1_000_000, 1_000_000 + 3 * 60_000 + 5000)).toBe('3 minutes');
    expect(age(1_000_000, 1_000_000 + 500)).toBe('Less than a second');
  });

  it('writes sizes in decimal and memory in binary units', () => {
    expect(formatSize(0)).toBe('0B');
    expect(formatSize(5_242_880)).toBe('5.24MB');
    expect(formatSize(1_200_000_000)).toBe('1.2GB');
    expect(formatMemory(1024 * 1024 * 12.5)).toBe('12.5MiB');
    expect(formatMemory(512)).toBe('512B');
  });

  it('writes ports like docker ps', () => {
    expect(formatPorts([{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }, { privatePort: 443, type: 'tcp' }])).toBe('8080->80/tcp, 443/tcp');
    expect(formatPorts([{ privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' }])).toBe('127.0.0.1:8080->80/tcp');
  });
});

describe('the line editor', () => {
  it('edits like a shell prompt', () => {
    const e = new LineEditor('/srv');
    e.handle({ ch: '/' });
    e.handle({ ch: 'x' });
    expect(e.value).toBe('/srv/x');
    e.handle({ full: 'backspace' });
    e.handle({ full: 'home' });
    e.handle({ ch: '~' });
    expect(e.value).toBe('~/srv/');
    e.handle({ full: 'C-u' });
    expect(e.value).toBe('/srv/');
    e.handle({ full: 'end' });
    e.handle({ full: 'C-w' });
    expect(e.value).toBe('');
  });

  it('refuses control characters, so a pasted escape never lands in a path', () => {
    const e = new LineEditor('');
    expect(e.handle({ ch: '\x1b' })).toBe(false);
    expect(e.handle({ ch: '\x07' })).toBe(false);
    expect(e.value).toBe('');
  });
});
