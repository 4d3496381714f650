// The ssh command lines berth runs for ssh:// endpoints, and the sentences it makes of ssh's
// failures (stderr recorded from OpenSSH and the docker CLI on this machine's kind).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHostUrl } from '../../src/docker/endpoint.js';
import { sshDialArgs, sshExitArgs, sshMasterArgs } from '../../src/docker/ssh-command.js';
import { sshError, sshMissing } from '../../src/docker/ssh-errors.js';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/ssh-stderr.json', import.meta.url), 'utf8')) as { name: string; code: number; stderr: string }[];
const failure = (name: string) => {
  const r = recorded.find((x) => x.name === name);
  if (!r) throw new Error(`no recorded stderr named ${name}`);
  return sshError({ stderr: r.stderr, code: r.code, url: 'ssh://deploy@box', host: 'box' });
};
const controlPath = '/tmp/berth-ssh-x/c1';

/** The value of each -o option, by name. */
function options(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  args.forEach((a, i) => {
    if (a === '-o') {
      const [k, v] = args[i + 1]!.split('=');
      out[k!] = v!;
    }
  });
  return out;
}

describe('ssh command lines', () => {
  it('runs docker system dial-stdio on the far side, naming user and port only when the URL does', () => {
    const full = sshDialArgs(parseHostUrl('ssh://deploy@box:2222', 'flag'), { controlPath });
    expect(full.slice(full.indexOf('--'))).toEqual(['--', 'box', 'docker', 'system', 'dial-stdio']);
    expect(full).toContain('-T');
    expect(full.slice(full.indexOf('-l'), full.indexOf('-l') + 2)).toEqual(['-l', 'deploy']);
    expect(full.slice(full.indexOf('-p'), full.indexOf('-p') + 2)).toEqual(['-p', '2222']);
    // An alias: its User, Port, HostName and the rest come from ~/.ssh/config, untouched.
    const alias = sshDialArgs(parseHostUrl('ssh://prod', 'flag'), { controlPath });
    expect(alias).not.toContain('-l');
    expect(alias).not.toContain('-p');
    expect(alias.slice(alias.indexOf('--'))).toEqual(['--', 'prod', 'docker', 'system', 'dial-stdio']);
  });

  it('passes a path in the URL to the remote docker as its host', () => {
    const args = sshDialArgs(parseHostUrl('ssh://box/run/user/1000/docker.sock', 'flag'), { controlPath });
    expect(args.slice(args.indexOf('--'))).toEqual(['--', 'box', 'docker', '--host', 'unix:///run/user/1000/docker.sock', 'system', 'dial-stdio']);
  });

  it('shares one connection per client, and never prompts unless asked to', () => {
    const ep = parseHostUrl('ssh://box', 'flag');
    const o = options(sshDialArgs(ep, { controlPath }));
    expect(o).toMatchObject({ ControlMaster: 'auto', ControlPath: controlPath, BatchMode: 'yes' });
    expect(Number(o.ConnectTimeout)).toBeGreaterThan(0);
    expect(Number(o.ControlPersist)).toBeGreaterThan(0);
    const master = sshMasterArgs(ep, { controlPath, interactive: true });
    expect(options(master).BatchMode).toBeUndefined();
    expect(master).toContain('-N');
    expect(master.at(-1)).toBe('box');
    expect(sshExitArgs(ep, controlPath)).toEqual(['-o', `ControlPath=${controlPath}`, '-O', 'exit', '--', 'box']);
  });

  it('keeps a host that looks like an option a host', () => {
    const args = sshDialArgs(parseHostUrl('ssh://-oProxyCommand=x', 'flag'), { controlPath });
    expect(args[args.indexOf('--') + 1]).toBe('-oProxyCommand=x');
  });
});

describe("ssh's failures, in words", () => {
  it('tells an unknown host from one whose key changed, and says what to do', () => {
    const unknown = failure('unknown host');
    expect(unknown.kind).toBe('unreachable');
    expect(unknown.message).toBe('Unknown ssh host key at ssh://deploy@box: it is not in known_hosts. Connect once with ssh box to check and record it, then try again.');
    const changed = failure('host key changed');
    expect(changed.kind).toBe('unreachable');
    expect(changed.message).toMatch(/^Changed ssh host key at ssh:\/\/deploy@box: it differs from the one recorded in known_hosts/);
    expect(changed.message).toContain('ssh-keygen -R box');
  });

  it('says the login failed, with the server words and what to check', () => {
    const e = failure('auth failed');
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toContain('ssh login at ssh://deploy@box failed');
    expect(e.message).toContain('Permission denied (publickey)');
    expect(e.message).toContain('ssh-agent');
  });

  it('says a refused or unresolvable host is unreachable', () => {
    expect(failure('refused').message).toBe('Cannot reach the Docker daemon at ssh://deploy@box: the ssh server refused the connection (is sshd running on that port?).');
    expect(failure('unresolvable').message).toContain('the host name could not be resolved');
  });

  it('says the remote host has no docker, from bash or from sh', () => {
    for (const name of ['no docker', 'sh no docker']) {
      const e = failure(name);
      expect(e.kind).toBe('unreachable');
      expect(e.message).toMatch(/^No docker command on the host at ssh:\/\/deploy@box/);
    }
  });

  it('says the remote docker refused the ssh user, and not because of its config file', () => {
    const e = failure('docker without permission');
    expect(e.kind).toBe('permission');
    expect(e.message).toContain('"docker" group');
    // The newer CLI's wording.
    const newer = sshError({ stderr: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/_ping": dial unix /var/run/docker.sock: connect: permission denied', code: 1, url: 'ssh://b', host: 'b' });
    expect(newer.kind).toBe('permission');
    // The config warning alone says nothing about the daemon.
    const daemonDown = failure('remote daemon down');
    expect(daemonDown.kind).toBe('unreachable');
    expect(daemonDown.message).toContain('No Docker daemon answers on the host at ssh://deploy@box, though the ssh login worked');
    expect(daemonDown.message).toContain('no such file or directory');
  });

  it('says a remote docker without dial-stdio is too old', () => {
    expect(failure('old docker').message).toContain('too old for ssh://');
  });

  it("falls back to ssh's last words, never to an empty sentence", () => {
    expect(sshError({ stderr: 'kex_exchange_identification: Connection closed by remote host\r\n', code: 255, url: 'ssh://b', host: 'b' }).message).toBe(
      'The ssh connection to ssh://b failed: kex_exchange_identification: Connection closed by remote host.',
    );
    expect(sshError({ stderr: '', code: 3, url: 'ssh://b', host: 'b' }).message).toBe('docker system dial-stdio on the host at ssh://b failed (exit code 3).');
  });

  it('says when there is no ssh program to run', () => {
    const e = sshMissing('ssh://b', Object.assign(new Error('spawn ssh ENOENT'), { code: 'ENOENT' }));
    expect(e.message).toContain('no ssh command on the PATH');
  });
});
