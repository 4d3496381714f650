// Parses the command line, checks that berth can run here, then starts the app.
// Everything that can go wrong before full-screen mode ends in one clear paragraph
// and exit code 1, never a stack trace.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DockerClient } from './docker/client.js';
import { EndpointError, describeSource, resolveEndpoint, type Endpoint } from './docker/endpoint.js';
import { fileLogger, silentLogger } from './log.js';

const USAGE = `berth: a keyboard-driven terminal UI for Docker

Usage: berth [options]

Options:
  -H, --host URL       Docker endpoint: unix:///path, tcp://host:port or ssh://[user@]host[:port]
                       (ssh:// runs your ssh client: ~/.ssh/config, keys and agent apply)
  -c, --context NAME   Use this docker context (see "docker context ls")
      --read-only      Look, do not touch: every action that changes something is turned off
      --no-stats       Start without the live CPU and memory columns (% toggles them)
      --log FILE       Write a debug log to FILE
  -h, --help           Show this help
  -v, --version        Show the version

The endpoint is chosen like the docker CLI does: --host, then DOCKER_HOST
(with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), then --context, DOCKER_CONTEXT or
the current context in ~/.docker/config.json, then /var/run/docker.sock.
Environment: NO_COLOR turns colour off; BERTH_TERM overrides the terminal type.
Press ? inside berth for the keys.
`;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function fail(paragraph: string): never {
  process.stderr.write(`berth: ${paragraph}\n`);
  process.exit(1);
}

interface Parsed {
  readOnly: boolean;
  stats: boolean;
  host?: string;
  context?: string;
  log?: string;
}

function parse(argv: string[]): Parsed {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string', short: 'H' },
        context: { type: 'string', short: 'c' },
        log: { type: 'string' },
        'read-only': { type: 'boolean' },
        'no-stats': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (values.version) {
      process.stdout.write(`berth ${version()}\n`);
      process.exit(0);
    }
    return {
      readOnly: values['read-only'] === true || process.env.BERTH_READ_ONLY === '1',
      stats: values['no-stats'] !== true,
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values.context !== undefined ? { context: values.context } : {}),
      ...(values.log !== undefined ? { log: values.log } : {}),
    };
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\nRun "berth --help" for the options.`);
  }
}

export async function main(argv: string[]): Promise<void> {
  const args = parse(argv);
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
  const firstList = probe.then(() => listContainers(docker, { all: true }));
  firstList.catch(() => undefined); // the refresher loads it again if this fails
  const app = import('./app.js');
  let versionText: string | undefined;
  try {
    versionText = (await probe).label;
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    closeClient(docker);
    fail(`cannot reach the Docker daemon at ${endpoint.url} (chosen by ${describeSource(endpoint)}).\n${cause}`);
  }
  const { runApp } = await app;
  runApp({ endpoint, docker, logger, readOnly: args.readOnly, stats: args.stats, firstList, ...(versionText ? { engineVersion: versionText } : {}) });
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

main(process.argv.slice(2)).catch((err: unknown) => {
  fail(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
