import { describe, expect, it } from 'vitest';
import type { ImageLayer } from '../../src/docker/images.js';
import { cleanCreatedBy, historyDetail, historyTable, wrapText } from '../../src/render/history.js';

// Recorded from the test engine: GET /images/berth-fixture:latest/history (classic builder).
const RECORDED = [
  { Comment: '', Created: 1795858440, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Id: 'sha256:795b0168317ad8ff6d78de14b8312c2312559de348d41e1805b81910abc9b372', Size: 0, Tags: ['berth-fixture:latest'] },
  { Comment: '', Created: 1795858439, CreatedBy: '/bin/sh -c #(nop)  ENV PATH=/bin', Id: 'sha256:0e2135c75300384886ed7496d8111e5bc5a9fcb76e2e8e88e51a46fbdd4b9cb6', Size: 0, Tags: null },
  { Comment: '', Created: 1795858439, CreatedBy: '/bin/busybox --install -s /bin', Id: 'sha256:b8ba125c6dd44c48faaa084f724720a3c5b7ac265ad02bcb483bd9072e7a1d89', Size: 3216, Tags: null },
  {
    Comment: '',
    Created: 1795858438,
    CreatedBy: '/bin/sh -c #(nop) COPY file:73e2b2d48642b21b357384b0cb81c1869cc5e0c48a00f61553756196058304b9 in /bin/busybox ',
    Id: 'sha256:12d51e8beeeee9419b01a690e08214e8c9fa44f71e0b54a3fe6bfa6005618c03',
    Size: 1982256,
    Tags: null,
  },
];
// The same conversion as imageHistory in src/docker/images.ts.
const layers: ImageLayer[] = RECORDED.map((l) => ({ id: l.Id, createdBy: l.CreatedBy, created: l.Created, size: l.Size, tags: l.Tags ?? [], comment: l.Comment }));
const NOW = 1795858440_000 + 5 * 60_000;

describe('created-by text', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD ["sh"]'],
    ['/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', 'COPY file:abc in /bin/busybox'],
    ['/bin/sh -c echo hi && make', 'RUN echo hi && make'],
    ['|2 A=1 B=two /bin/sh -c make $A', 'RUN A=1 B=two make $A'],
    ['/bin/busybox --install -s /bin', '/bin/busybox --install -s /bin'],
    ['RUN /bin/sh -c apk add curl # buildkit', 'RUN /bin/sh -c apk add curl # buildkit'],
    ['', ''],
  ])('%j -> %j', (raw, cleaned) => {
    expect(cleanCreatedBy(raw)).toBe(cleaned);
  });
});

describe('history rows', () => {
  it('one row per layer the engine lists, newest first, with age, size and tags', () => {
    const t = historyTable(layers, NOW);
    expect(t.rows.map((r) => r.id)).toEqual(['0', '1', '2', '3']);
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['795b0168317a', '5 minutes ago', 'CMD ["sh"]', '0B', 'berth-fixture:latest', ''],
      ['0e2135c75300', '5 minutes ago', 'ENV PATH=/bin', '0B', '', ''],
      ['b8ba125c6dd4', '5 minutes ago', '/bin/busybox --install -s /bin', '3.22kB', '', ''],
      ['12d51e8beeee', '5 minutes ago', 'COPY file:73e2b2d48642b21b357384b0cb81c1869cc5e0c48a00f61553756196058304b9 in /bin/busybox', '1.98MB', '', ''],
    ]);
    expect(t.rows[3]!.cells[3]!.meaning).toBe('normal');
    expect(t.rows[0]!.cells[3]!.meaning).toBe('muted');
  });

  it('shows <missing> for layers built elsewhere, and never a control character', () => {
    const t = historyTable([{ id: '<missing>', createdBy: '/bin/sh -c printf "a\\tb"\n\u001b[31mred', created: 0, size: 5, tags: [], comment: 'x\u0007y' }], NOW);
    const texts = t.rows[0]!.cells.map((c) => c.text);
    expect(texts[0]).toBe('<missing>');
    expect(texts[1]).toBe('');
    expect(texts.join('')).not.toMatch(/[\u0000-\u001f]/);
  });

  it('the detail view holds the full created-by text, wrapped, and the raw text when it was cleaned', () => {
    const long = `/bin/sh -c ${'word '.repeat(40)}end`;
    const lines = historyDetail({ id: 'sha256:abc', createdBy: long, created: 1795858439, size: 1982256, tags: ['a:1'], comment: '' }, NOW, 40);
    const text = lines.map((l) => l.map((c) => c.text).join(' '));
    expect(text).toContain('tags     a:1');
    const body = text.slice(text.indexOf('created by') + 1, text.indexOf('as recorded') - 1).join(' ');
    expect(body).toBe(`RUN ${'word '.repeat(40)}end`);
    expect(text.every((l) => l.length <= 40 || l.startsWith('created  '))).toBe(true);
    expect(text.slice(text.indexOf('as recorded') + 1).join(' ')).toBe(long);
  });

  it('wraps at spaces and cuts words longer than the width', () => {
    expect(wrapText('aaa bbb ccc', 10)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapText('a\nb', 10)).toEqual(['a', 'b']);
  });
});
