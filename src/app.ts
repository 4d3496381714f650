// Wires berth together: the one place that creates the Docker client, the store and the screen.
import type { Config } from './config/config.js';
import { containerFacts } from './container-facts.js';
import { closeClient, createClient, engineVersion, type DockerClient } from './docker/client.js';
import type { ContainerSummary } from './docker/containers.js';
import { describeSource, resolveEndpoint, type Endpoint } from './docker/endpoint.js';
import { bindEngine, type EnginePort } from './docker/port.js';
import type { Logger } from './log.js';
import { CONTAINERS } from './screens/containers/resource.js';
import { RESOURCES } from './screens/registry.js';
import { openShell } from './screens/shell/shell.js';
import { shellParts, shellSettings } from './shell-parts.js';
import { EventLog } from './state/event-log.js';
import { Jobs } from './state/jobs.js';
import { Refresher } from './state/refresher.js';
import { kindsTouchedBy, listOf } from './state/resources.js';
import type { StatsWatcher } from './state/stats-watcher.js';
import { EMPTY_SNAPSHOT, Store } from './state/store.js';
import { TaskRunner } from './state/tasks.js';
import type { TimesTracker } from './state/times-tracker.js';
import { createScreen, restoreTerminal } from './widgets/terminal.js';
import { keepAscii, localeIsUtf8 } from './widgets/ascii.js';
import { themeFor } from './widgets/theme.js';

export interface AppOptions {
  readonly endpoint: Endpoint;
  /** Already connected by the CLI's probe, to save a second handshake. */
  readonly docker?: DockerClient;
  readonly engineVersion?: string;
  readonly logger: Logger;
  readonly readOnly: boolean;
  /** The config file's settings (or the defaults), with the flags applied. */
  readonly config: Config;
  /** The container list, in already: the first frame shows it. */
  readonly containers?: readonly ContainerSummary[];
  /** Else the container list, still asked for. */
  readonly firstList?: Promise<readonly ContainerSummary[]>;
}

/** What is tied to one daemon: replaced as a whole when the user switches hosts. */
interface Connected {
  readonly docker: DockerClient;
  readonly endpoint: Endpoint;
  readonly times: TimesTracker;
  readonly stats: StatsWatcher;
  readonly refresher: Refresher;
  readonly refreshing: { stop(): void };
}

export function runApp(opts: AppOptions): void {
  const { logger } = opts;
  const store = new Store();
  const jobs = new Jobs();
  const events = new EventLog();
  if (opts.engineVersion) store.update({ engineVersion: opts.engineVersion });

  // One port for the app's life: host switching replaces the client underneath it.
  let client: DockerClient = opts.docker ?? createClient(opts.endpoint);
  const engine: EnginePort = bindEngine(() => client);

  const connect = (endpoint: Endpoint, docker: DockerClient): Connected => {
    client = docker;
    // Times and (local) usage share one inspect per container.
    const facts = containerFacts(store, engine, { local: endpoint.protocol === 'unix' });
    const { times, stats } = facts;
    let opened = false;
    const load = async (kind: string) => {
      const spec = RESOURCES.find((r) => r.kind === kind);
      if (spec) store.setList(spec, await spec.load(engine));
    };
    const refresher = new Refresher(store, {
      kinds: RESOURCES.filter((r) => !r.lazy).map((r) => r.kind),
      touched: (ev) => kindsTouchedBy(RESOURCES, ev),
      watchEvents: (handlers) =>
        engine.watchEvents({
          ...handlers,
          onOpen: () => {
            logger.info(`events stream open (${endpoint.url})`);
            if (opened) facts.reconnected();
            opened = true;
            handlers.onOpen?.();
            if (!store.snapshot.engineVersion) {
              engine
                .engineVersion()
                .then((v) => store.update({ engineVersion: v.label }))
                .catch(() => undefined);
            }
          },
          onEnd: (err) => {
            logger.error('events stream ended', err);
            handlers.onEnd(err);
          },
        }),
      load,
      onEvent: (ev) => {
        facts.onEvent(ev);
        events.push(ev);
      },
    });
    store.update({ endpoint: { url: endpoint.url, source: describeSource(endpoint) } });
    return { docker, endpoint, times, stats, refresher, refreshing: refresher.start() };
  };
  let current = connect(opts.endpoint, client);

  /** Switches to another daemon; resolves with a sentence when it cannot be reached. */
  const switchHost = async (target: { context?: string; host?: string }): Promise<string | undefined> => {
    let endpoint: Endpoint;
    try {
      endpoint = resolveEndpoint(target);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    const docker = createClient(endpoint);
    let version: string;
    try {
      version = (await engineVersion(docker)).label;
    } catch (err) {
      closeClient(docker);
      return `Cannot reach ${endpoint.url}: ${err instanceof Error ? err.message : String(err)}`;
    }
    current.stats.stop();
    current.refreshing.stop();
    closeClient(current.docker);
    store.update({ ...EMPTY_SNAPSHOT, engineVersion: version });
    current = connect(endpoint, docker);
    logger.info(`switched to ${endpoint.url} (${describeSource(endpoint)})`);
    return undefined;
  };

  // Terminal restore must be in place before anything can throw.
  const screen = createScreen({ title: `berth ${opts.endpoint.url}` });
  const { config } = opts;
  if (config.ascii === true || (config.ascii === 'auto' && !localeIsUtf8())) keepAscii(screen);
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

  if (opts.containers) store.setList(CONTAINERS, opts.containers);
  const main = openShell(
    {
      store,
      tasks: new TaskRunner(store),
      engine,
      jobs,
      events,
      refresh: (k) => current.refresher.request(k),
      readOnly: opts.readOnly,
      settings: shellSettings(config),
      switchHost,
      visible: (ids, shown) => {
        // Only what is on screen gets a stats stream and an inspect for its times.
        current.stats.setWanted(store.snapshot.connection.status === 'connected' && shown.stats ? ids : []);
        current.times.want(ids);
      },
    },
    {
      screen,
      theme: themeFor(config.theme, config.colors),
      quit: () => shutdown(0),
      ...shellParts(config),
    },
  );
  closers.push(() => main.close());
  closers.push(() => jobs.cancelAll());
  opts.firstList?.then(
    (containers) => {
      if (!listOf(store.snapshot, CONTAINERS).loaded) store.setList(CONTAINERS, containers);
    },
    () => undefined,
  );
  // Closers run last-pushed first: the client (its ssh connection) goes after its streams.
  closers.push(() => closeClient(current.docker));
  closers.push(() => current.refreshing.stop());
  closers.push(() => current.stats.stop());
  logger.info(`started against ${opts.endpoint.url} (${describeSource(opts.endpoint)})${opts.readOnly ? ' read-only' : ''}`);
}
