import blessed from 'blessed';
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLine, ParsedLine } from '../../src/render/log-lines.js';
import { formatLogTime } from '../../src/render/log-time.js';
import { LogBuffer } from '../../src/state/log-buffer.js';
import { LogView } from '../../src/widgets/log-view/log-view.js';
import { makeTheme } from '../../src/widgets/theme.js';

interface Mounted {
  screen: blessed.Widgets.Screen;
  view: LogView;
  output: () => string;
  requests: () => number;
  /** Renders like the frame scheduler would, then returns the screen's rows as text. */
  frame(): string[];
}

const mounted: Mounted[] = [];

/** blessed's drawn cells, [attribute, character] (its typings do not declare them). */
const cellsOf = (screen: blessed.Widgets.Screen) => (screen as unknown as { lines: Array<Array<[number, string]>> }).lines;

function mount(opts: { cols?: number; rows?: number; color?: boolean; capacity?: number; feeder?: object } = {}): Mounted {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: () => void };
  input.isTTY = true;
  input.setRawMode = () => {};
  const out = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; rows: number };
  out.isTTY = true;
  out.columns = opts.cols ?? 60;
  out.rows = opts.rows ?? 12;
  let written = '';
  out.on('data', (d: Buffer) => (written += d.toString('utf8')));
  const screen = blessed.screen({ input, output: out, terminal: 'xterm-256color', fullUnicode: true, warnings: false } as blessed.Widgets.IScreenOptions);
  let requests = 0;
  const view = new LogView({
    parent: screen,
    theme: makeTheme(opts.color ?? false),
    buffer: new LogBuffer<LogLine>({ capacity: opts.capacity ?? 10_000 }),
    requestRender: () => requests++,
    label: 'logs · web',
    ...(opts.feeder ? { feeder: opts.feeder } : {}),
  });
  const m: Mounted = {
    screen,
    view,
    output: () => written,
    requests: () => requests,
    frame() {
      screen.render();
      // blessed fills the cell after a wide character with \x03.
      return cellsOf(screen).map((row) => row.map((c) => c[1].replace('\x03', '')).join(''));
    },
  };
  mounted.push(m);
  return m;
}

afterEach(() => {
  for (const m of mounted.splice(0)) {
    m.view.destroy();
    m.screen.destroy();
  }
});

const lines = (texts: string[], stream: ParsedLine['stream'] = 'stdout'): ParsedLine[] => texts.map((text) => ({ stream, text }));
const numbered = (from: number, to: number) => lines(Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`));
/** What the view set as content (tags not yet parsed). */
const content = (m: Mounted) => (m.view.box as unknown as { content: string }).content;
const screenText = (rows: string[]) => rows.join('\n');
/** The rows between the borders, trimmed. */
const inner = (rows: string[]) => rows.slice(1, -1).map((r) => r.slice(1, -1).trimEnd());

describe('idle', () => {
  // Regression: the main screen sets focus and label on every paint; when that asked for
  // another render each time, berth repainted 30 times a second with nothing to show.
  it('asks for no render when focus or label are set to what they already are', () => {
    const m = mount();
    m.view.setFocused(true);
    m.view.setLabel('logs · web');
    const before = m.requests();
    for (let i = 0; i < 10; i++) {
      m.view.setFocused(true);
      m.view.setLabel('logs · web');
      m.view.draw();
    }
    expect(m.requests()).toBe(before);
  });
});

describe('LogView', () => {
  it('follows the end, drawing only the rows that fit', () => {
    const m = mount();
    m.view.append(numbered(1, 100));
    const rows = inner(m.frame());
    // 12 rows: 2 border rows, 1 status row, 9 rows of lines.
    expect(rows.slice(0, 9).map((r) => r.trim())).toEqual(numbered(92, 100).map((l) => l.text));
    expect(rows[9]).toContain('following');
    expect(m.view.box.getContent().split('\n')).toHaveLength(10);
  });

  it('pauses when scrolled up, counts new lines, and resumes at the end', () => {
    const m = mount();
    m.view.append(numbered(1, 100));
    m.view.scrollBy(-3);
    m.view.append(numbered(101, 104));
    const rows = inner(m.frame());
    expect(rows[8]!.trim()).toBe('line 97');
    expect(rows[9]).toContain('paused, 4 new lines');
    expect(m.view.status()).toMatchObject({ following: false, paused: true, newLines: 4 });
    m.view.resumeFollow();
    const after = inner(m.frame());
    expect(after[8]!.trim()).toBe('line 104');
    expect(after[9]).toContain('following');
  });

  it('resumes following when scrolled back down to the end', () => {
    const m = mount();
    m.view.append(numbered(1, 50));
    m.view.pageUp();
    expect(m.view.status().following).toBe(false);
    m.view.pageDown();
    expect(m.view.status().following).toBe(true);
  });

  it('searches: counts matches, moves with n/N and highlights', () => {
    const m = mount({ color: true });
    m.view.append(numbered(1, 40));
    m.view.append(lines(['an Error here', 'fine', 'ERROR again']));
    expect(m.view.startSearch('error')).toBe(2);
    expect(m.view.status()).toMatchObject({ matches: 2, match: 2, search: 'error' });
    expect(screenText(m.frame())).toContain('/error: match 2 of 2');
    m.view.nextMatch();
    expect(m.view.status().match).toBe(1);
    m.view.prevMatch();
    expect(m.view.status().match).toBe(2);
    m.frame();
    expect(content(m)).toMatch(/\{black-fg\}\{(yellow|green)-bg\}ERROR/);
    expect(m.view.startSearch('nothing like it')).toBe(0);
    expect(screenText(m.frame())).toContain('no match');
  });

  it('moving to a match far up pauses and shows it', () => {
    const m = mount();
    m.view.append(lines(['needle at the top']));
    m.view.append(numbered(1, 200));
    m.view.startSearch('needle');
    expect(screenText(m.frame())).toContain('needle at the top');
    expect(m.view.status().following).toBe(false);
  });

  it('filters to the matching lines only, and back', () => {
    const m = mount();
    m.view.append(numbered(1, 30));
    m.view.setFilter('line 2');
    const rows = inner(m.frame());
    expect(rows.filter((r) => r.trim().startsWith('line')).map((r) => r.trim())).toEqual(numbered(21, 29).map((l) => l.text));
    expect(rows[9]).toContain('filter: line 2');
    expect(m.view.status().lines).toBe(11);
    m.view.append(lines(['line 200', 'other']));
    expect(m.view.status().lines).toBe(12);
    m.view.setFilter(undefined);
    expect(m.view.status().lines).toBe(32);
  });

  it('marks stderr lines, visibly without colour, and filters by stream', () => {
    const m = mount();
    m.view.append([...lines(['to stdout']), ...lines(['to stderr'], 'stderr')]);
    let rows = inner(m.frame());
    expect(rows).toContain('  to stdout');
    expect(rows).toContain('! to stderr');
    expect(m.view.cycleStreamFilter()).toBeUndefined();
    expect(m.view.status().streamFilter).toBe('stdout');
    rows = inner(m.frame());
    expect(rows.some((r) => r.includes('to stderr'))).toBe(false);
    m.view.cycleStreamFilter();
    rows = inner(m.frame());
    expect(rows.some((r) => r.includes('to stdout'))).toBe(false);
    expect(rows[9]).toContain('stderr only');
  });

  it('paints the stderr marker in colour when colour is on', () => {
    const m = mount({ color: true });
    m.view.append(lines(['boom'], 'stderr'));
    m.frame();
    expect(content(m)).toContain('{red-fg}▌{/red-fg} boom');
  });

  it('says why the stream filter does not apply to a TTY container', () => {
    const m = mount();
    m.view.append(lines(['raw'], 'tty'));
    expect(m.view.cycleStreamFilter()).toMatch(/TTY/);
  });

  it('neutralises a hostile line: no escape reaches the terminal, braces stay text', () => {
    const m = mount();
    m.view.pushChunk({ stream: 'stdout', data: Buffer.from('\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\x1b[?1049h{red-fg}ok{/red-fg}\x07\n') });
    return new Promise<void>((done) => {
      setImmediate(() => {
        const rows = inner(m.frame());
        expect(rows).toContain('  {red-fg}ok{/red-fg}');
        const raw = m.output();
        expect(raw).not.toContain('pwned');
        expect(raw).not.toContain(']52;');
        expect(raw).not.toContain('\x07');
        done();
      });
    });
  });

  it('lets nothing but drawing reach the terminal, and keeps the borders, whatever the lines hold', async () => {
    const m = mount({ color: true, cols: 40 });
    m.frame();
    const tick = () => new Promise((r) => setImmediate(r));
    await tick(); // blessed's own start-up sequences are written by now
    const pieces = ['\x1b]0;t\x07', '\x1b]52;c;eA==\x1b\\', '\x1b[2J', '\x1b[?1049h', '\x1bP+q\x1b\\', '\x9b6n', '\x9d0;t\x9c', '\x07', '\x1b[31m', '\x1b[38;5;999m', '\r', '\t', '{bold}', '🐳', '中', 'é', '\u202e', 'x'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((p) => p.join('')), { minLength: 1, maxLength: 12 }), async (texts) => {
        const before = m.output().length;
        m.view.pushChunk({ stream: 'stderr', data: Buffer.from(texts.join('\n') + '\n') });
        await tick();
        const rows = m.frame();
        await tick();
        const written = m.output().slice(before);
        expect(written.length).toBeGreaterThan(0);
        // No OSC, DCS, SOS, PM, APC, bell, screen clear, alternate screen, report request, C1.
        expect(written).not.toMatch(/\x1b[\]P^_X]|\x07|\x1b\[\?1049|\x1b\[2J|[\x80-\x9f]|\x1b\[6n/);
        for (const r of rows.slice(1, -1)) expect([r[0], r.at(-1)]).toEqual(['│', '│']);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a container colour within its line', () => {
    const m = mount({ color: true });
    m.view.append(lines(['\x1b[31mred', 'plain']));
    m.frame();
    expect(content(m)).toContain('\x1b[31mred\x1b[m');
    const plainRow = cellsOf(m.screen).find((r) => r.map((c) => c[1]).join('').includes('plain'))!;
    const pIdx = plainRow.findIndex((c) => c[1] === 'p');
    // The default attribute: no red foreground carried over from the line above.
    const fg = (plainRow[pIdx]![0] >> 9) & 0x1ff;
    expect(fg).not.toBe(1);
    m.view.setKeepColor(false);
    m.frame();
    expect(content(m)).not.toContain('\x1b[31m');
  });

  it('replaces emoji that blessed mis-measures, so the right border stays in place', () => {
    const m = mount({ cols: 30 });
    m.view.append(lines(['whale 🐳 ok ❤️ 👩‍💻 中文 end']));
    const rows = m.frame();
    const row = rows.find((r) => r.includes('whale'))!;
    expect(row).toContain('whale ?? ok ?? ?? 中文 end');
    // Every row is exactly as wide as the screen and ends with the border.
    for (const r of rows.slice(1, -1)) expect(r.at(-1)).toBe('│');
  });

  it('toggles wrap; without wrap, scrolls sideways', () => {
    const m = mount({ cols: 30 });
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ';
    m.view.append(lines([long]));
    let rows = inner(m.frame());
    expect(rows.filter((r) => r.trim()).length).toBeGreaterThan(2);
    expect(m.view.toggleWrap()).toBe(false);
    rows = inner(m.frame());
    expect(rows.find((r) => r.includes('abc'))!.trim()).toBe(long.slice(0, 26));
    expect(m.view.scrollRight(10)).toBe(true);
    rows = inner(m.frame());
    expect(rows.some((r) => r.trim() === long.slice(10, 36))).toBe(true);
    m.view.scrollLeft(100);
    expect(inner(m.frame()).some((r) => r.trim() === long.slice(0, 26))).toBe(true);
  });

  it('shows timestamps in local time, then with their ages too, or hides them', () => {
    const m = mount({ cols: 80 });
    const t = Date.now() - 3 * 60_000 - 5_000;
    const local = formatLogTime(t);
    m.view.append([{ stream: 'stdout', text: 'stamped', time: t, ts: 'x' }]);
    expect(screenText(m.frame())).not.toContain(local);
    expect(m.view.cycleTimestamps()).toBe('local time');
    expect(inner(m.frame())).toContain(`  ${local} stamped`);
    expect(m.view.cycleTimestamps()).toBe('local time and age');
    expect(m.view.status().ages).toBe(true);
    expect(inner(m.frame()).some((r) => r.startsWith(`  ${local} 3 minutes ago`) && r.includes(' stamped'))).toBe(true);
    expect(m.view.cycleTimestamps()).toBe('hidden');
    expect(screenText(m.frame())).not.toContain('minutes ago');
  });

  it('says when older lines were dropped', () => {
    const m = mount({ capacity: 20 });
    m.view.append(numbered(1, 50));
    expect(m.view.status().dropped).toBe(30);
    expect(screenText(m.frame())).toContain('30 older dropped');
    m.view.toStart();
    expect(inner(m.frame())[0]).toContain('30 older lines were dropped');
  });

  it('shows marker lines for berth events', () => {
    const m = mount();
    m.view.append(numbered(1, 3));
    m.view.markEvent('container stopped');
    expect(inner(m.frame()).some((r) => /─+ container stopped ─+/.test(r))).toBe(true);
  });

  it('renders the shown lines as text for saving', () => {
    const m = mount();
    m.view.append([...numbered(1, 12), ...lines(['on stderr'], 'stderr')]);
    m.view.markEvent('restarted');
    m.view.setFilter('1');
    expect(m.view.shownText()).toBe('line 1\nline 10\nline 11\nline 12\n');
  });

  it('continues after a restart without repeating lines', () => {
    const m = mount();
    m.view.append([
      { stream: 'stdout', text: 'a', ts: '2024-01-01T00:00:01.5Z', time: 0 },
      { stream: 'stdout', text: 'b', ts: '2024-01-01T00:00:02Z', time: 0 },
    ]);
    m.view.reattach('container restarted');
    m.view.append([
      { stream: 'stdout', text: 'a', ts: '2024-01-01T00:00:01.5Z', time: 0 },
      { stream: 'stdout', text: 'b', ts: '2024-01-01T00:00:02Z', time: 0 },
      { stream: 'stdout', text: 'c', ts: '2024-01-01T00:00:03Z', time: 0 },
    ]);
    expect(m.view.shownText()).toBe('a\nb\nc\n');
    expect(m.view.status().lastTimestamp).toBe('2024-01-01T00:00:03Z');
  });

  it("loses no line that shares a whole-second stamp with the last one shown (Podman's stamps)", () => {
    const m = mount();
    const at = (text: string, sec: number) => ({ stream: 'stdout' as const, text, ts: `2024-01-01T00:00:0${sec}Z`, time: 0 });
    m.view.append([at('a', 1), at('b', 2), at('c', 2)]);
    m.view.reattach('back from another view');
    // The reopened stream starts at the second of the last line: b and c again, then d of the same second.
    m.view.append([at('b', 2), at('c', 2), at('d', 2), at('e', 3)]);
    expect(m.view.shownText()).toBe('a\nb\nc\nd\ne\n');
    // And again, now with one line at the last stamp.
    m.view.reattach('container restarted');
    m.view.append([at('e', 3), at('f', 3)]);
    expect(m.view.shownText()).toBe('a\nb\nc\nd\ne\nf\n');
  });

  it('follows a stream across a stop and a restart, in order and without repeats', async () => {
    const m = mount();
    const chunk = (s: string) => ({ stream: 'stdout' as const, data: Buffer.from(s) });
    m.view.attach('logs · web', { timestamps: true });
    m.view.pushChunk(chunk('2024-01-01T00:00:01.5Z one\n2024-01-01T00:00:02Z two'));
    m.view.endOfStream('container stopped');
    m.view.reattach('container restarted');
    // The engine's since is whole seconds: the new stream repeats what was shown.
    m.view.pushChunk(chunk('2024-01-01T00:00:01.5Z one\n2024-01-01T00:00:02Z two\n2024-01-01T00:00:05Z three\n'));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const rows = inner(m.frame()).filter((r) => r.trim());
    expect(rows.slice(0, 5).map((r) => r.trim().replace(/─+/g, '─'))).toEqual(['one', 'two', '─ container stopped ─', '─ container restarted ─', 'three']);
    expect(m.view.shownText()).toBe('one\ntwo\nthree\n');
  });

  it('takes a 1 MB line without a newline in bounded pieces, and shows its end', async () => {
    const m = mount();
    m.view.attach('logs · big', { timestamps: false });
    m.view.pushChunk({ stream: 'stdout', data: Buffer.alloc(1024 * 1024, 'x') });
    m.view.pushChunk({ stream: 'stdout', data: Buffer.from('END\nafter\n') });
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    const rows = inner(m.frame());
    expect(rows[8]!.trim()).toBe('after');
    // 1 MB is exactly 128 pieces of 8,192: the end of the line is a piece of its own.
    expect(rows[7]!.trim()).toBe('…END');
    expect(m.view.status().lines).toBe(1 + Math.ceil((1024 * 1024 + 3) / 8192));
    expect(m.view.shownText()).toBe('x'.repeat(1024 * 1024) + 'END\nafter\n');
  });

  it('never renders the screen itself: it asks, and draws once per frame', () => {
    const m = mount();
    const render = vi.spyOn(m.screen, 'render');
    const before = m.requests();
    for (let i = 0; i < 100; i++) m.view.append(numbered(i, i));
    expect(render).not.toHaveBeenCalled();
    expect(m.requests()).toBeGreaterThan(before);
    const setContent = vi.spyOn(m.view.box, 'setContent');
    m.screen.render();
    expect(setContent).toHaveBeenCalledTimes(1);
  });
});
