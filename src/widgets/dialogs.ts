// Modal dialogs: a confirmation with lettered choices, and a small form of text and
// choice fields. Both return promises; Esc resolves them with undefined.
import type blessed from 'blessed';
import * as lite from './blessed.js';
import { fit } from '../render/text.js';
import { LineEditor, type EditKey } from './line-editor.js';
import { escapeTags, type Theme } from './theme.js';
import type { WidgetKeys } from './widget-keys.js';

export interface Modal {
  /** Takes every key while open; returns nothing. */
  key(k: EditKey): void;
  close(): void;
}

export interface ModalHost {
  readonly screen: blessed.Widgets.Screen;
  readonly theme: Theme;
  /** What the keys mean in dialogs and overlays (from the action table). */
  readonly keys: WidgetKeys;
  /** Opens the modal on top (keys go to it) and asks for a render. */
  push(m: Modal): void;
  pop(m: Modal): void;
  requestRender(): void;
}

export interface Choice<T extends string> {
  readonly key: string;
  readonly label: string;
  readonly value: T;
}

function dialogBox(host: ModalHost, label: string, height: number): blessed.Widgets.BoxElement {
  const screenW = host.screen.width as number;
  return lite.box({
    parent: host.screen,
    label: ` ${label} `,
    top: 'center',
    left: 'center',
    width: Math.min(Math.max(40, screenW - 4), 90),
    height,
    border: { type: 'line' },
    tags: true,
    wrap: false,
    style: { border: { fg: host.theme.dialogBorder } },
  });
}

/** Asks a question; resolves with the chosen value, or undefined on Esc. */
export function confirm<T extends string>(host: ModalHost, title: string, lines: readonly string[], choices: readonly Choice<T>[]): Promise<T | undefined> {
  return new Promise((resolve) => {
    const box = dialogBox(host, title, lines.length + 4);
    const inner = () => Math.max(10, (box.width as number) - 4);
    const draw = () => {
      const body = lines.map((l) => ' ' + escapeTags(fit(l, inner())));
      const opts = choices.map((c) => `${host.theme.paint(`[${escapeTags(c.key)}]`, 'accent')} ${escapeTags(c.label)}`).join('   ');
      box.setContent([...body, '', ` ${opts}   ${host.theme.paint(escapeTags(host.keys.hint('dialog')), 'muted')}`].join('\n'));
    };
    draw();
    const modal: Modal = {
      key(k) {
        const c = choices.find((x) => x.key === k.ch);
        if (c) return finish(c.value);
        const cmd = host.keys.dialog(k);
        if (cmd === 'cancel') return finish(undefined);
        const onEnter = cmd === 'submit' ? choices.find((x) => x.key === 'enter') : undefined;
        if (onEnter) finish(onEnter.value);
      },
      close() {
        box.destroy();
      },
    };
    const finish = (v: T | undefined) => {
      host.pop(modal);
      resolve(v);
    };
    host.push(modal);
  });
}

export type FieldSpec =
  | { readonly kind: 'text'; readonly name: string; readonly label: string; readonly value: string; readonly placeholder?: string }
  | { readonly kind: 'choice'; readonly name: string; readonly label: string; readonly value: string; readonly options: readonly string[] };

export interface FormOptions {
  readonly title: string;
  readonly fields: readonly FieldSpec[];
  readonly help?: string;
  /** Checks the values; a returned sentence is shown in the form, which stays open. */
  readonly validate?: (values: Record<string, string>) => Promise<string | undefined> | string | undefined;
  /** Called when a choice changes. */
  readonly onChange?: (values: Record<string, string>) => void;
}

/** Shows a form; resolves with the values on Enter (once valid), or undefined on Esc. */
export function form(host: ModalHost, opts: FormOptions): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) => {
    const fields = opts.fields;
    const editors = new Map<string, LineEditor>();
    const choiceValues = new Map<string, string>();
    for (const f of fields) {
      if (f.kind === 'text') editors.set(f.name, new LineEditor(f.value));
      else choiceValues.set(f.name, f.value);
    }
    let focus = 0;
    let error: string | undefined;
    let checking = false;
    const labelW = Math.max(...fields.map((f) => f.label.length)) + 1;
    const box = dialogBox(host, opts.title, fields.length + 6);
    const values = (): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const f of fields) out[f.name] = f.kind === 'text' ? editors.get(f.name)!.value : choiceValues.get(f.name)!;
      return out;
    };
    const draw = () => {
      const inner = Math.max(20, (box.width as number) - 4);
      const fieldW = Math.max(5, inner - labelW - 3);
      const lines = fields.map((f, i) => {
        const mark = i === focus ? host.theme.paint('›', 'accent') : ' ';
        const label = escapeTags(fit(f.label, labelW));
        if (f.kind === 'choice') {
          const v = choiceValues.get(f.name)!;
          return `${mark}${label}  ${f.options.map((o) => (o === v ? host.theme.paint(`[${escapeTags(o)}]`, 'ok') : ` ${escapeTags(o)} `)).join(' ')}`;
        }
        const ed = editors.get(f.name)!;
        const { text, cursor } = ed.view(fieldW);
        const shown = text || (i !== focus && f.placeholder ? f.placeholder : '');
        let rendered = escapeTags(fit(shown, fieldW));
        if (i === focus) {
          const padded = fit(text, fieldW);
          rendered = `${escapeTags(padded.slice(0, cursor))}{inverse}${escapeTags(padded[cursor] ?? ' ')}{/inverse}${escapeTags(padded.slice(cursor + 1))}`;
        }
        return `${mark}${label}  {underline}${rendered}{/underline}`;
      });
      const status = checking ? host.theme.paint(' checking…', 'muted') : error ? host.theme.paint(' ' + escapeTags(fit(error, inner - 1)), 'error') : '';
      const help = host.theme.paint(escapeTags(` ${opts.help ?? host.keys.hint('form')}`), 'muted');
      box.setContent([...lines, '', status, help].join('\n'));
      host.requestRender();
    };
    const modal: Modal = {
      key(k) {
        if (checking) return;
        const f = fields[focus]!;
        const cmd = host.keys.dialog(k);
        if (cmd === 'cancel') return finish(undefined);
        if (cmd === 'next') focus = (focus + 1) % fields.length;
        else if (cmd === 'prev') focus = (focus - 1 + fields.length) % fields.length;
        else if (cmd === 'submit') return void submit();
        else if (f.kind === 'choice' && (cmd === 'change' || cmd === 'changeBack')) {
          const cur = f.options.indexOf(choiceValues.get(f.name)!);
          const next = (cur + (cmd === 'changeBack' ? -1 : 1) + f.options.length) % f.options.length;
          choiceValues.set(f.name, f.options[next]!);
          opts.onChange?.(values());
        } else if (f.kind === 'text') editors.get(f.name)!.handle(k); // space and arrows edit text
        error = undefined;
        draw();
      },
      close() {
        box.destroy();
      },
    };
    const submit = async () => {
      const v = values();
      if (opts.validate) {
        checking = true;
        draw();
        try {
          error = await opts.validate(v);
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        checking = false;
        if (error) return draw();
      }
      finish(v);
    };
    const finish = (v: Record<string, string> | undefined) => {
      host.pop(modal);
      resolve(v);
    };
    host.push(modal);
    draw();
  });
}
