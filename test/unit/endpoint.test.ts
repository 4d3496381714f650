import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contextDirName, DEFAULT_SOCKET, EndpointError, listContexts, parseHostUrl, resolveEndpoint } from '../../src/docker/endpoint.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'berth-ep-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function context(configDir: string, name: string, host: string | undefined, opts: { skip?: boolean; tls?: Record<string, string> } = {}): void {
  const meta = join(configDir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: `the ${name} one` }, Endpoints: host ? { docker: { Host: host, SkipTLSVerify: !!opts.skip } } : {} }));
  if (opts.tls) {
    const tls = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
    mkdirSync(tls, { recursive: true });
    for (const [f, body] of Object.entries(opts.tls)) writeFileSync(join(tls, f), body);
  }
}

function certDir(files: Record<string, string>): string {
  const d = tempDir();
  for (const [f, body] of Object.entries(files)) writeFileSync(join(d, f), body);
  return d;
}

const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
};

describe('parseHostUrl', () => {
  it('reads unix sockets, bare paths and the bare unix:// of the CLI', () => {
    expect(parseHostUrl('unix:///run/d.sock', 'flag')).toMatchObject({ protocol: 'unix', socketPath: '/run/d.sock', url: 'unix:///run/d.sock' });
    expect(parseHostUrl('/run/d.sock', 'flag')).toMatchObject({ protocol: 'unix', socketPath: '/run/d.sock', url: 'unix:///run/d.sock' });
    expect(parseHostUrl('unix://', 'flag')).toMatchObject({ socketPath: DEFAULT_SOCKET });
    expect(thrown(() => parseHostUrl('unix://run/d.sock', 'flag')).message).toContain('absolute path');
  });

  it('reads tcp with the CLI default ports, IPv6 and an empty host', () => {
    expect(parseHostUrl('tcp://10.0.0.5', 'DOCKER_HOST')).toMatchObject({ protocol: 'tcp', host: '10.0.0.5', port: 2375, url: 'tcp://10.0.0.5:2375' });
    expect(parseHostUrl('tcp://h', 'DOCKER_HOST', { verify: true })).toMatchObject({ port: 2376, tls: { verify: true } });
    expect(parseHostUrl('tcp://[::1]:2376', 'flag')).toMatchObject({ host: '::1', port: 2376, url: 'tcp://[::1]:2376' });
    expect(parseHostUrl('tcp://:2375', 'flag')).toMatchObject({ host: 'localhost', port: 2375 });
    expect(parseHostUrl('https://h:9', 'flag').tls).toEqual({ verify: true });
  });

  it('refuses bad ports and paths', () => {
    expect(thrown(() => parseHostUrl('tcp://h:70000', 'flag')).message).toContain('70000 is not a valid port');
    expect(thrown(() => parseHostUrl('tcp://h:0', 'flag')).message).toContain('not a valid port');
    expect(thrown(() => parseHostUrl('tcp://h:2375/x/y', 'flag')).message).toContain('not a valid tcp:// address');
  });

  it('reads ssh with and without user and port (none given: left to ssh and its config), and refuses passwords', () => {
    const bare = parseHostUrl('ssh://deploy@box', 'flag');
    expect(bare).toMatchObject({ protocol: 'ssh', username: 'deploy', host: 'box', url: 'ssh://deploy@box' });
    expect(bare.port).toBeUndefined();
    const alias = parseHostUrl('ssh://prod', 'flag');
    expect(alias.username).toBeUndefined();
    expect(alias.port).toBeUndefined();
    expect(parseHostUrl('ssh://box:2222', 'flag')).toMatchObject({ host: 'box', port: 2222, url: 'ssh://box:2222' });
    expect(parseHostUrl('ssh://me@[fe80::1]:22/', 'flag')).toMatchObject({ host: 'fe80::1', username: 'me', port: 22 });
    expect(thrown(() => parseHostUrl('ssh://me:secret@box', 'flag')).message).toContain('password');
  });

  it('reads a path in an ssh URL as the remote socket, and refuses one the remote shell could misread', () => {
    expect(parseHostUrl('ssh://me@box/run/user/1000/docker.sock', 'flag')).toMatchObject({ host: 'box', remoteSocket: '/run/user/1000/docker.sock', url: 'ssh://me@box/run/user/1000/docker.sock' });
    expect(parseHostUrl('ssh://me@box/', 'flag').remoteSocket).toBeUndefined();
    expect(thrown(() => parseHostUrl('ssh://me@box/x;reboot', 'flag')).message).toContain('remote socket path');
    expect(thrown(() => parseHostUrl('ssh://me@box/$(id)', 'flag')).message).toContain('remote socket path');
  });

  it('refuses what is not a docker host, in words', () => {
    expect(thrown(() => parseHostUrl('', 'flag')).message).toContain('empty');
    expect(thrown(() => parseHostUrl('npipe:////./pipe/docker_engine', 'flag')).message).toContain('Windows');
    expect(thrown(() => parseHostUrl('fd://', 'flag')).message).toContain('does not support the fd:// scheme');
    expect(thrown(() => parseHostUrl('localhost:2375', 'flag')).message).toContain('is not a Docker host URL');
  });

  it('throws only EndpointError, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('tcp://', 'ssh://', 'unix://').chain((p) => fc.string().map((s) => p + s))), (s) => {
        try {
          const ep = parseHostUrl(s, 'flag');
          expect(['unix', 'tcp', 'ssh']).toContain(ep.protocol);
        } catch (e) {
          expect(e).toBeInstanceOf(EndpointError);
        }
      }),
    );
  });
});

describe('resolveEndpoint precedence (the docker CLI rules)', () => {
  const setup = () => {
    const cfg = tempDir();
    context(cfg, 'ctx-a', 'unix:///a.sock');
    context(cfg, 'ctx-b', 'tcp://b:2375');
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ currentContext: 'ctx-a' }));
    return cfg;
  };

  it('takes --host first, then --context, then DOCKER_HOST, then DOCKER_CONTEXT, then currentContext', () => {
    const cfg = setup();
    const env = { DOCKER_CONFIG: cfg, DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'ctx-b' };
    expect(resolveEndpoint({ env, host: 'unix:///flag.sock' })).toMatchObject({ source: 'flag', socketPath: '/flag.sock' });
    expect(resolveEndpoint({ env, context: 'ctx-a' })).toMatchObject({ source: 'context', context: 'ctx-a', socketPath: '/a.sock' });
    expect(resolveEndpoint({ env })).toMatchObject({ source: 'DOCKER_HOST', socketPath: '/env.sock' });
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'ctx-b' } })).toMatchObject({ source: 'context', context: 'ctx-b', host: 'b' });
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: cfg } })).toMatchObject({ source: 'context', context: 'ctx-a' });
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: tempDir() }, isSocket: () => false })).toMatchObject({ source: 'default', socketPath: DEFAULT_SOCKET });
  });

  it('finds the config dir from HOME when DOCKER_CONFIG is unset', () => {
    const home = tempDir();
    const cfg = join(home, '.docker');
    context(cfg, 'mine', 'unix:///mine.sock');
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ currentContext: 'mine' }));
    expect(resolveEndpoint({ env: { HOME: home } })).toMatchObject({ context: 'mine', socketPath: '/mine.sock' });
  });

  it('refuses --host together with --context', () => {
    expect(thrown(() => resolveEndpoint({ env: {}, host: 'unix:///x', context: 'y' }))).toBeInstanceOf(EndpointError);
  });

  it('maps the "default" context to the default socket', () => {
    expect(resolveEndpoint({ env: { DOCKER_CONTEXT: 'default', DOCKER_CONFIG: tempDir() }, isSocket: () => false })).toMatchObject({ context: 'default', socketPath: DEFAULT_SOCKET });
    // Chosen by name (--context default, or "default" in H's list), it is DOCKER_HOST when that is set, as with the docker CLI.
    expect(resolveEndpoint({ context: 'default', env: { DOCKER_HOST: 'ssh://me@box', DOCKER_CONFIG: tempDir() } })).toMatchObject({ context: 'default', protocol: 'ssh', url: 'ssh://me@box', source: 'context' });
  });

  it('says which context is missing, unreadable or has no Docker endpoint, and when config.json is broken', () => {
    const cfg = setup();
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'nope' } })).message).toBe('There is no docker context named "nope" (see "docker context ls").');
    context(cfg, 'empty', undefined);
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, context: 'empty' })).message).toContain('has no Docker endpoint');
    writeFileSync(join(cfg, 'contexts', 'meta', contextDirName('ctx-b'), 'meta.json'), '{not json');
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, context: 'ctx-b' })).message).toContain('is not valid JSON');
    writeFileSync(join(cfg, 'config.json'), '{oops');
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_CONFIG: cfg } })).message).toContain('config.json is not valid JSON');
  });
});

describe('TLS from the environment', () => {
  const files = { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' };

  it('reads ca, cert and key from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const dir = certDir(files);
    const ep = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir } });
    expect(ep.tls?.verify).toBe(true);
    expect(ep.tls?.ca?.toString()).toBe('CA');
    expect(ep.tls?.cert?.toString()).toBe('CERT');
    expect(ep.tls?.key?.toString()).toBe('KEY');
  });

  it('treats DOCKER_TLS_VERIFY=0 as set, as the CLI does', () => {
    const ep = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: certDir(files) } });
    expect(ep).toMatchObject({ port: 2376, tls: { verify: true } });
  });

  it('uses TLS without checking the server under DOCKER_TLS, and no TLS for a cert path alone', () => {
    expect(resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS: '1', DOCKER_CERT_PATH: certDir({}) } }).tls).toEqual({ verify: false });
    expect(resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_CERT_PATH: certDir(files) } }).tls).toBeUndefined();
  });

  it('looks in the config dir when DOCKER_CERT_PATH is unset', () => {
    const cfg = certDir(files);
    expect(resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: cfg } }).tls?.ca?.toString()).toBe('CA');
  });

  it('names the missing file: ca.pem when verifying, a key without its cert, a cert without its key', () => {
    const noCa = certDir({ 'cert.pem': 'C', 'key.pem': 'K' });
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noCa } })).message).toContain(join(noCa, 'ca.pem'));
    const keyOnly = certDir({ 'ca.pem': 'A', 'key.pem': 'K' });
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: keyOnly } })).message).toContain('a client certificate needs both');
    const certOnly = certDir({ 'ca.pem': 'A', 'cert.pem': 'C' });
    expect(thrown(() => resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certOnly } })).message).toContain(join(certOnly, 'key.pem'));
  });
});

describe('contexts with TLS material', () => {
  it('reads the files under contexts/tls/<sha256>/docker and verifies unless SkipTLSVerify', () => {
    const cfg = tempDir();
    context(cfg, 'secure', 'tcp://s:2376', { tls: { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' } });
    context(cfg, 'lax', 'tcp://l:2376', { skip: true, tls: { 'cert.pem': 'CERT', 'key.pem': 'KEY' } });
    context(cfg, 'skip-only', 'tcp://k:2376', { skip: true });
    context(cfg, 'plain', 'tcp://p:2375');
    const secure = resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, context: 'secure' });
    expect(secure.tls?.verify).toBe(true);
    expect(secure.tls?.ca?.toString()).toBe('CA');
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, context: 'lax' }).tls?.verify).toBe(false);
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, context: 'skip-only' }).tls).toEqual({ verify: false });
    expect(resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, context: 'plain' }).tls).toBeUndefined();
  });

  it('uses sha256 of the name as the directory, as the CLI does', () => {
    expect(contextDirName('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });
});

describe('listContexts', () => {
  it('lists default first, then the store by name, leaving out broken ones, with the current one marked', () => {
    const cfg = tempDir();
    context(cfg, 'zeta', 'ssh://z');
    context(cfg, 'alpha', 'tcp://a:2375');
    const broken = join(cfg, 'contexts', 'meta', 'x');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'meta.json'), '{');
    writeFileSync(join(cfg, 'config.json'), JSON.stringify({ currentContext: 'zeta' }));
    const list = listContexts({ env: { DOCKER_CONFIG: cfg } });
    expect(list.map((c) => [c.name, c.current])).toEqual([
      ['default', false],
      ['alpha', false],
      ['zeta', true],
    ]);
    expect(list[1]).toEqual({ name: 'alpha', host: 'tcp://a:2375', description: 'the alpha one', current: false });
    expect(listContexts({ env: { DOCKER_CONFIG: cfg, DOCKER_HOST: 'tcp://x:1' } })[0]).toMatchObject({ host: 'tcp://x:1', current: true });
  });
});
