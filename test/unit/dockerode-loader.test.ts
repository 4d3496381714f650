import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a snippet in a fresh node (so require's cache is its own) and returns its JSON output. */
function inFreshNode(code: string): unknown {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('loading dockerode', () => {
  it('defers gRPC and protobuf until they are used, still loads them when they are, and never loads ssh2', () => {
    const r = inFreshNode(`
      import { createRequire } from 'node:module';
      import { loadDockerode } from './src/docker/dockerode-loader.ts';
      const req = createRequire(import.meta.url);
      const count = (re) => Object.keys(req.cache).filter((k) => re.test(k)).length;
      const grpc = () => count(/@grpc|protobufjs/);
      const ssh2 = () => count(/[\\\\/]ssh2[\\\\/]/);
      const Docker = loadDockerode();
      const before = grpc();
      // dockerode's BuildKit session module loads its gRPC parts on first call.
      const session = createRequire(req.resolve('dockerode'))('./session.js');
      try { session({}, () => undefined); } catch {}
      // docker-modem's ssh module is a stand-in that refuses, without loading ssh2.
      const modemDir = createRequire(req.resolve('dockerode')).resolve('docker-modem');
      let refused = '';
      try { createRequire(modemDir)('./ssh.js')({ host: '127.0.0.1', port: 1 }); } catch (e) { refused = e.message; }
      console.log(JSON.stringify({ before, after: grpc(), ssh2: ssh2(), refused, isCtor: typeof Docker === 'function' }));
    `) as { before: number; after: number; ssh2: number; refused: string; isCtor: boolean };
    expect(r.isCtor).toBe(true);
    expect(r.before).toBe(0);
    expect(r.after).toBeGreaterThan(0);
    expect(r.ssh2).toBe(0);
    expect(r.refused).toContain('system ssh client');
  });
});
