// A second dockerd that listens on tcp://127.0.0.1:<port> with --tlsverify, inside the private
// engine's network namespace, with its own data root, exec root, containerd namespace and cgroup
// parent (the same isolation as test/support/engine.ts). Its unix socket is only for readiness.
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { engineRequest, isolationArgs, killProcessesMentioning, unmountUnder } from '../engine.js';
import type { TlsFiles } from './certs.js';
import { pidFromFile, randomPort, spawnInNetns, stopPid, waitFor } from './netns.js';

export interface TlsDockerd {
  readonly port: number;
  readonly dataRoot: string;
  stop(): Promise<void>;
}

export async function startTlsDockerd(netns: string, dir: string, tls: TlsFiles): Promise<TlsDockerd> {
  mkdirSync(dir, { recursive: true });
  const port = randomPort();
  const socket = join(dir, 'd.sock');
  const log = join(dir, 'dockerd.log');
  const pidFile = join(dir, 'dockerd.pid');
  const unique = `berth-tls-${process.pid}-${port}`;
  const fd = openSync(log, 'a');
  const launcher = spawnInNetns(
    netns,
    'dockerd',
    [
      '--data-root', join(dir, 'data'),
      '--exec-root', join(dir, 'x'),
      '--pidfile', pidFile,
      '-H', `unix://${socket}`,
      '-H', `tcp://127.0.0.1:${port}`,
      '--tlsverify',
      '--tlscacert', join(tls.serverDir, 'ca.pem'),
      '--tlscert', join(tls.serverDir, 'server-cert.pem'),
      '--tlskey', join(tls.serverDir, 'server-key.pem'),
      ...isolationArgs(unique),
    ],
    fd,
  );
  closeSync(fd);
  const stop = async () => {
    await stopPid(pidFromFile(pidFile) ?? launcher, 10_000);
    // A dockerd that had to be killed leaves its containerd and its mounts under `dir`.
    killProcessesMentioning(dir);
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'the TLS dockerd',
      async () => {
        try {
          return (await engineRequest(socket, 'GET', '/_ping', 1000)).status === 200;
        } catch {
          return false;
        }
      },
      30_000,
      log,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, dataRoot: join(dir, 'data'), stop };
}
