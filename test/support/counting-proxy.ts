// A unix-socket proxy in front of the test engine that counts connections and remembers
// which API calls each one carried: the engine-side view of "is a stats stream still open?"
// that a screen or a client's own bookkeeping cannot give.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProxiedConnection {
  /** The request lines' paths, in order ("/v1.41/containers/x/stats?stream=1"...). */
  readonly paths: string[];
  open: boolean;
}

export interface CountingProxy {
  /** Point DOCKER_HOST here: unix://<socketPath>. */
  readonly socketPath: string;
  readonly connections: readonly ProxiedConnection[];
  /** Open connections whose latest request's path matches (a stream still being read, say). */
  openCarrying(path: RegExp): number;
  /** Connections that ever carried a request whose path matches. */
  everCarried(path: RegExp): number;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(?:GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

export async function startCountingProxy(targetSocket: string): Promise<CountingProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-proxy-'));
  const socketPath = join(dir, 'docker.sock');
  const connections: ProxiedConnection[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const conn: ProxiedConnection = { paths: [], open: true };
    connections.push(conn);
    const upstream = createConnection(targetSocket);
    sockets.add(client).add(upstream);
    const done = () => {
      conn.open = false;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (d: Buffer) => {
      // A request starts a write of its own; its first line names the call.
      for (const m of d.toString('latin1').matchAll(REQUEST_LINE)) conn.paths.push(m[1]!);
      upstream.write(d);
    });
    upstream.pipe(client);
    for (const s of [client, upstream]) {
      s.on('close', done);
      s.on('error', done);
      s.on('end', done);
    }
  });
  await new Promise<void>((resolve, reject) => server.listen(socketPath, resolve).once('error', reject));
  const latest = (c: ProxiedConnection) => c.paths.at(-1) ?? '';
  return {
    socketPath,
    connections,
    openCarrying: (path) => connections.filter((c) => c.open && path.test(latest(c))).length,
    everCarried: (path) => connections.filter((c) => c.paths.some((p) => path.test(p))).length,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
