// Image list -> table rows, one row per tag like `docker images`.
import type { ImageSummary } from '../docker/images.js';
import { cell, lazyRow, type Column, type Row, type TableModel } from './cells.js';
import { shortId, splitReference } from '../docker/reference.js';
import { ago, formatSize } from './format.js';

export interface ImageViewOptions {
  /** Show dangling (<none>) images too. */
  readonly dangling: boolean;
  readonly filter?: string;
  readonly now?: number;
}

/** What a row stands for: the image, and the tag it shows (undefined for a dangling one). */
export interface ImageRowRef {
  readonly imageId: string;
  readonly ref?: string;
}

export const IMAGE_COLUMNS: readonly Column[] = [
  { title: 'REPOSITORY', min: 12, max: 50, flex: 3, priority: 0 },
  { title: 'TAG', min: 6, max: 20, flex: 1, priority: 1 },
  { title: 'IMAGE ID', min: 12, max: 12, flex: 0, priority: 2 },
  { title: 'CREATED', min: 14, max: 18, flex: 0, priority: 4 },
  { title: 'SIZE', min: 7, max: 9, flex: 0, priority: 3, align: 'right' },
  { title: 'USED BY', min: 7, max: 7, flex: 0, priority: 5, align: 'right' },
];

/** Row ids: "<image id>|<repo:tag>", or the image id alone for an untagged image. */
export function imageRowId(imageId: string, ref?: string): string {
  return ref ? `${imageId}|${ref}` : imageId;
}

export function parseImageRowId(rowId: string): ImageRowRef {
  const bar = rowId.indexOf('|');
  return bar < 0 ? { imageId: rowId } : { imageId: rowId.slice(0, bar), ref: rowId.slice(bar + 1) };
}

function splitRef(ref: string): { repository: string; tag: string } {
  const { name, tag } = splitReference(ref);
  return { repository: name, tag: tag ?? '<none>' };
}

export function imageTable(images: readonly ImageSummary[], o: ImageViewOptions): TableModel {
  const now = o.now ?? Date.now();
  const q = o.filter?.trim().toLowerCase();
  const rows: Row[] = [];
  const sorted = [...images].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
  for (const img of sorted) {
    const tags = img.repoTags.filter((t) => t !== '<none>:<none>');
    if (tags.length === 0 && !o.dangling) continue;
    const refs: (string | undefined)[] = tags.length ? [...tags].sort() : [undefined];
    for (const ref of refs) {
      const { repository, tag } = ref ? splitRef(ref) : { repository: '<none>', tag: '<none>' };
      if (q && !`${repository}:${tag}`.toLowerCase().includes(q) && !shortId(img.id).startsWith(q)) continue;
      const inUse = img.containers > 0;
      // Formatted when drawn: only the rows on screen are (the pane draws at every key).
      rows.push(
        lazyRow(imageRowId(img.id, ref), () => [
          cell(repository, ref ? 'normal' : 'muted'),
          cell(tag, ref ? 'accent' : 'muted'),
          cell(shortId(img.id), 'muted'),
          cell(ago(img.created * 1000, now), 'muted'),
          cell(formatSize(img.size)),
          cell(inUse ? String(img.containers) : '', inUse ? 'ok' : 'muted'),
        ]),
      );
    }
  }
  return { columns: IMAGE_COLUMNS, rows };
}
