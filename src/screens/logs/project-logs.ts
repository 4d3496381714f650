// All logs of a compose project in one view, interleaved as they arrive, each line
// prefixed with its container's name in a colour of its own (lazydocker #555 asks for it).
import type { ContainerSummary } from '../../docker/containers.js';
import type { Stoppable } from '../../docker/events.js';
import { LineAssembler, type ParsedLine } from '../../render/log-lines.js';
import type { LogView } from '../../widgets/log-view/log-view.js';
import type { ScreenContext } from '../context.js';

/** Most lines shown per tick; a backlog beyond MAX_QUEUE is skipped, and said so. */
const SLICE = 2000;
const MAX_QUEUE = 20_000;
const TAIL = 200;

/** `colors`: the theme's foreground colours as SGR (the canonical form the log view keeps); none under NO_COLOR. */
export function followProject(ctx: ScreenContext, view: LogView, project: string, members: readonly ContainerSummary[], colors: readonly number[]): Stoppable {
  const streams: Stoppable[] = [];
  let queue: ParsedLine[] = [];
  let skipped = 0;
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  const width = Math.min(24, Math.max(...members.map((m) => m.name.length)));

  const flush = () => {
    scheduled = undefined;
    if (skipped) {
      view.append([{ stream: 'event', text: `${skipped} lines skipped to keep up` }]);
      skipped = 0;
    }
    const now = queue.splice(0, SLICE);
    if (now.length) view.append(now);
    if (queue.length) scheduled = setImmediate(flush);
  };
  const enqueue = (lines: ParsedLine[]) => {
    queue.push(...lines);
    if (queue.length > MAX_QUEUE) {
      skipped += queue.length - MAX_QUEUE;
      queue = queue.slice(-MAX_QUEUE);
    }
    if (!scheduled) scheduled = setImmediate(flush);
  };

  view.attach(`logs · project ${project} (${members.length} container${members.length === 1 ? '' : 's'})`, { timestamps: true });
  members.forEach((c, i) => {
    const name = c.name.length > width ? c.name.slice(0, width - 1) + '…' : c.name.padEnd(width);
    const prefix = colors.length ? `\x1b[${colors[i % colors.length]}m${name}\x1b[39m │ ` : `${name} │ `;
    const asm = new LineAssembler({ timestamps: true });
    streams.push(
      ctx.engine.followLogs(c.id, { tail: TAIL, timestamps: true }, {
        onChunk: (chunk) => enqueue(asm.push(chunk).map((l) => ({ ...l, text: prefix + l.text }))),
        onEnd: () => enqueue([...asm.flush().map((l) => ({ ...l, text: prefix + l.text })), { stream: 'event', text: `${c.name} stopped` }]),
      }),
    );
  });
  return {
    stop() {
      for (const s of streams) s.stop();
      if (scheduled) clearImmediate(scheduled);
      queue = [];
    },
  };
}
