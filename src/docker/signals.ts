// The signals a Linux container can be sent, by name or number, checked before the engine
// is asked: a typo must never reach `docker kill` (the engine would answer with a 500).

/** Linux signal numbers by name, as the engine knows them (moby's signal map for Linux). */
const NAMES: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  IOT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  POLL: 29,
  PWR: 30,
  SYS: 31,
  UNUSED: 31,
  RTMIN: 34,
  RTMAX: 64,
};

/** The ones people send, for the dialog's list. */
export const COMMON_SIGNALS = ['TERM', 'KILL', 'HUP', 'INT', 'USR1', 'USR2'] as const;

export type SignalCheck = { readonly signal: string; readonly number: number } | { readonly problem: string };

/**
 * Reads a signal as typed ("usr1", "SIGUSR1", "10", "RTMIN+3"); answers the name to send
 * ("SIGUSR1", or the number as typed for numbers) or a sentence saying why not.
 */
export function parseSignal(input: string): SignalCheck {
  const typed = input.trim();
  const refuse = { problem: `"${typed}" is not a signal: type a name such as TERM, KILL, HUP, USR1 (SIG may be left out) or a number from 1 to 64.` };
  if (!typed) return { problem: 'Choose or type a signal.' };
  if (/^\d+$/.test(typed)) {
    const n = Number(typed);
    return n >= 1 && n <= 64 ? { signal: String(n), number: n } : refuse;
  }
  const name = typed.toUpperCase().replace(/^SIG/, '');
  const rt = /^RT(MIN|MAX)([+-])(\d+)$/.exec(name);
  if (rt) {
    const offset = Number(rt[3]) * (rt[2] === '+' ? 1 : -1);
    const n = (rt[1] === 'MIN' ? 34 : 64) + offset;
    // RTMIN+n counts up and RTMAX-n down, inside 34..64 (the engine knows RTMIN+1..15 and RTMAX-14..1).
    const ok = rt[1] === 'MIN' ? offset >= 1 && offset <= 15 : offset <= -1 && offset >= -14;
    return ok ? { signal: `SIG${name}`, number: n } : refuse;
  }
  const n = NAMES[name];
  return n === undefined ? refuse : { signal: `SIG${name}`, number: n };
}

/** "SIGUSR1" for 10, for the timeline's kill events (the engine gives the number). */
export function signalName(n: number): string | undefined {
  if (n >= 35 && n <= 49) return `SIGRTMIN+${n - 34}`;
  if (n >= 50 && n <= 63) return `SIGRTMAX-${64 - n}`;
  const name = Object.keys(NAMES).find((k) => NAMES[k] === n);
  return name ? `SIG${name}` : undefined;
}
