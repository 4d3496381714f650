// The run form's text fields as a spec: shell-like words for the command, lists for ports,
// mounts and labels, KEY=value lines for the environment. Parsing only; run.ts checks the spec.
import { checkRunSpec, type CheckedRunSpec, type RunSpec } from './run.js';

/** Shell-like words: spaces split, quotes ('...' or "...") group, backslash escapes. */
export function splitWords(text: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) cur += text[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return `the command has an unclosed ${quote}`;
  if (inWord) words.push(cur);
  return words;
}

/** "a, b,c" -> ["a", "b", "c"]; blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Environment entries separated by commas; a piece that does not start a new KEY= belongs
 * to the previous value, so "NO_PROXY=a,b,DEBUG=1" keeps NO_PROXY's comma.
 */
export function splitEnv(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(',')) {
    const t = piece.trim();
    if (!t) continue;
    if (/^[^=\s]+=/.test(t) || out.length === 0) {
      out.push(t);
    } else {
      out[out.length - 1] += `,${piece}`;
    }
  }
  return out;
}

export interface RunFormValues {
  readonly name?: string;
  readonly command?: string;
  readonly env?: string;
  readonly ports?: string;
  readonly volumes?: string;
  readonly restart?: string;
  readonly network?: string;
}

/** The run form's fields as a spec, or the reason they cannot be one (nothing is called). */
export function runSpecFromForm(image: string, v: RunFormValues): { ok: true; spec: RunSpec; checked: CheckedRunSpec } | { ok: false; reason: string } {
  const cmd = splitWords(v.command ?? '');
  if (typeof cmd === 'string') return { ok: false, reason: cmd };
  const spec: RunSpec = {
    image,
    ...(v.name?.trim() ? { name: v.name.trim() } : {}),
    cmd,
    env: splitEnv(v.env ?? ''),
    ports: splitList(v.ports ?? ''),
    volumes: splitList(v.volumes ?? ''),
    restart: v.restart ?? 'no',
    ...(v.network?.trim() ? { network: v.network.trim() } : {}),
  };
  const checked = checkRunSpec(spec);
  return checked.ok ? { ok: true, spec, checked: checked.spec } : checked;
}
