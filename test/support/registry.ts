// A real registry (Debian's docker-registry, distribution 2.8) for push/pull tests.
// It runs inside the private engine's network namespace, so the engine reaches it at
// 127.0.0.1:<port> (loopback is an insecure registry for dockerd by default) and
// nothing outside that namespace can see it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RegistryHandle {
  /** "127.0.0.1:<port>", as the engine sees it. */
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** The engine's network namespace name (under /var/run/netns). */
  readonly netns: string;
  /** Basic auth with this one user (htpasswd -B). */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Where to keep config and storage; the engine's dir is best (its reaper kills what lives there). */
  readonly parentDir?: string;
}

function config(dir: string, port: number, htpasswdFile: string | undefined): string {
  return [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(htpasswdFile ? ['auth:', '  htpasswd:', '    realm: berth-test', `    path: ${htpasswdFile}`] : []),
    '',
  ].join('\n');
}

/** Starts the registry once on the given port; resolves when it listens, rejects if it exits first. */
function launch(netns: string, cfgFile: string, port: number, timeoutMs: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', [`--net=/var/run/netns/${netns}`, 'docker-registry', 'serve', cfgFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`docker-registry did not listen on ${port} within ${timeoutMs} ms:\n${log.slice(-2000)}`));
    }, timeoutMs);
    // The registry logs "listening on 127.0.0.1:<port>" once its socket is bound; the test
    // process lives in another namespace and cannot poll that loopback itself.
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes(`listening on 127.0.0.1:${port}`)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stderr?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`docker-registry exited (${code}) before listening:\n${log.slice(-2000)}`));
    });
  });
}

export async function startRegistry(opts: RegistryOptions): Promise<RegistryHandle> {
  if (!opts.netns) throw new Error('the registry needs the private engine network namespace (engineNetns is empty)');
  const parent = opts.parentDir || tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'registry-'));
  let htpasswdFile: string | undefined;
  if (opts.auth) {
    htpasswdFile = join(dir, 'htpasswd');
    try {
      writeFileSync(htpasswdFile, execFileSync('htpasswd', ['-Bbn', opts.auth.username, opts.auth.password], { encoding: 'utf8' }));
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  // The namespace is private to this run, so a clash is unlikely; retry a few ports anyway.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const cfgFile = join(dir, 'config.yml');
    writeFileSync(cfgFile, config(dir, port, htpasswdFile));
    try {
      const child = await launch(opts.netns, cfgFile, port, 10_000);
      return {
        host: `127.0.0.1:${port}`,
        port,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            const gone = new Promise<void>((r) => child.once('exit', () => r()));
            child.kill('SIGTERM');
            const t = setTimeout(() => child.kill('SIGKILL'), 3000);
            await gone;
            clearTimeout(t);
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      lastErr = err;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
}
