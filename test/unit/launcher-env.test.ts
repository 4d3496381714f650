import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { systemCaWithExtra } from '../../src/docker/client.js';
import { restoreLauncherEnv } from '../../src/launcher-env.js';

describe('restoreLauncherEnv', () => {
  it("takes MALLOC_ARENA_MAX away when the launcher set it, and puts NODE_EXTRA_CA_CERTS back", () => {
    const env: NodeJS.ProcessEnv = { MALLOC_ARENA_MAX: '1', BERTH_SET_MALLOC_ARENA_MAX: '1', BERTH_NODE_EXTRA_CA_CERTS: '/etc/corp.pem', PATH: '/bin' };
    restoreLauncherEnv(env);
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/corp.pem', PATH: '/bin' });
  });

  it("leaves the user's own MALLOC_ARENA_MAX and NODE_EXTRA_CA_CERTS alone", () => {
    const env: NodeJS.ProcessEnv = { MALLOC_ARENA_MAX: '4', NODE_EXTRA_CA_CERTS: '/etc/mine.pem' };
    restoreLauncherEnv(env);
    expect(env).toEqual({ MALLOC_ARENA_MAX: '4', NODE_EXTRA_CA_CERTS: '/etc/mine.pem' });
  });

  it('changes nothing when berth was started without the launcher', () => {
    const env: NodeJS.ProcessEnv = { HOME: '/root' };
    restoreLauncherEnv(env);
    expect(env).toEqual({ HOME: '/root' });
  });
});

describe('systemCaWithExtra', () => {
  it("is the system's authorities and the file's, read when asked", () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-ca-'));
    try {
      const file = join(dir, 'corp.pem');
      writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const ca = systemCaWithExtra(file)!;
      expect(ca).toHaveLength(rootCertificates.length + 1);
      expect(ca.slice(0, -1)).toEqual([...rootCertificates]);
      expect(ca.at(-1)!.toString()).toContain('MIIB');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves Node's default store when there is no file, or it cannot be read", () => {
    expect(systemCaWithExtra(undefined)).toBeUndefined();
    expect(systemCaWithExtra('')).toBeUndefined();
    expect(systemCaWithExtra('/nonexistent/corp.pem')).toBeUndefined();
  });
});
