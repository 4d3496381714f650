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
  it('defers gRPC, protobuf and ssh2 until they are used, and still loads them when they are', () => {
    const r = inFreshNode(`
      import { createRequire } from 'node:module';
      import { loadDockerode } from './src/docker/dockerode-loader.ts';
      const req = createRequire(import.meta.url);
      const heavy = () => Object.keys(req.cache).filter((k) => /@grpc|protobufjs|[\\\\/]ssh2[\\\\/]/.test(k)).length;
      const Docker = loadDockerode();
      const before = heavy();
      // An ssh client builds its agent through the deferred module on first request.
      const modemDir = createRequire(req.resolve('dockerode')).resolve('docker-modem');
      const ssh = createRequire(modemDir)('./ssh.js');
      const agent = ssh({ host: '127.0.0.1', port: 1 });
      console.log(JSON.stringify({ before, after: heavy(), isCtor: typeof Docker === 'function', agent: typeof agent }));
    `) as { before: number; after: number; isCtor: boolean; agent: string };
    expect(r.isCtor).toBe(true);
    expect(r.before).toBe(0);
    expect(r.after).toBeGreaterThan(0);
    expect(r.agent).toBe('object');
  });
});
