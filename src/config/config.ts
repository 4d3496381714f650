// What the config file can set, its defaults, and where it is. This module is small and
// loaded at every start; the YAML parser and the checks load only when a file exists.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../screens/context.js';
import type { CustomCommand } from '../screens/custom/command.js';
import type { ColorRole, ThemeName } from '../widgets/theme.js';

export interface Config extends Settings {
  readonly theme: ThemeName;
  /** Colours set one by one over the theme's. */
  readonly colors: Readonly<Partial<Record<ColorRole, string>>>;
  /** 'auto': ASCII when the locale is not UTF-8. */
  readonly ascii: boolean | 'auto';
  /** Click and wheel (off: the terminal's own text selection keeps working). */
  readonly mouse: boolean;
  /** The user's key bindings by action id, in blessed's key names (only those the file sets). */
  readonly keys: Readonly<Record<string, readonly string[]>>;
  readonly commands: readonly CustomCommand[];
}

export const DEFAULT_CONFIG: Config = {
  ...DEFAULT_SETTINGS,
  theme: 'dark',
  colors: {},
  ascii: 'auto',
  mouse: false,
  keys: {},
  commands: [],
};

/** A config that cannot be used, with the file and line it comes from. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line !== undefined ? ` line ${line}` : ''}: ${problem}`);
  }
}

/** Where the config file is: --config, else $XDG_CONFIG_HOME/berth/config.yml, else ~/.config/berth/config.yml. */
export function configPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (explicit) return explicit;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, 'berth', 'config.yml');
}

/**
 * The config for a start: the defaults when there is no file (nothing more is loaded), else
 * the file checked (the YAML parser and the action table load only then). A file named with
 * --config must exist.
 */
export async function loadConfig(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; file?: string }> {
  const file = configPath(explicit, env);
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(file, undefined, 'no such file');
    return { config: DEFAULT_CONFIG };
  }
  const { readConfigFile } = await import('./read.js');
  return { config: await readConfigFile(file), file };
}
