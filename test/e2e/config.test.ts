// The config file end to end: its errors stop berth before anything is drawn, `berth
// config` prints it, ASCII mode draws no other glyph, and custom commands run against the
// real engine through the pty.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../support/docker.js';
import { e2eApp } from '../support/e2e-app.js';
import { FIXTURE_IMAGE, runFixture } from '../support/fixtures.js';
import { KEYS } from '../support/pty.js';
import { BIN, withThisNode } from '../support/berth-bin.js';

const { docker, cleanup, launch } = e2eApp();

/** A config home holding berth/config.yml with this text. */
function configHome(yaml: string): string {
  const home = mkdtempSync(join(tmpdir(), 'berth-e2e-config-'));
  mkdirSync(join(home, 'berth'));
  writeFileSync(join(home, 'berth', 'config.yml'), yaml);
  return home;
}

const berth = (args: string[], home: string) => spawnSync(BIN, args, { encoding: 'utf8', env: withThisNode({ ...process.env, XDG_CONFIG_HOME: home }) });

describe('the config file', () => {
  it('stops berth with status 2, the file, the line and a did-you-mean, and no stack trace', async () => {
    const home = configHome('theme: dark\nstats: true\n\nkeys:\n  containers.stpo: s\n');
    const sentence = `${join(home, 'berth', 'config.yml')} line 5: 'containers.stpo' is not an action; did you mean 'containers.stop'?`;
    for (const args of [['config', '--check'], ['config']]) {
      const r = berth(args, home);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(sentence);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // Started for real, in a terminal: nothing full-screen, the same sentence.
    const app = launch({ cols: 200, env: { XDG_CONFIG_HOME: home } });
    const screen = await app.waitForText('did you mean');
    expect(await app.exited).toBe(2);
    expect(screen.replace(/\n/g, '')).toContain(sentence);
    expect(screen).not.toMatch(/\n\s+at /);
  });

  it('berth config prints the effective config, defaults included; --check says ok', () => {
    const home = configHome('theme: light\nkeys:\n  containers.stop: S\n');
    const printed = berth(['config'], home);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain('theme: light');
    expect(printed.stdout).toContain('containers.stop: [ S ]');
    expect(printed.stdout).toContain('containers.restart: [ r ]');
    expect(printed.stdout).toContain('logLines: 500');
    expect(berth(['config', '--check'], home).stdout).toBe(`${join(home, 'berth', 'config.yml')}: ok\n`);
    const none = berth(['config', '--check'], join(home, 'nothing-here'));
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('the defaults apply');
  });

  it('draws only ASCII when the locale is not UTF-8', async () => {
    const name = uniqueName('ascii');
    await runFixture(docker, name);
    cleanup(() => docker.getContainer(name).remove({ force: true }));
    const app = launch({ cols: 100, rows: 30, env: { LANG: 'C' } });
    const screen = await app.waitForText(name);
    expect(screen).toContain('+- > containers (running)');
    expect(screen.match(/[^\x20-\x7e\n]/g) ?? []).toEqual([]);
  });
});

describe('custom commands against the real engine', () => {
  it('runs on the host and inside the container with the name substituted, and shows the output and exit code', async () => {
    const name = uniqueName('cmd.x_y');
    await runFixture(docker, name);
    cleanup(() => docker.getContainer(name).remove({ force: true }));
    const home = configHome(
      [
        'commands:',
        '  - name: on host',
        '    key: X',
        '    scope: containers',
        '    command: [printf, "host saw <%s> <%s>", "{{.Name}}", "{{.Image}}"]',
        '  - name: inside',
        '    key: Z',
        '    scope: containers',
        '    in: container',
        '    command: [sh, -c, "echo inside $(hostname) arg=[$1]; exit 4", sh, "{{.Name}}"]',
        '  - name: inside script',
        '    key: ctrl-k',
        '    scope: containers',
        '    in: container',
        '    shell: true',
        '    command: echo "script saw" {{.Name}}',
        '',
      ].join('\n'),
    );
    const app = launch({ cols: 140, rows: 35, env: { XDG_CONFIG_HOME: home } });
    await app.waitForText(name);
    await app.press('/', name, KEYS.enter);
    await app.waitForText(`/${name}`);

    await app.press('X');
    let screen = await app.waitForText('exit code 0');
    expect(screen).toContain(`host saw <${name}> <${FIXTURE_IMAGE}>`);
    await app.press(KEYS.escape);

    await app.press('Z');
    screen = await app.waitForText('exit code 4');
    const hostname = (await docker.getContainer(name).inspect()).Config.Hostname;
    expect(screen).toContain(`inside ${hostname} arg=[${name}]`);
    await app.press(KEYS.escape);

    await app.press('\x0b');
    screen = await app.waitForText(`script saw ${name}`);
    expect(screen).toContain('exit code 0');
  });
});
