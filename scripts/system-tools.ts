// The system tools `npm test` needs, the Debian package each comes from, and what to do when
// some are missing. Pure: the checks go through a Probe, so the decisions are unit-tested
// (test/unit/system-tools.test.ts); scripts/test-setup.ts runs them against the machine.

/** How a tool is looked for. */
export type ToolCheck =
  | { readonly kind: 'command'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string }
  /** An executable that must be statically linked (it is copied into a FROM scratch image). */
  | { readonly kind: 'static'; readonly path: string };

export interface Tool {
  /** What the user is told is missing. */
  readonly tool: string;
  readonly check: ToolCheck;
  /** The Debian/Ubuntu package that provides it. */
  readonly pkg: string;
  /** Which tests need it. */
  readonly usedBy: string;
}

const command = (name: string, pkg: string, usedBy: string): Tool => ({ tool: name, check: { kind: 'command', name }, pkg, usedBy });

/** Every tool the engine and end-to-end tests run, in the order they are reported. */
export const TOOLS: readonly Tool[] = [
  command('dockerd', 'docker.io', 'the private test engine'),
  command('docker', 'docker.io', 'the ssh peer (docker system dial-stdio)'),
  { tool: 'a static /bin/busybox', check: { kind: 'static', path: '/bin/busybox' }, pkg: 'busybox-static', usedBy: 'the offline fixture image' },
  command('nsenter', 'util-linux', 'the engine and its peers in their network namespace'),
  command('ip', 'iproute2', 'the network namespaces'),
  command('pgrep', 'procps', 'cleaning up after the engine'),
  command('file', 'file', 'checking the busybox binary'),
  command('docker-registry', 'docker-registry', 'the push and pull tests'),
  command('htpasswd', 'apache2-utils', 'the registry with a password'),
  { tool: '/usr/sbin/sshd', check: { kind: 'file', path: '/usr/sbin/sshd' }, pkg: 'openssh-server', usedBy: 'the ssh:// connection tests' },
  command('ssh-keygen', 'openssh-client', 'the ssh:// connection tests'),
  command('ssh-agent', 'openssh-client', 'the ssh:// connection tests'),
  command('ssh-add', 'openssh-client', 'the ssh:// connection tests'),
  command('ssh', 'openssh-client', 'the ssh:// connection tests (berth runs the system ssh)'),
  command('unshare', 'util-linux', 'the ssh:// connection tests (each test HOME as ~)'),
  command('setpriv', 'util-linux', 'the ssh:// connection tests (a remote docker refused by its socket)'),
  command('openssl', 'openssl', 'the TLS connection tests'),
  command('podman', 'podman', 'the Podman engine tests (podman system service)'),
  command('tmux', 'tmux', 'looking at berth in a real terminal (test/support/engine-cli.ts)'),
];

/** What the machine is asked; scripts/test-setup.ts answers from the file system. */
export interface Probe {
  /** An executable of this name is on PATH. */
  onPath(name: string): boolean;
  /** An executable file exists at this path. */
  executable(path: string): boolean;
  /** An executable exists at this path and is statically linked. */
  staticExecutable(path: string): boolean;
}

export function isPresent(check: ToolCheck, probe: Probe): boolean {
  switch (check.kind) {
    case 'command':
      return probe.onPath(check.name);
    case 'file':
      return probe.executable(check.path);
    case 'static':
      return probe.staticExecutable(check.path);
  }
}

export function missingTools(probe: Probe, tools: readonly Tool[] = TOOLS): Tool[] {
  return tools.filter((t) => !isPresent(t.check, probe));
}

/** The packages that provide these tools, each once, in table order. */
export function packagesFor(tools: readonly Tool[]): string[] {
  return [...new Set(tools.map((t) => t.pkg))];
}

export interface Machine {
  readonly root: boolean;
  /** apt-get is there (Debian, Ubuntu). */
  readonly apt: boolean;
}

export type Plan =
  | { readonly action: 'run' }
  | { readonly action: 'install'; readonly packages: readonly string[]; readonly announce: string }
  | { readonly action: 'stop'; readonly message: string };

/** The apt-get command lines the set-up runs as root (quiet; waits for another apt to finish). */
export function aptCommands(packages: readonly string[]): string[][] {
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  return [
    ['apt-get', ...lock, '-qq', 'update'],
    // Recommends would bring needrestart and systemd pieces into a test machine: not wanted.
    ['apt-get', ...lock, 'install', '-y', '-qq', '--no-install-recommends', ...packages],
  ];
}

function toolList(tools: readonly Tool[]): string {
  return tools.map((t) => `${t.tool} (${t.pkg}, for ${t.usedBy})`).join(', ');
}

/**
 * Decides what the set-up does: run the tests, install what is missing (root with apt), or
 * stop before anything runs and say exactly what to type.
 */
export function plan(missing: readonly Tool[], machine: Machine): Plan {
  const packages = packagesFor(missing);
  if (missing.length === 0) {
    if (machine.root) return { action: 'run' };
    return {
      action: 'stop',
      message:
        'npm test starts a private dockerd in its own network namespace, which needs root. Run:\n' +
        '  sudo npm test\n' +
        '(npm run test:unit runs the unit tests without root.)',
    };
  }
  if (machine.root && machine.apt) {
    return { action: 'install', packages, announce: `npm test: installing ${packages.join(' ')} (missing: ${missing.map((t) => t.tool).join(', ')})` };
  }
  if (machine.apt) {
    return {
      action: 'stop',
      message:
        `npm test needs system tools that are not installed: ${toolList(missing)}.\n` +
        'Install them, then run the tests as root:\n' +
        `  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
        '  sudo npm test\n' +
        '(or run sudo npm test, which installs them itself; npm run test:unit needs none of them.)',
    };
  }
  return {
    action: 'stop',
    message:
      `npm test needs system tools that are not installed: ${toolList(missing)}.\n` +
      'This machine has no apt-get: install them with its package manager (the names above are Debian\'s), then run the tests as root:\n' +
      '  sudo npm test\n' +
      '(npm run test:unit needs none of them.)',
  };
}

/** Where root's tools live; a PATH without them (`su` without `-`) hides installed tools. */
export const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/**
 * Commands that are installed but not on PATH: installing their packages again would not
 * help. Says how to run instead, or undefined when there are none.
 */
export function offPathMessage(missing: readonly Tool[], executable: (path: string) => boolean): string | undefined {
  const found = missing.flatMap((t) => {
    if (t.check.kind !== 'command') return [];
    const name = t.check.name;
    const dir = SBIN_DIRS.find((d) => executable(`${d}/${name}`));
    return dir ? [`${dir}/${name}`] : [];
  });
  if (!found.length) return undefined;
  return `npm test: ${found.join(', ')} ${found.length > 1 ? 'are' : 'is'} installed but not on PATH. Run:\n  PATH="$PATH:${SBIN_DIRS.join(':')}" npm test`;
}

/**
 * Whether an ELF file is statically linked: it has no PT_INTERP program header (a dynamic
 * executable names its loader there). `head` is the start of the file; program headers sit
 * right after the ELF header, so the first few KiB are enough. Not ELF, or cut short: false.
 */
export function isStaticElf(head: Uint8Array): boolean {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length < 52 || b[0] !== 0x7f || b.toString('latin1', 1, 4) !== 'ELF') return false;
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  if (is64 && b.length < 64) return false;
  const phoff = is64 ? Number(le ? b.readBigUInt64LE(0x20) : b.readBigUInt64BE(0x20)) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  if (phnum === 0 || phentsize < 4 || phoff + phnum * phentsize > b.length) return false;
  const PT_INTERP = 3;
  for (let i = 0; i < phnum; i++) if (u32(phoff + i * phentsize) === PT_INTERP) return false;
  return true;
}
