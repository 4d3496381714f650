import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerError } from '../../src/docker/errors.js';
import { parseReference } from '../../src/docker/reference.js';
import { authHeaderFor, credentialsFor, dockerConfigDir, registryAuthHeader, registryHostOfKey } from '../../src/docker/registry-auth.js';

const dirs: string[] = [];
function configDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-auth-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What the engine reads back: URL-safe base64 of JSON. */
function decodeHeader(h: string): unknown {
  expect(h).toMatch(/^[A-Za-z0-9_-]+=*$/);
  return JSON.parse(Buffer.from(h.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('registry credentials', () => {
  it('sends {} when there are no credentials (a push without the header gets 400)', async () => {
    expect(registryAuthHeader()).toBe('e30=');
    const dir = configDir({ auths: { 'other.io': { auth: b64('a:b') } } });
    expect(await authHeaderFor(parseReference('127.0.0.1:5000/app:1'), dir)).toBe('e30=');
  });

  it('treats a missing config file as no credentials', async () => {
    expect(await credentialsFor('127.0.0.1:5000', join(tmpdir(), 'berth-no-such-dir'))).toBeUndefined();
  });

  it('decodes the base64 auth field, keeping colons in the password', async () => {
    const dir = configDir({ auths: { '127.0.0.1:5000': { auth: b64('berth:pa:ss/+?') } } });
    const creds = await credentialsFor('127.0.0.1:5000', dir);
    expect(creds).toEqual({ username: 'berth', password: 'pa:ss/+?', serverAddress: '127.0.0.1:5000' });
    expect(decodeHeader(registryAuthHeader(creds))).toEqual({ username: 'berth', password: 'pa:ss/+?', serveraddress: '127.0.0.1:5000' });
  });

  it('uses the URL-safe alphabet, which is what the engine decodes', () => {
    // "?>" encodes to "Pz4" and "~~~" to "fn5+": a standard "+" or "/" would not survive.
    const header = registryAuthHeader({ username: '>>>?', password: '~~~', serverAddress: 'r.io' });
    expect(header).not.toMatch(/[+/]/);
    expect(decodeHeader(header)).toMatchObject({ username: '>>>?', password: '~~~' });
  });

  it('reads username and password fields and matches URL keys by host', async () => {
    const dir = configDir({ auths: { 'https://registry.example.com:8443/v2/': { username: 'u', password: 'p' } } });
    expect(await credentialsFor('registry.example.com:8443', dir)).toEqual({ username: 'u', password: 'p', serverAddress: 'registry.example.com:8443' });
    expect(await credentialsFor('registry.example.com', dir)).toBeUndefined();
  });

  it('finds Docker Hub credentials under the index URL for docker.io references', async () => {
    const dir = configDir({ auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') } } });
    const header = await authHeaderFor(parseReference('team/app:1'), dir);
    expect(decodeHeader(header)).toEqual({ username: 'hubuser', password: 'hubpass', serveraddress: 'https://index.docker.io/v1/' });
  });

  it('prefers the exact key over one that only normalises to the same host', async () => {
    const dir = configDir({ auths: { 'http://r.io/': { auth: b64('a:1') }, 'r.io': { auth: b64('b:2') } } });
    expect((await credentialsFor('r.io', dir))?.username).toBe('b');
  });

  it('says so when config.json is broken or an auth field is malformed', async () => {
    await expect(credentialsFor('r.io', configDir('{ not json'))).rejects.toThrow(/not valid JSON/);
    const err = await credentialsFor('r.io', configDir({ auths: { 'r.io': { auth: b64('nocolon') } } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(/credentials for r\.io .* malformed/);
  });

  describe('credential helpers', () => {
    let binDir: string;
    let savedPath: string | undefined;
    beforeEach(() => {
      binDir = mkdtempSync(join(tmpdir(), 'berth-helper-'));
      dirs.push(binDir);
      // A helper that speaks the protocol: server URL on stdin, JSON on stdout.
      writeFileSync(
        join(binDir, 'docker-credential-berthtest'),
        [
          '#!/bin/sh',
          '[ "$1" = get ] || exit 2',
          'read -r url',
          'case "$url" in',
          '  helper.io) echo \'{"ServerURL":"helper.io","Username":"h-user","Secret":"h-pass"}\' ;;',
          '  token.io) echo \'{"ServerURL":"token.io","Username":"<token>","Secret":"tok"}\' ;;',
          '  broken.io) echo "keychain locked" >&2; exit 1 ;;',
          '  *) echo "credentials not found in native keychain"; exit 1 ;;',
          'esac',
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      savedPath = process.env.PATH;
      process.env.PATH = `${binDir}:${savedPath ?? ''}`;
    });
    afterEach(() => {
      process.env.PATH = savedPath;
    });

    it('asks the credsStore helper first, and falls back to auths when it has nothing', async () => {
      const dir = configDir({ credsStore: 'berthtest', auths: { 'other.io': { auth: b64('o:p') } } });
      expect(await credentialsFor('helper.io', dir)).toEqual({ username: 'h-user', password: 'h-pass', serverAddress: 'helper.io' });
      expect(await credentialsFor('token.io', dir)).toEqual({ identityToken: 'tok', serverAddress: 'token.io' });
      expect(await credentialsFor('other.io', dir)).toEqual({ username: 'o', password: 'p', serverAddress: 'other.io' });
    });

    it('uses a per-registry credHelpers entry, and says which helper failed or is missing', async () => {
      const dir = configDir({ credHelpers: { 'helper.io': 'berthtest', 'broken.io': 'berthtest', 'gone.io': 'not-installed-here' } });
      expect((await credentialsFor('helper.io', dir))?.username).toBe('h-user');
      await expect(credentialsFor('broken.io', dir)).rejects.toThrow('The credential helper docker-credential-berthtest failed for broken.io: keychain locked.');
      await expect(credentialsFor('gone.io', dir)).rejects.toThrow(/docker-credential-not-installed-here named in the Docker config file is not installed/);
      // Registries without a helper entry are looked up in auths as usual.
      expect(await credentialsFor('plain.io', dir)).toBeUndefined();
    });
  });

  it('finds config.json through DOCKER_CONFIG unless a directory is given', () => {
    const saved = process.env.DOCKER_CONFIG;
    try {
      process.env.DOCKER_CONFIG = '/somewhere/docker';
      expect(dockerConfigDir()).toBe('/somewhere/docker');
      expect(dockerConfigDir('/given')).toBe('/given');
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    }
  });

  it('reduces config keys to their host', () => {
    expect(registryHostOfKey('https://index.docker.io/v1/')).toBe('index.docker.io');
    expect(registryHostOfKey('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(registryHostOfKey('HTTP://Reg.IO:5000/path')).toBe('reg.io:5000');
  });
});
