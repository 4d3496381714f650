// A counting proxy on a unix socket in front of the engine's socket. The app under test
// gets DOCKER_HOST=unix://<proxy socket>, so every request it makes is seen here:
// requests are counted by endpoint, open connections are known at any moment.
import net from 'node:net';
import { rmSync } from 'node:fs';
import { HttpRequestTap, endpointKey } from './http-tap.js';

export interface ProxyCounts {
  /** Requests started since the proxy began, by endpoint. */
  readonly requests: ReadonlyMap<string, number>;
  /** Connections open now. */
  readonly open: number;
  /** Connections open now, by the endpoint of their latest request ("(none)" before any). */
  readonly openByEndpoint: ReadonlyMap<string, number>;
  /** Bytes sent from the engine to clients since the proxy began. */
  readonly bytesToClients: number;
}

export interface CountingProxy {
  readonly socket: string;
  readonly dockerHost: string;
  counts(): ProxyCounts;
  /** Ends every connection (the app is gone) without stopping the proxy. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startProxy(engineSocket: string, socket: string): Promise<CountingProxy> {
  rmSync(socket, { force: true });
  const requests = new Map<string, number>();
  const live = new Map<net.Socket, { endpoint: string; upstream: net.Socket }>();
  let bytesToClients = 0;

  const server = net.createServer((client) => {
    const upstream = net.connect(engineSocket);
    const entry = { endpoint: '(none)', upstream };
    live.set(client, entry);
    const tap = new HttpRequestTap((head) => {
      const key = endpointKey(head);
      entry.endpoint = key;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    });
    client.on('data', (chunk: Buffer) => {
      tap.push(chunk);
      // Backpressure both ways, so a flooding log stream is paced by the app as it would be without us.
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      bytesToClients += chunk.length;
      if (!client.write(chunk)) {
        upstream.pause();
        client.once('drain', () => upstream.resume());
      }
    });
    const end = () => {
      live.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });

  return {
    socket,
    dockerHost: `unix://${socket}`,
    counts() {
      const openByEndpoint = new Map<string, number>();
      for (const { endpoint } of live.values()) openByEndpoint.set(endpoint, (openByEndpoint.get(endpoint) ?? 0) + 1);
      return { requests: new Map(requests), open: live.size, openByEndpoint, bytesToClients };
    },
    dropConnections() {
      for (const [client, { upstream }] of live) {
        client.destroy();
        upstream.destroy();
      }
      live.clear();
    },
    async close() {
      for (const [client, { upstream }] of live) {
        client.destroy();
        upstream.destroy();
      }
      live.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socket, { force: true });
    },
  };
}

/** Requests per endpoint made between two snapshots. */
export function requestsBetween(before: ProxyCounts, after: ProxyCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of after.requests) {
    const d = n - (before.requests.get(k) ?? 0);
    if (d > 0) out.set(k, d);
  }
  return out;
}
