// An image's layers as rows, like `docker history`: created-by (without the classic
// builder's "/bin/sh -c #(nop)" noise), age, size, the tags on the layer. Pure.
import type { ImageLayer } from '../docker/images.js';
import { cell, type Cell, type Column, type TableModel } from './cells.js';
import { shortId } from '../docker/reference.js';
import { ago, formatSize } from './format.js';
import { stripControl } from './text.js';

export const HISTORY_COLUMNS: readonly Column[] = [
  { title: 'IMAGE', min: 12, max: 12, flex: 0, priority: 3 },
  { title: 'CREATED', min: 14, max: 18, flex: 0, priority: 2 },
  { title: 'CREATED BY', min: 20, max: 400, flex: 4, priority: 0 },
  { title: 'SIZE', min: 7, max: 9, flex: 0, priority: 1, align: 'right' },
  { title: 'TAGS', min: 8, max: 40, flex: 1, priority: 4 },
  { title: 'COMMENT', min: 8, max: 30, flex: 0, priority: 5 },
];

const NOP = /^\/bin\/sh -c #\(nop\)\s+/;
const SHELL = /^\/bin\/sh -c /;
// The classic builder records the build args a RUN saw: "|2 A=1 B=2 /bin/sh -c make".
const BUILD_ARGS = /^\|(\d+) /;

/** "/bin/sh -c #(nop)  CMD [\"sh\"]" -> "CMD [\"sh\"]"; "/bin/sh -c make" -> "RUN make". */
export function cleanCreatedBy(createdBy: string): string {
  let text = createdBy.trim();
  let args = '';
  const m = BUILD_ARGS.exec(text);
  if (m) {
    const rest = text.slice(m[0].length);
    const shell = rest.search(/\/bin\/sh -c /);
    if (shell > 0) {
      args = rest.slice(0, shell).trim();
      text = rest.slice(shell);
    }
  }
  if (NOP.test(text)) return text.replace(NOP, '').trim();
  if (SHELL.test(text)) return `RUN ${args ? `${args} ` : ''}${text.replace(SHELL, '').trim()}`;
  return text;
}

/** One line per layer, newest first as the engine lists them; row ids are the positions. */
export function historyTable(layers: readonly ImageLayer[], now: number): TableModel {
  return {
    columns: HISTORY_COLUMNS,
    rows: layers.map((l, i) => ({
      id: String(i),
      cells: [
        cell(l.id === '<missing>' || !l.id ? '<missing>' : shortId(l.id), 'muted'),
        cell(ago(l.created * 1000, now), 'muted'),
        cell(stripControl(cleanCreatedBy(l.createdBy).replace(/\s+/g, ' '))),
        cell(formatSize(l.size), l.size > 0 ? 'normal' : 'muted'),
        cell(l.tags.join(', '), 'accent'),
        cell(stripControl(l.comment), 'muted'),
      ],
    })),
  };
}

/** Splits text into lines of at most `width` characters, at spaces where it can; control characters dropped. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const para of text.split('\n').map((p) => stripControl(p.replace(/\t/g, ' ')))) {
    let line = '';
    for (const word of para.split(' ')) {
      let rest = word;
      while (rest.length > w) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(rest.slice(0, w));
        rest = rest.slice(w);
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

/** Everything about one layer, for the detail view: the full created-by, wrapped. */
export function historyDetail(layer: ImageLayer, now: number, width: number): Cell[][] {
  const lines: Cell[][] = [
    [cell('layer   ', 'muted'), cell(layer.id || '<missing>')],
    [cell('created ', 'muted'), cell(layer.created > 0 ? `${new Date(layer.created * 1000).toISOString()} (${ago(layer.created * 1000, now)})` : '')],
    [cell('size    ', 'muted'), cell(`${formatSize(layer.size)} (${layer.size} bytes)`)],
  ];
  if (layer.tags.length) lines.push([cell('tags    ', 'muted'), cell(layer.tags.join(', '), 'accent')]);
  if (layer.comment) lines.push([cell('comment ', 'muted'), cell(stripControl(layer.comment))]);
  lines.push([], [cell('created by', 'muted')]);
  for (const l of wrapText(cleanCreatedBy(layer.createdBy), width)) lines.push([cell(l)]);
  if (cleanCreatedBy(layer.createdBy) !== layer.createdBy.trim()) {
    lines.push([], [cell('as recorded', 'muted')]);
    for (const l of wrapText(layer.createdBy, width)) lines.push([cell(l, 'muted')]);
  }
  return lines;
}
