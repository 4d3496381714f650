// Wires berth together: the one place that creates the Docker client, the store and the screen.
import { createClient, engineVersion, type DockerClient } from './docker/client.js';
import { listContainers } from './docker/containers.js';
import { describeSource, type Endpoint } from './docker/endpoint.js';
import { watchEvents } from './docker/events.js';
import type { Logger } from './log.js';
import { openMainScreen } from './screens/main-screen.js';
import { Refresher } from './state/refresher.js';
import { Store } from './state/store.js';
import { createScreen, restoreTerminal } from './widgets/terminal.js';
import { colorWanted, makeTheme } from './widgets/theme.js';

export interface AppOptions {
  readonly endpoint: Endpoint;
  /** Already connected by the CLI's probe, to save a second handshake. */
  readonly docker?: DockerClient;
  readonly engineVersion?: string;
  readonly logger: Logger;
}

export function runApp(opts: AppOptions): void {
  const { endpoint, logger } = opts;
  const docker = opts.docker ?? createClient(endpoint);
  const store = new Store();
  if (opts.engineVersion) store.update({ engineVersion: opts.engineVersion });

  const refresher = new Refresher(store, {
    watchEvents: (handlers) =>
      watchEvents(docker, {
        ...handlers,
        onOpen: () => {
          logger.info('events stream open');
          handlers.onOpen?.();
          if (!store.snapshot.engineVersion) {
            engineVersion(docker)
              .then((v) => store.update({ engineVersion: v.version }))
              .catch(() => undefined);
          }
        },
        onEnd: (err) => {
          logger.error('events stream ended', err);
          handlers.onEnd(err);
        },
      }),
    load: async (kind) => {
      if (kind === 'containers') {
        const containers = await listContainers(docker, { all: true });
        store.update({ containers, containersLoaded: true });
      }
    },
  });

  // Terminal restore must be in place before anything can throw.
  const screen = createScreen({ title: `berth ${endpoint.url}` });
  const closers: (() => void)[] = [];
  let closed = false;
  const shutdown = (code: number, why?: string) => {
    if (closed) return;
    closed = true;
    for (const close of closers.reverse()) {
      try {
        close();
      } catch (err) {
        logger.error('error while closing', err);
      }
    }
    restoreTerminal(screen);
    if (why) process.stderr.write(`berth: ${why}\n`);
    process.exit(code);
  };
  const internalError = (what: string) => (err: unknown) => {
    logger.error(what, err);
    shutdown(1, `stopped after an internal error: ${err instanceof Error ? err.message : String(err)}`);
  };
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGHUP', () => shutdown(0));
  process.on('uncaughtException', internalError('uncaught exception'));
  process.on('unhandledRejection', internalError('unhandled rejection'));

  const main = openMainScreen({
    screen,
    store,
    theme: makeTheme(colorWanted()),
    endpointUrl: endpoint.url,
    endpointSource: describeSource(endpoint),
    quit: () => shutdown(0),
  });
  closers.push(() => main.close());
  const refreshing = refresher.start();
  closers.push(() => refreshing.stop());
  logger.info(`started against ${endpoint.url} (${describeSource(endpoint)})`);
}
