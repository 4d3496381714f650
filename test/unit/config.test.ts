import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, configPath, loadConfig } from '../../src/config/config.js';
import { configYaml } from '../../src/config/print.js';
import { parseConfig } from '../../src/config/read.js';
import { actionTable } from '../../src/config/table.js';
import { keyClashes } from '../../src/keys/action.js';

const FILE = 'config.yml';
const problem = (text: string): string => {
  try {
    parseConfig(FILE, text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`no error for:\n${text}`);
};

describe('config errors name the file, the line and what is wrong', () => {
  it.each([
    ['an unknown action id', 'theme: dark\nstats: true\nkeys:\n  containers.stpo: s\n', "config.yml line 4: 'containers.stpo' is not an action; did you mean 'containers.stop'?"],
    ['an action id far from any', 'keys:\n  frobnicate: x\n', 'config.yml line 2: \'frobnicate\' is not an action ("berth config" lists every action id)'],
    ['an unknown key name', 'keys:\n  containers.stop: ctrl-hyper-x\n', "config.yml line 2: 'ctrl-hyper-x' is not a key name"],
    ['an unknown key name in a list', 'keys:\n  containers.stop:\n    - s\n    - f13\n', "config.yml line 4: 'f13' is not a key name"],
    ['a plain character where text is typed', 'keys:\n  dialog.submit: y\n', "config.yml line 2: 'y' would be typed as text there: dialog.submit needs a key like enter"],
    ['no key at all', 'keys:\n  containers.stop: []\n', "config.yml line 2: 'containers.stop' needs at least one key"],
    ['two actions on one key in a scope', 'keys:\n  containers.stop: r\n', "config.yml line 2: 'r' is bound to both containers.stop and containers.restart (scope containers)"],
    ['a pane key on a global one', 'keys:\n\n  containers.stop: q\n', "config.yml line 3: 'q' is bound to both containers.stop and quit (scope containers)"],
    ['two of the user\'s own on one key', 'keys:\n  containers.stop: x\n  containers.start: x\n', "'x' is bound to both containers.start and containers.stop"],
    ['a custom command on a taken key', 'commands:\n  - name: env\n    key: s\n    scope: containers\n    command: [echo, "{{.ID}}"]\n', "config.yml line 2: 's' is bound to both custom.env and containers.stop"],
    ['a bad colour', 'colors:\n  ok: bleu\n', "config.yml line 2: 'bleu' is not a colour; did you mean 'blue'?"],
    ['a bad hex colour', 'colors:\n  border: "#12345"\n', "config.yml line 2: '#12345' is not a colour"],
    ['an unknown colour role', 'colors:\n  okay: green\n', "config.yml line 2: 'okay' is not a colour role; did you mean 'ok'?"],
    ['an unknown theme', 'theme: lihgt\n', "config.yml line 1: 'lihgt' is not a theme; did you mean 'light'?"],
    ['an unknown setting', 'them: light\n', "config.yml line 1: 'them' is not a setting; did you mean 'theme'?"],
    ['a word for a boolean', 'stats: yes please\n', "config.yml line 1: 'stats' must be true or false, not 'yes please'"],
    ['YAML 1.1 yes is not a boolean', 'mouse: yes\n', "config.yml line 1: 'mouse' must be true or false, not 'yes'"],
    ['a map for a boolean', 'clipboard:\n  osc52: true\n', "config.yml line 2: 'clipboard' must be true or false, not a map"],
    ['text for a number', 'logLines: many\n', "config.yml line 1: 'logLines' must be a whole number from 0 to 10000, not 'many'"],
    ['a number out of range', 'logLines: 1000000\n', "config.yml line 1: 'logLines' must be a whole number"],
    ['a bad ascii', 'ascii: sometimes\n', "config.yml line 1: 'ascii' must be true, false or auto, not 'sometimes'"],
    ['an unknown sort column', 'sort: nmae\n', "config.yml line 1: 'nmae' is not a sort column; did you mean 'name'?"],
    ['an unknown sort setting', 'sort:\n  by: cpu\n  reverse: true\n', "config.yml line 3: 'reverse' is not a sort setting"],
    ['a shell with spaces', 'shells: [bash, "sh; rm -rf /"]\n', "config.yml line 1: 'sh; rm -rf /' is not a shell name or path"],
    ['a list where a map belongs', 'keys: [a, b]\n', "config.yml line 1: 'keys' must be a map (name: value lines), not a list"],
    ['a scalar document', 'just words\n', 'config.yml line 1: the config must be a map'],
    ['a list of commands that is a map', 'commands:\n  name: x\n', "config.yml line 2: 'commands' must be a list, not a map"],
    ['a command without a key', 'commands:\n  - name: env\n    scope: containers\n    command: env\n', "config.yml line 2: a command needs 'key'"],
    ['a command with an unknown field', 'commands:\n  - name: env\n    key: E\n    scope: containers\n    command: env\n    shel: true\n', "config.yml line 6: 'shel' is not a command setting; did you mean 'shell'?"],
    ['a command with an unknown scope', 'commands:\n  - name: env\n    key: E\n    scope: pods\n    command: env\n', "config.yml line 4: 'pods' is not a command scope"],
    ['a command with an unknown field name', 'commands:\n  - name: env\n    key: E\n    scope: volumes\n    command: [echo, "{{.Image}}"]\n', "config.yml line 5: '{{.Image}}' is not a field of volumes ({{.ID}}, {{.Name}})"],
    ['a field written wrong', 'commands:\n  - name: env\n    key: E\n    scope: containers\n    command: [echo, "{{ID}}"]\n', "config.yml line 5: '{{ID}}' has a field written wrong"],
    ['a shell command as a list', 'commands:\n  - name: env\n    key: E\n    scope: containers\n    shell: true\n    command: [echo, hi]\n', 'config.yml line 6: with shell: true, the command is one text'],
    ['two commands with one name', 'commands:\n  - {name: env, key: E, scope: containers, command: env}\n  - {name: Env, key: F, scope: containers, command: env}\n', "config.yml line 3: two commands are named 'Env'"],
    ['a duplicated setting', 'theme: dark\ntheme: light\n', 'config.yml line 2: is not valid YAML: Map keys must be unique'],
    ['broken YAML', 'keys:\n  a: [b,\n', 'config.yml line 3: is not valid YAML'],
  ])('%s', (_, text, expected) => {
    expect(problem(text)).toContain(expected);
  });
});

describe('a good config', () => {
  it('is the defaults when empty', () => {
    expect(parseConfig(FILE, '')).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(FILE, '# nothing yet\n')).toEqual(DEFAULT_CONFIG);
  });

  it('reads every setting', () => {
    const c = parseConfig(
      FILE,
      [
        'theme: light',
        'colors: { ok: "#00aa00", border: bright-black }',
        'ascii: true',
        'stats: false',
        'logLines: 50',
        'sort: { by: cpu, descending: true }',
        'shells: [zsh, /bin/sh]',
        'clipboard: true',
        'mouse: true',
        'keys:',
        '  containers.stop: [S, ctrl-s]',
        '  containers.restart: shift-r',
        '  help: F1',
        'commands:',
        '  - name: disk use',
        '    key: D',
        '    scope: container',
        '    command: du -sh /data',
        '    in: container',
        '  - name: env',
        '    key: alt-e',
        '    scope: containers',
        '    shell: true',
        '    command: docker inspect {{.ID}} | head',
      ].join('\n'),
    );
    expect(c).toMatchObject({
      theme: 'light',
      colors: { ok: '#00aa00', border: 'bright-black' },
      ascii: true,
      stats: false,
      logLines: 50,
      sort: { by: 'cpu', descending: true },
      shells: ['zsh', '/bin/sh'],
      clipboard: true,
      mouse: true,
      keys: { 'containers.stop': ['S', 'C-s'], 'containers.restart': ['S-r'], help: ['f1'] },
    });
    expect(c.commands).toEqual([
      { name: 'disk use', key: 'D', scope: 'containers', command: ['du', '-sh', '/data'], shell: false, where: 'container' },
      { name: 'env', key: 'M-e', scope: 'containers', command: ['docker inspect {{.ID}} | head'], shell: true, where: 'host' },
    ]);
  });

  it('swapping two keys is no collision', () => {
    const c = parseConfig(FILE, 'keys:\n  containers.stop: r\n  containers.restart: s\n');
    const table = actionTable(c);
    expect(keyClashes(table)).toEqual([]);
    expect(table.find((a) => a.id === 'containers.stop')?.keys).toEqual(['r']);
  });

  it('berth config prints what reads back as the same table', () => {
    const c = parseConfig(FILE, 'theme: high-contrast\nkeys:\n  containers.stop: S\ncommands:\n  - {name: env, key: X, scope: containers, command: [echo, "{{.Name}}"]}\n');
    const printed = configYaml(c, 'test');
    expect(printed).toContain('containers.stop: [ S ]');
    expect(printed).toContain('theme: high-contrast');
    const again = parseConfig(FILE, printed);
    const keysOfTable = (t: ReturnType<typeof actionTable>) => t.map((a) => [a.id, a.keys]);
    expect(keysOfTable(actionTable(again))).toEqual(keysOfTable(actionTable(c)));
    expect({ ...again, keys: {} }).toEqual({ ...c, keys: {}, colors: again.colors });
  });
});

describe('where the config is', () => {
  it('follows XDG_CONFIG_HOME, else ~/.config, and --config wins', () => {
    expect(configPath(undefined, { XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/berth/config.yml');
    expect(configPath(undefined, {}, '/home/u')).toBe('/home/u/.config/berth/config.yml');
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(configPath(undefined, { XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe('/home/u/.config/berth/config.yml');
    expect(configPath('/etc/b.yml', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/etc/b.yml');
  });

  it('is the defaults without a file, and an error when --config names none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
    expect((await loadConfig(undefined, { XDG_CONFIG_HOME: dir })).config).toBe(DEFAULT_CONFIG);
    await expect(loadConfig(join(dir, 'missing.yml'))).rejects.toThrow('missing.yml: no such file');
    writeFileSync(join(dir, 'c.yml'), 'theme: light\n');
    expect((await loadConfig(join(dir, 'c.yml'))).config.theme).toBe('light');
  });
});

describe("the README's example config", () => {
  it('is a valid config', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README.md must carry an example config under "## Configuration"').toBeDefined();
    const c = parseConfig('README.md', example!);
    expect(c.theme).toBe('light');
    expect(c.commands.map((x) => x.name)).toEqual(['top', 'disk use', 'image layers']);
  });
});
