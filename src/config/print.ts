// `berth config`: the effective config as YAML, defaults included, so a user sees every
// setting and every action id they can bind, and can start their file from it.
import { Document, isScalar, isSeq, visit } from 'yaml';
import { keyLabel } from '../keys/action.js';
import { PALETTES, COLOR_ROLES } from '../widgets/theme.js';
import type { Config } from './config.js';
import { actionTable } from './table.js';

export function configYaml(config: Config, source: string): string {
  const palette = config.theme === 'monochrome' ? undefined : { ...PALETTES[config.theme], ...config.colors };
  // Custom commands show their key under commands.
  const keys = Object.fromEntries(actionTable({ keys: config.keys, commands: [] }).map((a) => [a.id, a.keys.map(keyLabel)]));
  const doc = new Document({
    theme: config.theme,
    colors: palette ? Object.fromEntries(COLOR_ROLES.map((r) => [r, palette[r]])) : {},
    ascii: config.ascii,
    stats: config.stats,
    logLines: config.logLines,
    sort: { ...config.sort },
    shells: [...config.shells],
    clipboard: config.clipboard,
    mouse: config.mouse,
    keys,
    commands: config.commands.map((c) => ({
      name: c.name,
      key: keyLabel(c.key),
      scope: c.scope,
      command: c.shell ? c.command[0] : [...c.command],
      shell: c.shell,
      in: c.where,
    })),
  });
  // Lists of keys and argv read best on one line.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((x) => isScalar(x))) node.flow = true;
    },
  });
  doc.commentBefore = ` berth's effective configuration: ${source}.\n Every action id under keys can be given other keys.`;
  return doc.toString({ lineWidth: 0 });
}
