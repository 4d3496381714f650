// Custom commands: the values substituted are whole arguments or environment variables,
// never code for a shell; in-process, a host command's output and exit code show in a view.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/read.js';
import { actionTable } from '../../src/config/table.js';
import { commandLine, type CustomCommand } from '../../src/screens/custom/command.js';
import { FakeEngine, fakeContainer } from '../support/fake-engine.js';
import { mountShell, type Driver } from '../support/screen-driver.js';

const cmd = (p: Partial<CustomCommand>): CustomCommand => ({ name: 'x', key: 'X', scope: 'containers', command: ['echo'], shell: false, where: 'host', ...p });

describe('command lines', () => {
  it('puts each value inside its own argument, whatever it holds', () => {
    const evil = 'a b; rm -rf / $(id) `x` "q"';
    expect(commandLine(cmd({ command: ['echo', '--name={{.Name}}', '{{ .ID }}'] }), { Name: evil, ID: 'abc' })).toEqual({ argv: ['echo', `--name=${evil}`, 'abc'], env: {} });
  });

  it('with a shell, names variables in the script and passes the values in the environment', () => {
    const { argv, env } = commandLine(cmd({ shell: true, command: ['echo {{.Name}} | wc -c'] }), { Name: '$(reboot)' });
    expect(argv).toEqual(['sh', '-c', 'echo "$BERTH_NAME" | wc -c', 'berth']);
    expect(env).toEqual({ BERTH_NAME: '$(reboot)' });
  });
});

describe('custom commands on screen', () => {
  const open: Driver[] = [];
  afterEach(() => {
    for (const d of open.splice(0)) d.close();
  });

  async function mount(name: string, yaml: string, readOnly = false): Promise<Driver> {
    const config = parseConfig('config.yml', yaml);
    const d = await mountShell({ engine: new FakeEngine({ containers: [fakeContainer({ name, image: 'app:1' })] }), actions: actionTable(config), commands: config.commands, readOnly });
    open.push(d);
    await d.waitForText('running');
    return d;
  }

  it('runs on the host with the name as one argument, and shows the output and the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-custom-'));
    const marker = join(dir, 'pwned');
    const name = `web;touch ${marker};$(touch ${marker})`;
    const d = await mount(name, `commands:\n  - { name: show name, key: X, scope: containers, command: [printf, "<%s>|%s", "{{.Name}}", "{{.Image}}"] }\n`);
    await d.press('X');
    const screen = await d.waitForText('exit code 0');
    expect(screen).toContain(`<${name}>|app:1`);
    expect(existsSync(marker)).toBe(false);
    await d.press('escape');
    await d.waitForText('▶ containers');
  });

  it('runs a script through sh only when asked, with the values as variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-custom-'));
    const marker = join(dir, 'pwned');
    const d = await mount(`$(touch ${marker})`, `commands:\n  - name: count\n    key: X\n    scope: containers\n    shell: true\n    command: 'printf %s {{.Name}} | wc -c; exit 3'\n`);
    await d.press('X');
    const screen = await d.waitForText('exit code 3');
    expect(screen).toMatch(new RegExp(`\\n│\\s*${`$(touch ${marker})`.length}\\s`));
    expect(existsSync(marker)).toBe(false);
  });

  it('says when the program is not there, and is refused in read-only mode', async () => {
    const d = await mount('web', `commands:\n  - { name: nothing, key: X, scope: containers, command: [no-such-program-berth] }\n`);
    await d.press('X');
    await d.waitForText('no-such-program-berth is not a program');
    const ro = await mount('web', `commands:\n  - { name: hello, key: X, scope: containers, command: [echo, hi] }\n`, true);
    await ro.press('X');
    await ro.waitForText('Read-only mode: "Custom command "hello": echo hi" is turned off');
  });
});
