// Pull and push progress as rows: one per layer ("a1b2c3d4e5f6  downloading  [=====>   ]
// 12.3MB/40MB") and an overall line. Pure: the per-layer state comes from the reducer in
// src/docker/progress.ts.
import type { LayerPhase, LayerProgress, LayerState } from '../docker/progress.js';
import { cell, type Meaning, type Row } from './cells.js';
import { formatSize } from './format.js';

const PHASE_WORDS: Record<LayerPhase, string> = {
  waiting: 'waiting',
  downloading: 'downloading',
  downloaded: 'downloaded',
  extracting: 'extracting',
  pushing: 'pushing',
  done: 'done',
  exists: 'already exists',
};

const PHASE_MEANING: Record<LayerPhase, Meaning> = {
  waiting: 'muted',
  downloading: 'accent',
  downloaded: 'normal',
  extracting: 'accent',
  pushing: 'accent',
  done: 'ok',
  exists: 'muted',
};

/** "[=====>    ]" with `width` cells between the brackets; empty when the total is unknown. */
export function progressBar(current: number | undefined, total: number | undefined, width: number): string {
  if (current === undefined || !total || total <= 0 || width < 1) return '';
  const ratio = Math.max(0, Math.min(1, current / total));
  const filled = Math.round(ratio * width);
  const body = filled >= width ? '='.repeat(width) : `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}`;
  return `[${body}]`;
}

/** "12.3MB/40MB", or the size alone, or nothing. */
function sizes(layer: LayerState): string {
  if (layer.current !== undefined && layer.total) return `${formatSize(layer.current)}/${formatSize(layer.total)}`;
  if (layer.phase === 'done' && layer.size) return formatSize(layer.size);
  return '';
}

/** "downloading 12.3MB/40MB", "done 3MB", "waiting". */
export function layerText(layer: LayerState): string {
  const s = sizes(layer);
  return s ? `${PHASE_WORDS[layer.phase]} ${s}` : PHASE_WORDS[layer.phase];
}

/** One row per layer, in the order the engine announced them; the id is the layer id. */
export function layerRows(state: LayerProgress, opts: { barWidth?: number } = {}): Row[] {
  const width = opts.barWidth ?? 30;
  return state.order.flatMap((id) => {
    const layer = state.layers[id];
    if (!layer) return [];
    const meaning = PHASE_MEANING[layer.phase];
    const showBar = layer.phase === 'downloading' || layer.phase === 'extracting' || layer.phase === 'pushing';
    return [
      {
        id,
        cells: [
          cell(id, 'muted'),
          cell(PHASE_WORDS[layer.phase], meaning),
          cell(showBar ? progressBar(layer.current, layer.total, width) : '', meaning),
          cell(sizes(layer)),
        ],
      },
    ];
  });
}

/** Bytes moved so far and in all, over layers whose size is known (skipped layers not counted). */
export function transferredBytes(state: LayerProgress): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const id of state.order) {
    const l = state.layers[id];
    if (!l || l.phase === 'exists' || !l.size) continue;
    total += l.size;
    if (l.phase === 'downloading' || l.phase === 'pushing') done += Math.min(l.current ?? 0, l.size);
    else if (l.phase !== 'waiting') done += l.size;
  }
  return { done, total };
}

/** "2/4 layers done, 1.2MB/3MB", followed by the engine's last status ("Digest: ..."). */
export function overallLine(state: LayerProgress): string {
  const ids = state.order;
  const finished = ids.filter((id) => {
    const p = state.layers[id]?.phase;
    return p === 'done' || p === 'exists';
  }).length;
  const parts: string[] = [];
  if (ids.length) parts.push(`${finished}/${ids.length} layers done`);
  const bytes = transferredBytes(state);
  if (bytes.total > 0) parts.push(`${formatSize(bytes.done)}/${formatSize(bytes.total)}`);
  const head = parts.join(', ');
  if (state.message) return head ? `${head} - ${state.message}` : state.message;
  return head;
}
