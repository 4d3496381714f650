// The two blessed widgets berth builds everything from (screen and box) and blessed's width
// table, loaded from their own files. blessed's index loads all of its 30-odd widgets, the
// image decoders among them: about 30 of 44 files and 20-60 ms of start-up here that berth
// never uses. The classes are the same objects the index exports (one require cache), so
// blessed-contrib, which loads the index when a chart is first drawn, works with them.
import { createRequire } from 'node:module';
import type Blessed from 'blessed';

const requireBlessed = createRequire(import.meta.url);

export const screen = requireBlessed('blessed/lib/widgets/screen.js') as typeof Blessed.screen;
export const box = requireBlessed('blessed/lib/widgets/box.js') as typeof Blessed.box;
/** blessed's own measure of a string's columns (it differs from Unicode's tables on some characters). */
export const unicode = requireBlessed('blessed/lib/unicode.js') as { strWidth(s: string): number };
/** blessed's colour tables (its match cache is cleared by the theme). */
export const colors = requireBlessed('blessed/lib/colors.js') as { _cache?: Record<number, number> };

/**
 * How many times any element changed what it shows (content, place, visibility, order). A
 * repaint driven by data alone (a stats sample, the clock) that leaves this unchanged has
 * nothing to draw, and the shell skips blessed's render (a full pass over every element and
 * cell) for it: that pass, once a second for nothing, was most of berth's idle CPU.
 */
export function changeCount(): number {
  return changes;
}

let changes = 0;
/** Inside a call that changes nothing (same text, already hidden): its inner calls do not count. */
let quiet = 0;
{
  type El = { content: string; hidden: boolean };
  const node = requireBlessed('blessed/lib/widgets/node.js') as { prototype: Record<string, unknown> };
  const element = requireBlessed('blessed/lib/widgets/element.js') as { prototype: Record<string, unknown> };
  const count = (proto: Record<string, unknown>, name: string, changes_: (el: El, a: unknown[]) => boolean = () => true) => {
    const orig = proto[name] as (this: El, ...a: unknown[]) => unknown;
    proto[name] = function counted(this: El, ...a: unknown[]) {
      const changing = quiet === 0 && changes_(this, a);
      if (changing) changes++;
      else quiet++;
      try {
        return orig.apply(this, a);
      } finally {
        if (!changing) quiet--;
      }
    };
  };
  count(element.prototype, 'setContent', (el, [text]) => text !== el.content);
  count(element.prototype, 'hide', (el) => !el.hidden);
  count(element.prototype, 'show', (el) => el.hidden);
  for (const name of ['clearPos', 'setIndex']) count(element.prototype, name);
  for (const name of ['insert', 'remove', 'detach']) count(node.prototype, name);
}

/**
 * Sets a box's content only when it differs. blessed's setContent clears the box's area and
 * parses the text again even when nothing changed, and the shell repaints every pane once a
 * second (stats, ages) while most of them show the same text: at 100 containers that was most
 * of berth's idle CPU (profiled).
 */
export function setContent(el: { content: string; setContent(text: string): void }, text: string): void {
  if (el.content !== text) el.setContent(text);
}
