// The events view, in-process: live from the event log, newest first, filtered by type and text.
import { afterEach, describe, expect, it } from 'vitest';
import type { DockerEvent } from '../../src/docker/events.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const ev = (type: string, action: string, name: string, extra: Record<string, string> = {}): DockerEvent => ({
  type,
  action,
  id: 'f'.repeat(64),
  attributes: { name, ...extra },
  timeMs: Date.parse('2026-11-29T10:00:00Z'),
});

describe('the events view', () => {
  it('shows events as they arrive, newest first, and goes back with esc', async () => {
    const d = await mountShell({ cols: 160, rows: 40 });
    open.push(d);
    d.events.push(ev('container', 'create', 'web', { image: 'app:1' }));
    await d.press('E');
    await d.waitForText('1 seen');
    d.events.push(ev('container', 'die', 'web', { exitCode: '137' }));
    d.events.push(ev('network', 'create', 'appnet', { type: 'bridge' }));
    const t = await d.waitForText('3 seen');
    const lines = t.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('appnet')).toBeLessThan(at('exitCode=137'));
    expect(at('exitCode=137')).toBeLessThan(lines.findIndex((l) => /create\s+web/.test(l)));
    await d.press('escape');
    await d.waitForText('▶ containers');
  });

  it('cycles the type shown and filters by text', async () => {
    const d = await mountShell({ cols: 160, rows: 40 });
    open.push(d);
    d.events.push(ev('container', 'start', 'web'));
    d.events.push(ev('volume', 'create', 'data', { driver: 'local' }));
    d.events.push(ev('network', 'connect', 'appnet', { container: 'abc' }));
    await d.press('E');
    await d.waitForText('3 seen');
    await d.press('t');
    let t = await d.waitForText('events (container)');
    expect(t).not.toContain('appnet');
    await d.press('t');
    t = await d.waitForText('events (image)');
    expect(t).toContain('No event matches.');
    await d.press('t', 't');
    t = await d.waitForText('events (network)');
    expect(t).toContain('appnet');
    await d.press('t', 't', '/');
    await d.type('driver=local');
    t = await d.waitForText('/driver=local');
    expect(t).toContain('data');
    expect(t).not.toMatch(/\bweb\b/);
  });
});
