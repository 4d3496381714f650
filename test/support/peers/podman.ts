// Debian's Podman serving the Docker API (`podman system service`) inside the private engine's
// network namespace, with everything of its own: storage, run and temporary directories, file
// locks (not the machine-wide shared-memory ones), an events file, cgroupfs (no systemd here),
// the ulimits its containers need on this machine, no network for containers, and its own
// registries.conf (Podman asks every registry for HTTPS, loopback too, unless it is listed
// there as insecure).
import Docker from 'dockerode';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { killProcessesMentioning, unmountUnder } from '../engine.js';
import { buildFixtureImage } from '../fixtures.js';
import { spawnInNetns, stopPid, waitFor } from './netns.js';

export interface PodmanService {
  readonly socket: string;
  readonly dockerHost: string;
  readonly docker: Docker;
  stop(): Promise<void>;
}

export interface PodmanOptions {
  /** Registries ("127.0.0.1:<port>") Podman may speak plain HTTP to; any other is asked for HTTPS. */
  readonly insecureRegistries?: readonly string[];
}

function registriesConf(insecure: readonly string[]): string {
  // No search registries: a short name never reaches out of the namespace.
  const entries = insecure.flatMap((host) => ['[[registry]]', `location = "${host}"`, 'insecure = true', '']);
  return ['unqualified-search-registries = []', '', ...entries].join('\n');
}

export async function startPodman(netns: string, dir: string, opts: PodmanOptions = {}): Promise<PodmanService> {
  mkdirSync(dir, { recursive: true });
  const registries = join(dir, 'registries.conf');
  writeFileSync(registries, registriesConf(opts.insecureRegistries ?? []));
  const tmp = join(dir, 'tmp');
  const conf = join(dir, 'containers.conf');
  writeFileSync(
    conf,
    [
      '[containers]',
      // Without these, containers fail to start on this machine (facts.md).
      'default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]',
      'netns = "none"',
      '[engine]',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `events_logfile_path = "${join(dir, 'events.log')}"`,
      'lock_type = "file"',
      `tmp_dir = "${tmp}"`,
      'runtime = "runc"',
      // Its own networks: Podman keeps them machine-wide otherwise (/etc/containers/networks).
      '[network]',
      `network_config_dir = "${join(dir, 'networks')}"`,
      '',
    ].join('\n'),
  );
  // Podman refuses a run root longer than 50 characters: a short link in /tmp points into
  // `dir` (mounts made through it land under `dir`, where the engine's reaper looks).
  const runroot = join(dir, 'run');
  mkdirSync(runroot, { recursive: true });
  const shortRun = join(mkdtempSync('/tmp/bpod-'), 'run');
  symlinkSync(runroot, shortRun);
  const socket = join(dir, 'podman.sock');
  const log = join(dir, 'service.log');
  const fd = openSync(log, 'a');
  const pid = spawnInNetns(
    netns,
    'podman',
    ['--root', join(dir, 'root'), '--runroot', shortRun, '--tmpdir', tmp, 'system', 'service', '--time=0', `unix://${socket}`],
    fd,
    { ...process.env, CONTAINERS_CONF: conf, CONTAINERS_REGISTRIES_CONF: registries },
  );
  closeSync(fd);
  const docker = new Docker({ socketPath: socket });
  const stop = async () => {
    // The service leaves its containers (and conmon) running when it exits: remove them first.
    if (existsSync(socket)) {
      const all = await docker.listContainers({ all: true }).catch(() => []);
      await Promise.all(all.map((c) => docker.getContainer(c.Id).remove({ force: true, t: 0 }).catch(() => undefined)));
    }
    await stopPid(pid, 5000);
    killProcessesMentioning(dir);
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true });
    rmSync(dirname(shortRun), { recursive: true, force: true });
  };
  try {
    await waitFor('podman system service', async () => existsSync(socket) && (await docker.ping().then(() => true, () => false)), 30_000, log);
    await buildFixtureImage(docker);
  } catch (err) {
    await stop();
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-10).join('\n') : '';
    throw new Error(`${err instanceof Error ? err.message : String(err)}${tail ? `\n${tail}` : ''}`);
  }
  return { socket, dockerHost: `unix://${socket}`, docker, stop };
}
