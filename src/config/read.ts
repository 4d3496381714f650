// Reads and checks the config file. Every problem names the file, the line and what is
// wrong, so berth never starts half-configured: an unknown setting or action (with the
// closest name), a key blessed cannot report, two actions on one key, a colour that is
// none, a value of the wrong type.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { keyClashes } from '../keys/action.js';
import { parseKey } from '../keys/keymap.js';
import { CONTAINER_SORT_KEYS, type ContainerSortKey } from '../render/containers.js';
import { COMMAND_FIELDS, COMMAND_SCOPES, TEMPLATE, commandId, type CommandScope, type CustomCommand } from '../screens/custom/command.js';
import { ACTIONS } from '../screens/registry.js';
import { COLOR_ROLES, THEME_NAMES, isColor, type ColorRole, type ThemeName } from '../widgets/theme.js';
import { ConfigError, DEFAULT_CONFIG, type Config } from './config.js';
import { didYouMean } from './suggest.js';
import { actionTable } from './table.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Entry = { readonly name: string; readonly key: Node; readonly value: Node | null };

const TYPING_SCOPES: readonly string[] = ['dialog', 'filter', 'palette'];
const KEY_EXAMPLES = 'x, X, ?, ctrl-x, alt-x, shift-tab, enter, esc, space, f5, pagedown';

export async function readConfigFile(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, undefined, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseConfig(file, text);
}

export function parseConfig(file: string, text: string): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined, fallback = 1) => (node?.range ? lines.linePos(node.range[0]).line : fallback);
  const fail = (node: Node | null | undefined, problem: string): never => {
    throw new ConfigError(file, lineOf(node), problem);
  };
  const firstError = doc.errors[0];
  if (firstError) throw new ConfigError(file, lines.linePos(firstError.pos[0]).line, `is not valid YAML: ${firstError.message.split('\n')[0]}`);

  const shown = (node: Node | null): string => {
    if (isMap(node)) return 'a map';
    if (isSeq(node)) return 'a list';
    if (isScalar(node)) return node.value === null ? 'nothing' : `'${String(node.value)}'`;
    return 'nothing';
  };
  /** The entries of a map, each key a name, in file order. */
  const entries = (node: Node | null, what: string): Entry[] => {
    if (!isMap(node)) return fail(node, `${what} must be a map (name: value lines), not ${shown(node)}`);
    return node.items.map((p: Pair) => {
      const key = p.key as Node;
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) return fail(key, `the names in ${what} must be plain words`);
      return { name: String(key.value), key, value: p.value as Node | null };
    });
  };
  const unknown = (e: Entry, what: string, known: readonly string[]): never => fail(e.key, `'${e.name}' is not ${what}${didYouMean(e.name, known) || ` (one of: ${known.join(', ')})`}`);
  const bool = (e: Entry): boolean => (isScalar(e.value) && typeof e.value.value === 'boolean' ? e.value.value : fail(e.value ?? e.key, `'${e.name}' must be true or false, not ${shown(e.value)}`));
  const text1 = (e: Entry, what = `'${e.name}'`): string =>
    isScalar(e.value) && typeof e.value.value === 'string' && e.value.value.trim() ? e.value.value : fail(e.value ?? e.key, `${what} must be text, not ${shown(e.value)}`);
  const oneOf = <T extends string>(e: Entry, what: string, known: readonly T[]): T => {
    const v = text1(e);
    return (known as readonly string[]).includes(v) ? (v as T) : fail(e.value, `'${v}' is not ${what}${didYouMean(v, known) || ` (one of: ${known.join(', ')})`}`);
  };
  /** A text or a list of texts, as a list. */
  const texts = (e: Entry, noun = 'value'): { value: string; node: Node }[] => {
    if (isSeq(e.value)) {
      if (!e.value.items.length) return fail(e.value, `'${e.name}' needs at least one ${noun}`);
      return e.value.items.map((n) => {
        const node = n as Node;
        return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() ? { value: String(node.value), node } : fail(node, `the values of '${e.name}' must be text, not ${shown(node)}`);
      });
    }
    if (isScalar(e.value) && (typeof e.value.value === 'string' || typeof e.value.value === 'number')) return [{ value: String(e.value.value), node: e.value }];
    return fail(e.value ?? e.key, `'${e.name}' must be text or a list of texts, not ${shown(e.value)}`);
  };
  const key = (value: string, node: Node): string => parseKey(value) ?? fail(node, `'${value}' is not a key name (keys are written like ${KEY_EXAMPLES})`);

  const out: Mutable<Config> = { ...DEFAULT_CONFIG };
  /** Where each user binding is written, for collision errors. */
  const bindingLines = new Map<string, Node>();
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return out;

  const settings: Record<keyof Config, (e: Entry) => void> = {
    theme: (e) => (out.theme = oneOf<ThemeName>(e, 'a theme', THEME_NAMES)),
    colors: (e) => {
      const colors: Partial<Record<ColorRole, string>> = {};
      for (const c of entries(e.value, "'colors'")) {
        if (!(COLOR_ROLES as readonly string[]).includes(c.name)) unknown(c, 'a colour role', COLOR_ROLES);
        const v = text1(c);
        if (!isColor(v)) fail(c.value, `'${v}' is not a colour${didYouMean(v, ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'default'])} (a name like red, bright-blue, gray, or #rrggbb)`);
        colors[c.name as ColorRole] = v;
      }
      out.colors = colors;
    },
    ascii: (e) => (out.ascii = isScalar(e.value) && e.value.value === 'auto' ? 'auto' : isScalar(e.value) && typeof e.value.value === 'boolean' ? e.value.value : fail(e.value ?? e.key, `'ascii' must be true, false or auto, not ${shown(e.value)}`)),
    stats: (e) => (out.stats = bool(e)),
    mouse: (e) => (out.mouse = bool(e)),
    clipboard: (e) => (out.clipboard = bool(e)),
    logLines: (e) => {
      const v = isScalar(e.value) ? e.value.value : undefined;
      out.logLines = typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000 ? v : fail(e.value ?? e.key, `'logLines' must be a whole number from 0 to 10000, not ${shown(e.value)}`);
    },
    sort: (e) => {
      if (isScalar(e.value)) return void (out.sort = { by: oneOf<ContainerSortKey>(e, 'a sort column', CONTAINER_SORT_KEYS), descending: false });
      let sort: Config['sort'] = { ...DEFAULT_CONFIG.sort };
      for (const s of entries(e.value, "'sort'")) {
        if (s.name === 'by') sort = { ...sort, by: oneOf<ContainerSortKey>(s, 'a sort column', CONTAINER_SORT_KEYS) };
        else if (s.name === 'descending') sort = { ...sort, descending: bool(s) };
        else unknown(s, 'a sort setting', ['by', 'descending']);
      }
      out.sort = sort;
    },
    shells: (e) =>
      (out.shells = texts(e).map(({ value, node }) => (/^[^\s'"`$;&|<>]+$/.test(value) ? value : fail(node, `'${value}' is not a shell name or path (one word, like bash or /bin/sh)`)))),
    keys: (e) => {
      const ids = new Set(ACTIONS.map((a) => a.id));
      // Where text is typed (forms, filters, the palette), a plain character is text, not a command.
      const typing = new Set(ACTIONS.filter((a) => TYPING_SCOPES.includes(a.scope)).map((a) => a.id));
      const keys: Record<string, string[]> = {};
      for (const k of entries(e.value, "'keys'")) {
        if (!ids.has(k.name)) fail(k.key, `'${k.name}' is not an action${didYouMean(k.name, ids) || ' ("berth config" lists every action id)'}`);
        keys[k.name] = texts(k, 'key').map(({ value, node }) => {
          const parsed = key(value, node);
          if (typing.has(k.name) && [...parsed].length === 1) fail(node, `'${value}' would be typed as text there: ${k.name} needs a key like enter, esc, tab, ctrl-x or alt-x`);
          return parsed;
        });
        bindingLines.set(k.name, k.value ?? k.key);
      }
      out.keys = keys;
    },
    commands: (e) => {
      if (!isSeq(e.value)) return fail(e.value ?? e.key, `'commands' must be a list, not ${shown(e.value)}`);
      const commands: CustomCommand[] = [];
      for (const item of e.value.items) {
        const c = readCommand(item as Node);
        const clash = commands.find((x) => commandId(x) === commandId(c));
        if (clash) fail(item as Node, `two commands are named '${c.name}'`);
        commands.push(c);
        bindingLines.set(commandId(c), item as Node);
      }
      out.commands = commands;
    },
  };

  function readCommand(node: Node): CustomCommand {
    const fields = entries(node, 'a command');
    const get = (name: string) => fields.find((f) => f.name === name);
    const known = ['name', 'key', 'scope', 'command', 'shell', 'in'];
    for (const f of fields) if (!known.includes(f.name)) unknown(f, 'a command setting', known);
    const need = (name: string) => get(name) ?? fail(node, `a command needs '${name}' (${known.slice(0, 4).join(', ')}; shell and in are optional)`);
    const name = text1(need('name'), 'a command\'s name');
    const keyEntry = need('key');
    const scopeEntry = need('scope');
    const scopeText = text1(scopeEntry).replace(/^(container|image|volume|network)$/, '$1s');
    const scope = (COMMAND_SCOPES as readonly string[]).includes(scopeText) ? (scopeText as CommandScope) : oneOf(scopeEntry, 'a command scope', COMMAND_SCOPES);
    const shell = get('shell') ? bool(get('shell')!) : false;
    const whereEntry = get('in');
    const where = whereEntry ? oneOf<'host' | 'container'>(whereEntry, 'where a command runs', ['host', 'container']) : 'host';
    if (where === 'container' && scope !== 'containers') fail(whereEntry!.value, `only a command of the containers pane can run in a container (this one is for ${scope})`);
    const commandEntry = need('command');
    const parts = texts(commandEntry);
    if (shell && parts.length !== 1) fail(commandEntry.value, 'with shell: true, the command is one text (the script sh -c runs)');
    for (const { value, node: at } of parts) {
      for (const m of value.matchAll(TEMPLATE)) {
        if (!COMMAND_FIELDS[scope].includes(m[1]!)) fail(at, `'${m[0]}' is not a field of ${scope} (${COMMAND_FIELDS[scope].map((f) => `{{.${f}}}`).join(', ')})`);
      }
      if (/\{\{/.test(value.replace(TEMPLATE, ''))) fail(at, `'${value}' has a field written wrong: write fields like {{.ID}}`);
    }
    const command = shell ? [parts[0]!.value] : parts.length === 1 ? parts[0]!.value.trim().split(/\s+/) : parts.map((p) => p.value);
    const k = texts(keyEntry);
    if (k.length !== 1) fail(keyEntry.value, 'a command has one key');
    return { name, key: key(k[0]!.value, k[0]!.node), scope, command, shell, where };
  }

  for (const e of entries(root, 'the config')) {
    const set = (settings as Record<string, ((e: Entry) => void) | undefined>)[e.name];
    if (!set) unknown(e, 'a setting', Object.keys(settings));
    else set(e);
  }

  // Two actions on one key: only the user's bindings can cause it (the defaults are checked by a test).
  for (const c of keyClashes(actionTable(out))) {
    const node = bindingLines.get(c.second) ?? bindingLines.get(c.first);
    if (!node) continue;
    const mine = bindingLines.has(c.second) ? c.second : c.first;
    const other = mine === c.second ? c.first : c.second;
    fail(node, `'${c.key}' is bound to both ${mine} and ${other} (scope ${c.scope}); give one of them another key`);
  }
  return out;
}
