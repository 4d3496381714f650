// Checks what a user types for a new network (name, subnet, gateway) before anything is sent,
// so a typo gets a reason instead of the engine's words.
import { isIP } from 'node:net';
import { capitalise, DockerError } from './errors.js';

// The engine accepts almost any name; berth asks for the rule containers and volumes follow,
// so a name can be typed, shown in a table and passed to the docker CLI without quoting.
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

export function networkNameProblem(name: string): string | undefined {
  if (NETWORK_NAME.test(name)) return undefined;
  return `${quote(name)} is not a valid network name: use letters, digits, "_", "." and "-", starting with a letter or digit`;
}

/** An address as a bigint and its width in bits, or undefined when it is not an IP address. */
function toBits(ip: string): { value: bigint; width: number } | undefined {
  const family = isIP(ip);
  if (family === 4) return { value: ip.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n), width: 32 };
  if (family !== 6 || ip.includes('.')) return undefined;
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return { value: groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n), width: 128 };
}

function fromBits(value: bigint, width: number): string {
  if (width === 32) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  // The shortest form: the longest run of zero groups becomes "::".
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** Why a subnet (and its gateway) would be refused, or undefined when they are fine. */
export function subnetProblem(subnet: string, gateway?: string): string | undefined {
  if (!subnet) return gateway ? 'a gateway needs a subnet to belong to' : undefined;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(subnet);
  const net = m ? toBits(m[1]!) : undefined;
  if (!m || !net) return `${quote(subnet)} is not a subnet: write an address and a prefix length, like 198.18.0.0/24 or fd00:1::/64`;
  const prefix = Number(m[2]);
  if (prefix > net.width || prefix < 1) return `the prefix length of ${quote(subnet)} must be from 1 to ${net.width}`;
  const hostMask = (1n << BigInt(net.width - prefix)) - 1n;
  if (net.value & hostMask) return `${quote(subnet)} has bits set after the prefix: did you mean ${fromBits(net.value & ~hostMask, net.width)}/${prefix}?`;
  if (gateway === undefined || gateway === '') return undefined;
  const gw = toBits(gateway);
  if (!gw || gw.width !== net.width) return `${quote(gateway)} is not an IPv${net.width === 32 ? 4 : 6} address for the gateway`;
  if ((gw.value & ~hostMask) !== net.value) return `the gateway ${gateway} is not inside ${subnet}`;
  return undefined;
}

export function checkNetworkName(name: string): void {
  const problem = networkNameProblem(name);
  if (problem) throw new DockerError('badRequest', `${capitalise(problem)}.`);
}

export function checkSubnet(subnet: string, gateway?: string): void {
  const problem = subnetProblem(subnet, gateway);
  if (problem) throw new DockerError('badRequest', `${capitalise(problem)}.`);
}
