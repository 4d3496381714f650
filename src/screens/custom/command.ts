// Custom commands from the config (like lazydocker's): a name, a key, the pane they act on,
// and a command run on the host or inside the selected container with the selected object's
// fields put into its arguments. The values are only ever whole arguments or environment
// variables: never text a shell reads as code.
import { action, needSelection, type Action } from '../../keys/action.js';
import type { Handler } from '../../keys/dispatch.js';
import type { ScreenContext } from '../context.js';
import type { Shell } from '../view.js';

export const COMMAND_SCOPES = ['containers', 'images', 'volumes', 'networks'] as const;
export type CommandScope = (typeof COMMAND_SCOPES)[number];

/** The fields a command can use, by scope. */
export const COMMAND_FIELDS: Readonly<Record<CommandScope, readonly string[]>> = {
  containers: ['ID', 'Name', 'Image'],
  images: ['ID', 'Name'],
  volumes: ['ID', 'Name'],
  networks: ['ID', 'Name'],
};

export interface CustomCommand {
  readonly name: string;
  /** In blessed's naming, already checked. */
  readonly key: string;
  readonly scope: CommandScope;
  /** The argv with {{.Field}} templates; with `shell`, one script for `sh -c`. */
  readonly command: readonly string[];
  /** Run through `sh -c` (the config asked): fields become "$BERTH_ID" and the like. */
  readonly shell: boolean;
  /** On the host (output shown in a view) or inside the selected container (on the terminal). */
  readonly where: 'host' | 'container';
}

/** The placeholders in a template: {{.ID}}, {{ .Name }}. */
export const TEMPLATE = /\{\{\s*\.(\w+)\s*\}\}/g;

/** The action id of a custom command. */
export const commandId = (c: Pick<CustomCommand, 'name'>) => `custom.${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

/** The action rows of the custom commands, for the key table (footer, help, palette, dispatcher). */
export function commandActions(commands: readonly CustomCommand[]): Action[] {
  return commands.map((c) =>
    action({
      id: commandId(c),
      keys: [c.key],
      scope: c.scope,
      hint: c.name,
      description: `Custom command "${c.name}": ${c.shell ? c.command[0] : c.command.join(' ')}${c.where === 'container' ? ' (inside the container)' : ''}`,
      // It can do anything: read-only mode turns it off like every other change.
      changes: true,
      whyNot: needSelection(c.scope.slice(0, -1)),
    }),
  );
}

/**
 * The argv to run for the selected object: every template replaced inside its argument
 * (an argument stays one argument, whatever the value holds). With a shell, the script
 * names environment variables instead, and the values travel in the environment.
 */
export function commandLine(c: CustomCommand, fields: Readonly<Record<string, string>>): { argv: string[]; env: Record<string, string> } {
  if (!c.shell) return { argv: c.command.map((arg) => arg.replace(TEMPLATE, (_, f: string) => fields[f] ?? '')), env: {} };
  const env: Record<string, string> = {};
  const script = c.command[0]!.replace(TEMPLATE, (_, f: string) => {
    const name = `BERTH_${f.toUpperCase()}`;
    env[name] = fields[f] ?? '';
    return `"$${name}"`;
  });
  return { argv: ['sh', '-c', script, 'berth'], env };
}

/** The handlers of the custom commands: each acts on the focused pane's selection (its scope is that pane's). */
export function customHandlers(ctx: ScreenContext, shell: Shell, commands: readonly CustomCommand[], selected: () => Readonly<Record<string, string>> | undefined): Record<string, Handler> {
  return Object.fromEntries(
    commands.map((c) => [
      commandId(c),
      async () => {
        const fields = selected();
        // The runner (child processes, the output view) loads on first use.
        if (fields) (await import('./run.js')).runCustomCommand(ctx, shell, c, fields);
      },
    ]),
  );
}
