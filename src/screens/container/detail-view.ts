// The container detail: a view pushed over the panes with sections moved between by key
// (overview, env, mounts, health, processes, graphs, raw). Its feeds run only while it is
// shown; it closes itself when the container is removed, and says so when the daemon goes
// away, until it answers again.
import * as lite from '../../widgets/blessed.js';
import type { ContainerSummary } from '../../docker/containers.js';
import type { ContainerDetails, RawInspect } from '../../docker/container-inspect.js';
import type { DockerEvent } from '../../docker/events.js';
import { cell } from '../../render/cells.js';
import type { TopResult } from '../../render/detail/processes.js';
import { graphCharts, toPoint, type StatsPoint } from '../../render/detail/stats-series.js';
import { LogBuffer } from '../../state/log-buffer.js';
import { ChartGrid, loadLineCharts } from '../../widgets/chart-grid.js';
import { TextView } from '../../widgets/text-view.js';
import { escapeTags } from '../../widgets/theme.js';
import type { ScreenContext } from '../context.js';
import { textHandlers } from '../text-keys.js';
import type { Handlers, Shell, View } from '../view.js';
import { containerFeeds } from './feeds.js';
import type { DETAIL_ACTIONS } from './keys.js';
import { killDialog, renameDialog } from './kill-rename.js';
import { lineValue } from '../../render/detail/lines.js';
import { graphsHead, needsOf, SECTION_TITLES, SECTIONS, sectionLines, type Section } from './sections.js';

/** Five minutes of samples at one a second. */
const STATS_KEPT = 300;
const TIMELINE_KEPT = 200;

export function openContainerDetail(ctx: ScreenContext, shell: Shell, c: ContainerSummary): View {
  const theme = ctx.host.theme;
  const box = lite.box({ parent: ctx.host.screen, top: 1, left: 0, width: '100%', height: '100%-2' });
  const tabs = lite.box({ parent: box, top: 0, left: 0, width: '100%', height: 1, tags: true });
  const text = new TextView(box, theme, c.name);
  text.box.height = '100%-1';
  let grid: ChartGrid | undefined;

  let name = c.name;
  let section: Section = 'overview';
  let details: ContainerDetails | undefined;
  let raw: RawInspect | undefined;
  let top: TopResult | null | undefined;
  let revealed = false;
  let daemonDown = false;
  let shownText = '';
  const ring = new LogBuffer<StatsPoint>({ capacity: STATS_KEPT });
  const timeline: DockerEvent[] = [];

  const points = () => {
    const out: StatsPoint[] = [];
    for (let s = ring.firstSeq; s < ring.endSeq; s++) out.push(ring.at(s)!);
    return out;
  };
  const data = () => ({ ...(details ? { details } : {}), ...(raw ? { raw } : {}), ...(top !== undefined ? { top } : {}), points: points(), timeline, revealed });

  const feeds = containerFeeds(ctx.engine, c.id, c.created, {
    details(d, r) {
      details = d;
      raw = r;
      name = d.name;
      shell.requestFrame();
    },
    top(t) {
      top = t ?? null;
      shell.requestFrame();
    },
    sample(s) {
      ring.push(toPoint(s, ring.last()));
      shell.requestFrame();
    },
    event(ev) {
      timeline.push(ev);
      if (timeline.length > TIMELINE_KEPT) timeline.shift();
      shell.requestFrame();
    },
    removed() {
      ctx.store.say(`${name}: container removed`, 'error');
      shell.closeView(view);
    },
    daemon(sentence) {
      daemonDown = sentence !== undefined;
      ctx.store.say(sentence ?? `the daemon answers again: ${name} is live again`, sentence ? 'error' : 'info');
      shell.requestFrame();
    },
  });

  const show = (next: Section) => {
    if (next !== section) text.search(undefined);
    section = next;
    shownText = '';
    text.toStart();
    feeds.want(needsOf(section));
    if (section === 'graphs') {
      grid ??= new ChartGrid(text.box, theme);
      // The chart code loads on first use (its cost is not paid by every start).
      if (!ChartGrid.ready) void loadLineCharts().then(() => shell.requestFrame());
    }
    shell.requestFrame();
  };
  const step = (delta: number) => show(SECTIONS[(SECTIONS.indexOf(section) + delta + SECTIONS.length) % SECTIONS.length]!);
  const target = () => {
    // The Graphs' numbers as text, made when asked for (saving) rather than every frame.
    if (section === 'graphs') text.setLines(sectionLines('graphs', data(), Date.now(), hints()));
    return { text, title: `${name} ${SECTION_TITLES[section].toLowerCase()}`, fileName: section === 'raw' ? `${name}.json` : `${name}-${section}.txt` };
  };
  const me = () => ({ id: c.id, name });
  const hints = () => ({ reveal: shell.keyOf('detail.reveal') });

  const handlers: Handlers<typeof DETAIL_ACTIONS, 'detail'> = {
    ...textHandlers(ctx, shell, 'detail', target),
    'detail.nextSection': () => step(1),
    'detail.prevSection': () => step(-1),
    'detail.copy': () => {
      const line = text.currentMatch();
      const value = line === undefined ? c.id : lineValue(line);
      const copied = ctx.copy(value) ? ' (copied to the clipboard)' : '';
      ctx.store.say(line === undefined ? `${name}: ${value}${copied}` : `${value}${copied}`);
    },
    'detail.reveal': () => {
      revealed = !revealed;
      if (section !== 'env') show('env');
      ctx.store.say(revealed ? 'secret-looking values shown' : 'secret-looking values masked');
    },
    'detail.kill': async () => {
      await killDialog(ctx, me());
      feeds.reload();
    },
    'detail.rename': async () => {
      const renamed = await renameDialog(ctx, me());
      if (renamed) name = renamed;
      feeds.reload();
    },
  };

  const tabLine = () => {
    const names = SECTIONS.map((s) => (s === section ? theme.selectedRow(` ${SECTION_TITLES[s]} `) : ` ${SECTION_TITLES[s]} `)).join('');
    const hint = `${shell.keyOf('detail.prevSection')}/${shell.keyOf('detail.nextSection')}: sections`;
    return `${names}${daemonDown ? theme.paint(' daemon not answering: retrying', 'error') : theme.paint(` ${hint}`, 'muted')}`;
  };

  const drawGraphs = () => {
    const d = data();
    grid!.set(graphsHead(d), d.points.length ? graphCharts(d.points, details?.memoryLimit ?? 0) : [], ring.endSeq);
    grid!.draw();
  };

  const view: View = {
    scope: 'detail',
    box,
    handlers,
    actionContext: () => ({ hasSelection: true, container: { state: details?.state ?? c.state } }),
    draw(_snap, now) {
      tabs.setContent(tabLine());
      text.box.setLabel(` ${escapeTags(name)} · ${SECTION_TITLES[section]} `);
      if (section === 'graphs') {
        // The charts draw inside the text's frame; its text (the numbers) is kept for saving.
        grid!.box.show();
        drawGraphs();
        text.box.setContent('');
        return;
      }
      grid?.box.hide();
      const lines = sectionLines(section, data(), now, hints());
      const joined = lines.join('\n');
      // Only a change re-wraps the text (and keeps the reader's place in a live section).
      if (joined !== shownText) text.setLines(lines, { keepPlace: shownText !== '' });
      shownText = joined;
      text.draw();
    },
    start() {
      feeds.start();
      feeds.want(needsOf(section));
    },
    stop() {
      feeds.stop();
    },
    footer: () => [cell(section === 'graphs' ? `${ring.length} samples kept` : text.where(), 'muted')],
    close() {
      feeds.stop();
      grid?.destroy();
      box.destroy();
    },
  };
  return view;
}
