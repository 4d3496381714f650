// Parses the command line, checks that berth can run here, then starts the app. Nothing
// runs on import: the entry points (cli.ts, and snapshot.ts for the startup snapshot) call start.
// Everything that can go wrong before full-screen mode ends in one clear paragraph
// and exit code 1, never a stack trace.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, configPath, loadConfig, type Config } from './config/config.js';
import type { DockerClient } from './docker/client.js';
import { EndpointError, describeSource, resolveEndpoint, type Endpoint } from './docker/endpoint.js';
import { restoreLauncherEnv } from './launcher-env.js';
import { fileLogger, silentLogger } from './log.js';

const USAGE = `berth: a keyboard-driven terminal UI for Docker

Usage: berth [options]
       berth config [--check] [--config FILE]

Options:
  -H, --host URL       Docker endpoint: unix:///path, tcp://host:port or ssh://[user@]host[:port]
                       (ssh:// runs your ssh client: ~/.ssh/config, keys and agent apply)
  -c, --context NAME   Use this docker context (see "docker context ls")
      --read-only      Look, do not touch: every action that changes something is turned off
      --no-stats       Start without the live CPU and memory columns (% toggles them)
      --log FILE       Write a debug log to FILE
      --config FILE    Read the config from FILE (default: $XDG_CONFIG_HOME/berth/config.yml,
                       else ~/.config/berth/config.yml; used only when it exists)
      --ascii          Draw with ASCII only (automatic when the locale is not UTF-8)
  -h, --help           Show this help
  -v, --version        Show the version

The endpoint is chosen like the docker CLI does: --host, then DOCKER_HOST
(with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), then --context, DOCKER_CONTEXT or
the current context in ~/.docker/config.json, then /var/run/docker.sock.
Environment: NO_COLOR turns colour off; BERTH_TERM overrides the terminal type.
Press ? inside berth for the keys.

"berth config" prints the effective config (defaults included) as YAML;
"berth config --check" only checks the file. A config with a mistake stops berth
with exit status 2 and the line that is wrong.
`;

/** Written in by the single-file build (scripts/single-file): that file has no package.json beside it. */
declare const BERTH_VERSION: string | undefined;

function version(): string {
  if (typeof BERTH_VERSION === 'string') return BERTH_VERSION;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function fail(paragraph: string, status = 1): never {
  process.stderr.write(`berth: ${paragraph}\n`);
  process.exit(status);
}

interface Parsed {
  /** "config": print or check the config instead of starting. */
  command?: 'config';
  check: boolean;
  readOnly: boolean;
  stats: boolean;
  ascii: boolean;
  host?: string;
  context?: string;
  log?: string;
  config?: string;
}

function parse(argv: string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string', short: 'H' },
        context: { type: 'string', short: 'c' },
        log: { type: 'string' },
        'read-only': { type: 'boolean' },
        'no-stats': { type: 'boolean' },
        config: { type: 'string' },
        ascii: { type: 'boolean' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 1 || (positionals[0] !== undefined && positionals[0] !== 'config')) throw new Error(`Unknown command "${positionals.join(' ')}" (the one command is "config").`);
    if (values.check && positionals[0] !== 'config') throw new Error('--check goes with "berth config".');
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (values.version) {
      process.stdout.write(`berth ${version()}\n`);
      process.exit(0);
    }
    return {
      ...(positionals[0] === 'config' ? { command: 'config' as const } : {}),
      check: values.check === true,
      readOnly: values['read-only'] === true || process.env.BERTH_READ_ONLY === '1',
      stats: values['no-stats'] !== true,
      ascii: values.ascii === true,
      ...(values.config !== undefined ? { config: values.config } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values.context !== undefined ? { context: values.context } : {}),
      ...(values.log !== undefined ? { log: values.log } : {}),
    };
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\nRun "berth --help" for the options.`);
  }
}

/** The config, or exit status 2 with the file, the line and what is wrong: never a half-configured berth. */
async function configOrExit(args: Parsed): Promise<{ config: Config; file?: string }> {
  try {
    return await loadConfig(args.config);
  } catch (err) {
    if (err instanceof ConfigError) fail(`${err.message}\n(berth config --check checks the file; berth config prints the defaults.)`, 2);
    throw err;
  }
}

async function configCommand(args: Parsed): Promise<void> {
  const { config, file } = await configOrExit(args);
  if (args.check) {
    process.stdout.write(file ? `${file}: ok\n` : `no config file at ${configPath(args.config)}: the defaults apply\n`);
    return;
  }
  const { configYaml } = await import('./config/print.js');
  process.stdout.write(configYaml(config, file ? `the defaults with ${file} laid over them` : `the defaults (no file at ${configPath(args.config)})`));
}

export async function main(argv: string[]): Promise<void> {
  const args = parse(argv);
  if (args.command === 'config') return configCommand(args);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    fail('standard input and output must be a terminal: berth is a full-screen app.\nRun it directly in a terminal (or over ssh -t), not in a pipe or with output redirected.');
  }
  let endpoint: Endpoint;
  try {
    endpoint = resolveEndpoint({ ...(args.host ? { host: args.host } : {}), ...(args.context ? { context: args.context } : {}) });
  } catch (err) {
    if (err instanceof EndpointError) fail(err.message);
    throw err;
  }
  const logger = args.log ? fileLogger(args.log) : silentLogger;
  // Loading the Docker client pulls in dockerode. The probe, the first container list and
  // the loading of the full-screen code overlap: each waits on something different.
  const [{ createClient, engineVersion, closeClient }, { listContainers }] = await Promise.all([import('./docker/client.js'), import('./docker/containers.js')]);
  const docker = createClient(endpoint, { timeoutMs: 0 });
  await connectBeforeScreen(endpoint, docker);
  const probe = withTimeout(engineVersion(docker), 10_000);
  // Asked at once, beside the probe: one round trip to the daemon fewer before the first frame.
  const firstList = listContainers(docker, { all: true });
  firstList.catch(() => undefined); // the refresher loads it again if this fails
  const app = import('./app.js');
  // Read while the daemon answers: the YAML parser and the checks load only if a file exists.
  const { config } = await configOrExit(args);
  let versionText: string | undefined;
  try {
    versionText = (await probe).label;
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    closeClient(docker);
    fail(`cannot reach the Docker daemon at ${endpoint.url} (chosen by ${describeSource(endpoint)}).\n${cause}`);
  }
  // The first frame shows the containers when their list is in by then or soon after (asked
  // beside the probe, it usually lands first): a frame with the names at once, instead of an
  // empty one and the names a frame later (npm run bench: about 0.1 s sooner with 20 or 100).
  const containers = await withTimeout(firstList, FIRST_LIST_WAIT_MS).catch(() => undefined);
  const { runApp } = await app;
  runApp({
    endpoint,
    docker,
    logger,
    readOnly: args.readOnly,
    config: { ...config, stats: args.stats && config.stats, ...(args.ascii ? { ascii: true } : {}) },
    ...(containers ? { containers } : { firstList }),
    ...(versionText ? { engineVersion: versionText } : {}),
  });
}

// ssh:// only: ssh may need to ask the user (a key's passphrase, an unknown host key). It asks
// here, on the real terminal, before the full screen opens and with no deadline of berth's
// (ssh's ConnectTimeout bounds the network); the connection it opens serves the whole session,
// and every later ssh runs in BatchMode, so nothing ever prompts over berth's screen.
async function connectBeforeScreen(endpoint: Endpoint, docker: DockerClient): Promise<void> {
  if (endpoint.protocol !== 'ssh') return;
  const { connectInteractively, closeClient } = await import('./docker/client.js');
  try {
    await connectInteractively(docker);
  } catch (err) {
    closeClient(docker);
    fail(`cannot reach the Docker daemon at ${endpoint.url} (chosen by ${describeSource(endpoint)}).\n${err instanceof Error ? err.message : String(err)}`);
  }
}

/** How long the first frame may wait for the container list once the daemon has answered. */
const FIRST_LIST_WAIT_MS = 300;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`The daemon did not answer within ${ms / 1000} s (timeout).`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Runs berth with these arguments (without node's and the script's own). */
export function start(argv: string[]): void {
  restoreLauncherEnv();
  main(argv).catch((err: unknown) => {
    fail(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  });
}
