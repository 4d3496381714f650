// The list panes' filter (src/screens/list-filter.ts), the same in every pane: typed at the
// filter key, it hides the rows it does not match, shows in the label, and clears with esc.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, fakeContainer, fakeImage, fakeNetwork, fakeVolume } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const open: Driver[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

const panes = [
  { key: '2', label: 'images', keep: 'apple', hide: 'banana' },
  { key: '4', label: 'volumes', keep: 'apricot-data', hide: 'berry-data' },
  { key: '5', label: 'networks', keep: 'ash-net', hide: 'birch-net' },
] as const;

describe('the filter of a list pane', () => {
  it.each(panes)('$label: hides what it does not match, notes it in the label, and esc clears it', async ({ key, label, keep, hide }) => {
    const engine = new FakeEngine({
      containers: [fakeContainer({ name: 'web' })],
      images: [fakeImage({ repository: 'apple' }), fakeImage({ repository: 'banana' })],
      volumes: [fakeVolume({ name: 'apricot-data' }), fakeVolume({ name: 'berry-data' })],
      networks: [fakeNetwork({ name: 'ash-net' }), fakeNetwork({ name: 'birch-net' })],
    });
    const d = await mountShell({ engine, cols: 140 });
    open.push(d);
    await d.press(key);
    let t = await d.waitForText(`▶ ${label}`);
    await d.waitForText(hide);
    await d.press('/');
    await d.type(keep.slice(0, 2));
    await d.press('enter');
    t = await d.waitForText(`${label} /${keep.slice(0, 2)}`);
    expect(t).toContain(keep);
    expect(t).not.toContain(hide);
    await d.press('/');
    await d.type('zzz');
    t = await d.waitForText('Nothing matches the filter.');
    await d.press('escape');
    t = await d.waitForText(hide);
    expect(t).not.toContain(`${label} /`);
    expect(t).toContain(keep);
  });
});
