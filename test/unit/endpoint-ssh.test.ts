// How berth checks an ssh endpoint's host key and picks a usable key (real ssh-keygen output).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEncryptedKey, knownHostAccepts } from '../../src/docker/client.js';

const fx = JSON.parse(readFileSync(new URL('./fixtures/ssh-keys.json', import.meta.url), 'utf8')) as Record<string, string>;
const blob = (pub: string) => Buffer.from(pub.split(' ')[1]!, 'base64');
const host = blob(fx.hostPub!);
const other = blob(fx.otherPub!);
const lines = (s: string) => s.split('\n');

describe('known_hosts', () => {
  it('accepts the recorded key for [host]:port and for a plain host name', () => {
    expect(knownHostAccepts(lines(fx.plainKnownHosts!), '[127.0.0.1]:2222', host)).toBe(true);
    expect(knownHostAccepts(lines(fx.plainKnownHosts!), 'box.example', host)).toBe(true);
  });

  it('refuses a changed key, an unknown host, and the same host on another port', () => {
    expect(knownHostAccepts(lines(fx.plainKnownHosts!), '[127.0.0.1]:2222', other)).toBe(false);
    expect(knownHostAccepts(lines(fx.plainKnownHosts!), 'elsewhere.example', host)).toBe(false);
    expect(knownHostAccepts(lines(fx.plainKnownHosts!), '[127.0.0.1]:2223', host)).toBe(false);
  });

  it('matches hashed entries (HashKnownHosts, the Debian default)', () => {
    expect(knownHostAccepts(lines(fx.hashedKnownHosts!), '[127.0.0.1]:2222', host)).toBe(true);
    expect(knownHostAccepts(lines(fx.hashedKnownHosts!), 'box.example', host)).toBe(true);
    expect(knownHostAccepts(lines(fx.hashedKnownHosts!), 'box.example', other)).toBe(false);
    expect(knownHostAccepts(lines(fx.hashedKnownHosts!), 'other.example', host)).toBe(false);
  });

  it('reads wildcards, negations, comments and @revoked like ssh', () => {
    const key = fx.hostPub!.split(' ').slice(0, 2).join(' ');
    expect(knownHostAccepts([`*.example,!bad.example ${key}`], 'good.example', host)).toBe(true);
    expect(knownHostAccepts([`*.example,!bad.example ${key}`], 'bad.example', host)).toBe(false);
    expect(knownHostAccepts([`# box.example ${key}`], 'box.example', host)).toBe(false);
    expect(knownHostAccepts([`box.example ${key}`, `@revoked * ${key}`], 'box.example', host)).toBe(false);
    // Brackets are literal in ssh patterns, not a character class.
    expect(knownHostAccepts([`[127.0.0.1]:2222 ${key}`], '1', host)).toBe(false);
  });
});

describe('key files', () => {
  it('tells a passphrase-protected key from a usable one, in both formats', () => {
    expect(isEncryptedKey(fx.lockedKey!)).toBe(true);
    expect(isEncryptedKey(fx.lockedPemKey!)).toBe(true);
    expect(isEncryptedKey(fx.plainKey!)).toBe(false);
    expect(isEncryptedKey('not a key at all')).toBe(false);
  });
});
