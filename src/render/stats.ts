// The numbers of `docker stats`, computed and printed exactly the way the docker CLI does,
// so berth and `docker stats` never disagree on the same sample.
import type { StatsSample } from '../docker/stats.js';

/**
 * CPU use in percent, as docker stats shows it: the container's CPU time over the host's,
 * between this sample and the previous read, times the number of online CPUs.
 * 100% means one full core busy (a container using two cores shows 200%), like docker stats.
 * 0 when there is no delta yet (the first sample of a stream has no previous read).
 */
export function cpuPercent(s: StatsSample): number {
  const cpuDelta = s.cpu.total - s.precpu.total;
  const systemDelta = s.cpu.system - s.precpu.system;
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * s.cpu.onlineCpus * 100;
}

export interface MemoryUsage {
  /** Usage without the inactive page cache, as docker stats counts it. */
  readonly used: number;
  /** 0 when unknown. */
  readonly limit: number;
  /** used / limit in percent; 0 when there is no limit. */
  readonly percent: number;
}

export function memoryUsage(s: StatsSample): MemoryUsage {
  const used = s.memory.usage - s.memory.inactiveFile;
  const limit = s.memory.limit;
  return { used, limit, percent: limit > 0 ? (used / limit) * 100 : 0 };
}

export function netIO(s: StatsSample): { readonly rx: number; readonly tx: number } {
  return { rx: s.network.rx, tx: s.network.tx };
}

export function blockIO(s: StatsSample): { readonly read: number; readonly write: number } {
  return { read: s.blockIo.read, write: s.blockIo.write };
}

/**
 * A number as Go's `%.<prec>g` prints it (docker's size formatting is built on it): `prec`
 * significant digits, halves rounded to even, trailing zeros dropped, and the exponent form
 * when the rounded exponent reaches `prec` (so 999.7 at 3 digits is "1e+03", as docker shows).
 */
export function formatGoG(x: number, prec: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const sign = x < 0 ? '-' : '';
  // 100 significant digits of the double's exact value: enough to see an exact half.
  const [mant, expPart] = Math.abs(x).toExponential(99).split('e') as [string, string];
  const all = mant.replace('.', '');
  let dp = Number(expPart) + 1;
  let head = all.slice(0, prec);
  const rest = all.slice(prec);
  const up = rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(head.at(-1)) % 2 === 1));
  if (up) {
    const n = (BigInt(head) + 1n).toString();
    if (n.length > head.length) {
      dp += 1;
      head = n.slice(0, head.length);
    } else head = n;
  }
  const digits = head.replace(/0+$/, '') || '0';
  const nd = digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) {
    const frac = digits.slice(1, Math.min(prec, nd));
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${digits[0]}${frac ? '.' + frac : ''}e${exp < 0 ? '-' : '+'}${e}`;
  }
  const p = prec > dp ? nd : prec;
  const decimals = Math.max(p - dp, 0);
  const at = (i: number) => (i >= 0 && i < nd ? digits[i]! : '0');
  let int = '';
  for (let i = 0; i < dp; i++) int += at(i);
  let frac = '';
  for (let i = 0; i < decimals; i++) frac += at(dp + i);
  return `${sign}${int || '0'}${frac ? '.' + frac : ''}`;
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

function sized(n: number, base: number, units: readonly string[], prec: number): string {
  let i = 0;
  while (n >= base && i < units.length - 1) {
    n /= base;
    i++;
  }
  return formatGoG(n, prec) + units[i];
}

/**
 * Bytes in docker's units, no space: 'binary' as docker stats prints memory ("40.71MiB",
 * "23.54GiB": 4 significant digits, base 1024), 'decimal' as it prints network and block
 * I/O ("12.4MB", "0B": 3 significant digits, base 1000).
 */
export function formatBytes(n: number, units: 'binary' | 'decimal' = 'binary'): string {
  return units === 'binary' ? sized(n, 1024, BINARY, 4) : sized(n, 1000, DECIMAL, 3);
}

/** `x` with `d` decimals as Go's %.<d>f prints it: an exact half rounds to even (toFixed rounds it up). */
export function formatGoF(x: number, d: number): string {
  const s = x.toFixed(d);
  const long = Math.abs(x).toFixed(Math.min(100, d + 40));
  const tail = long.slice(long.indexOf('.') + 1 + d);
  if (!/^50*$/.test(tail)) return s;
  const down = (Math.sign(x) * (Math.trunc(Math.abs(x) * 10 ** d) / 10 ** d)).toFixed(d);
  return Number(down.replace(/\D/g, '').at(-1)) % 2 === 0 ? down : s;
}

/** "99.68%": two decimals, as docker stats prints CPU % and MEM %. */
export function formatPercent(p: number): string {
  return `${formatGoF(p, 2)}%`;
}

/** The columns of a `docker stats` row for one sample. */
export interface StatsRow {
  readonly cpu: string;
  readonly memUsage: string;
  readonly memPercent: string;
  readonly netIO: string;
  readonly blockIO: string;
  readonly pids: string;
}

export function statsRow(s: StatsSample): StatsRow {
  const m = memoryUsage(s);
  const net = netIO(s);
  const blk = blockIO(s);
  return {
    cpu: formatPercent(cpuPercent(s)),
    memUsage: `${formatBytes(m.used)} / ${formatBytes(m.limit)}`,
    memPercent: formatPercent(m.percent),
    netIO: `${formatBytes(net.rx, 'decimal')} / ${formatBytes(net.tx, 'decimal')}`,
    blockIO: `${formatBytes(blk.read, 'decimal')} / ${formatBytes(blk.write, 'decimal')}`,
    pids: String(s.pids),
  };
}
