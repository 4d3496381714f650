import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
  it('sends {} when there are no credentials (a push without the header gets 400)', () => {
    expect(registryAuthHeader()).toBe('e30=');
    const dir = configDir({ auths: { 'other.io': { auth: b64('a:b') } } });
    expect(authHeaderFor(parseReference('127.0.0.1:5000/app:1'), dir)).toBe('e30=');
  });

  it('treats a missing config file as no credentials', () => {
    expect(credentialsFor('127.0.0.1:5000', join(tmpdir(), 'berth-no-such-dir'))).toBeUndefined();
  });

  it('decodes the base64 auth field, keeping colons in the password', () => {
    const dir = configDir({ auths: { '127.0.0.1:5000': { auth: b64('berth:pa:ss/+?') } } });
    const creds = credentialsFor('127.0.0.1:5000', dir);
    expect(creds).toEqual({ username: 'berth', password: 'pa:ss/+?', serverAddress: '127.0.0.1:5000' });
    expect(decodeHeader(registryAuthHeader(creds))).toEqual({ username: 'berth', password: 'pa:ss/+?', serveraddress: '127.0.0.1:5000' });
  });

  it('uses the URL-safe alphabet, which is what the engine decodes', () => {
    // "?>" encodes to "Pz4" and "~~~" to "fn5+": a standard "+" or "/" would not survive.
    const header = registryAuthHeader({ username: '>>>?', password: '~~~', serverAddress: 'r.io' });
    expect(header).not.toMatch(/[+/]/);
    expect(decodeHeader(header)).toMatchObject({ username: '>>>?', password: '~~~' });
  });

  it('reads username and password fields and matches URL keys by host', () => {
    const dir = configDir({ auths: { 'https://registry.example.com:8443/v2/': { username: 'u', password: 'p' } } });
    expect(credentialsFor('registry.example.com:8443', dir)).toEqual({ username: 'u', password: 'p', serverAddress: 'registry.example.com:8443' });
    expect(credentialsFor('registry.example.com', dir)).toBeUndefined();
  });

  it('finds Docker Hub credentials under the index URL for docker.io references', () => {
    const dir = configDir({ auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') } } });
    const header = authHeaderFor(parseReference('team/app:1'), dir);
    expect(decodeHeader(header)).toEqual({ username: 'hubuser', password: 'hubpass', serveraddress: 'https://index.docker.io/v1/' });
  });

  it('prefers the exact key over one that only normalises to the same host', () => {
    const dir = configDir({ auths: { 'http://r.io/': { auth: b64('a:1') }, 'r.io': { auth: b64('b:2') } } });
    expect(credentialsFor('r.io', dir)?.username).toBe('b');
  });

  it('says so when config.json is broken or an auth field is malformed', () => {
    expect(() => credentialsFor('r.io', configDir('{ not json'))).toThrow(/not valid JSON/);
    const err = (() => {
      try {
        credentialsFor('r.io', configDir({ auths: { 'r.io': { auth: b64('nocolon') } } }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).message).toMatch(/credentials for r\.io .* malformed/);
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
