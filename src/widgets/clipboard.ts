// Copy to the clipboard of the terminal berth runs in, wherever that is (over ssh too),
// with OSC 52. Off by default: some terminals refuse it or ask first; inside tmux it needs
// `set -g set-clipboard on`.

/** The OSC 52 sequence that puts text on the clipboard ("c"), ended by BEL (the widest supported). */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}
