// What `npm test`'s set-up (scripts/test-setup.ts) decides from what the machine has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOLS, aptCommands, isStaticElf, missingTools, offPathMessage, packagesFor, plan, type Probe } from '../../scripts/system-tools.js';

/** A machine that has everything except the named commands and paths. */
function machineWithout(...absent: string[]): Probe {
  const has = (x: string) => !absent.includes(x);
  return { onPath: has, executable: has, staticExecutable: has };
}

const tool = (name: string) => TOOLS.find((t) => t.tool === name)!;

describe('which tool comes from which package', () => {
  it.each([
    ['dockerd', 'docker.io'],
    ['docker', 'docker.io'],
    ['a static /bin/busybox', 'busybox-static'],
    ['docker-registry', 'docker-registry'],
    ['htpasswd', 'apache2-utils'],
    ['/usr/sbin/sshd', 'openssh-server'],
    ['ssh-keygen', 'openssh-client'],
    ['openssl', 'openssl'],
    ['tmux', 'tmux'],
    ['nsenter', 'util-linux'],
    ['ip', 'iproute2'],
    ['file', 'file'],
    ['pgrep', 'procps'],
  ])('%s comes from %s', (name, pkg) => {
    expect(tool(name).pkg).toBe(pkg);
  });

  it('looks for sshd where the tests start it, and wants busybox statically linked', () => {
    expect(tool('/usr/sbin/sshd').check).toEqual({ kind: 'file', path: '/usr/sbin/sshd' });
    expect(tool('a static /bin/busybox').check).toEqual({ kind: 'static', path: '/bin/busybox' });
    // A dynamic busybox (Debian's "busybox" package) is there but does not do.
    const dynamicBusybox: Probe = { onPath: () => true, executable: () => true, staticExecutable: (p) => p !== '/bin/busybox' };
    expect(missingTools(dynamicBusybox).map((t) => t.pkg)).toEqual(['busybox-static']);
  });

  it('names each package once, in table order', () => {
    const missing = missingTools(machineWithout('ssh-add', 'htpasswd', 'ssh-keygen', 'dockerd', 'docker'));
    expect(packagesFor(missing)).toEqual(['docker.io', 'apache2-utils', 'openssh-client']);
  });

  it('finds nothing missing on a complete machine', () => {
    expect(missingTools(machineWithout())).toEqual([]);
  });
});

describe('what the set-up does', () => {
  const missing = missingTools(machineWithout('htpasswd', 'tmux'));

  it('runs the tests as root when nothing is missing', () => {
    expect(plan([], { root: true, apt: true })).toEqual({ action: 'run' });
    expect(plan([], { root: true, apt: false })).toEqual({ action: 'run' });
  });

  it('installs as root with apt, announcing it in one line', () => {
    const p = plan(missing, { root: true, apt: true });
    expect(p).toEqual({ action: 'install', packages: ['apache2-utils', 'tmux'], announce: 'npm test: installing apache2-utils tmux (missing: htpasswd, tmux)' });
    if (p.action === 'install') expect(p.announce).not.toContain('\n');
  });

  it('runs apt-get quietly, updating first, without recommends, waiting for a busy dpkg lock', () => {
    const [update, install] = aptCommands(['apache2-utils', 'tmux']);
    expect(update).toEqual(['apt-get', '-o', 'DPkg::Lock::Timeout=300', '-qq', 'update']);
    expect(install).toEqual(['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-qq', '--no-install-recommends', 'apache2-utils', 'tmux']);
  });

  it('stops when not root and prints the exact commands to type', () => {
    const p = plan(missing, { root: false, apt: true });
    expect(p.action).toBe('stop');
    if (p.action !== 'stop') return;
    expect(p.message.split('\n')).toContain('  sudo apt-get update && sudo apt-get install -y apache2-utils tmux');
    expect(p.message.split('\n')).toContain('  sudo npm test');
    expect(p.message).toContain('htpasswd (apache2-utils, for the registry with a password)');
  });

  it('stops when not root even if nothing is missing: the private engine needs root', () => {
    const p = plan([], { root: false, apt: true });
    expect(p).toMatchObject({ action: 'stop' });
    if (p.action === 'stop') expect(p.message.split('\n')).toContain('  sudo npm test');
  });

  it('stops without apt-get and names the missing tools and their Debian packages', () => {
    const p = plan(missing, { root: true, apt: false });
    expect(p.action).toBe('stop');
    if (p.action !== 'stop') return;
    expect(p.message).toContain('no apt-get');
    expect(p.message).toContain('tmux (tmux,');
    expect(p.message).not.toContain('apt-get install');
  });
});

describe('telling a static executable from a dynamic one', () => {
  it('reads the ELF program headers of real binaries', () => {
    // node is dynamically linked on every Linux it ships for; /bin/busybox here is busybox-static.
    expect(isStaticElf(readFileSync(process.execPath).subarray(0, 65536))).toBe(false);
    expect(isStaticElf(readFileSync('/bin/busybox').subarray(0, 65536))).toBe(true);
  });

  it('says no to what is not ELF or is cut short', () => {
    expect(isStaticElf(Buffer.from('#!/bin/sh\necho hi\n'))).toBe(false);
    expect(isStaticElf(readFileSync('/bin/busybox').subarray(0, 40))).toBe(false);
    expect(isStaticElf(new Uint8Array(0))).toBe(false);
  });

  it('handles a hand-made 32-bit big-endian header with and without PT_INTERP', () => {
    const elf32 = (types: number[]): Buffer => {
      const b = Buffer.alloc(52 + types.length * 32);
      b.write('\x7fELF', 0, 'latin1');
      b[4] = 1; // 32-bit
      b[5] = 2; // big-endian
      b.writeUInt32BE(52, 0x1c); // e_phoff
      b.writeUInt16BE(32, 0x2a); // e_phentsize
      b.writeUInt16BE(types.length, 0x2c); // e_phnum
      types.forEach((t, i) => b.writeUInt32BE(t, 52 + i * 32));
      return b;
    };
    expect(isStaticElf(elf32([6, 3, 1]))).toBe(false);
    expect(isStaticElf(elf32([1, 1, 4]))).toBe(true);
  });
});

describe('a PATH without the sbin directories', () => {
  it('says to fix PATH instead of installing what is already there', () => {
    const missing = missingTools(machineWithout('dockerd', 'tmux'));
    const msg = offPathMessage(missing, (p) => p === '/usr/sbin/dockerd');
    expect(msg).toBe('npm test: /usr/sbin/dockerd is installed but not on PATH. Run:\n  PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" npm test');
    expect(offPathMessage(missing, () => false)).toBeUndefined();
  });
});
