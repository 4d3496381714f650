// r: run a container from the selected image. The form is checked as a whole before any
// call (a bad port or mount keeps the form open with the reason); "follow" selects the
// new container so the logs pane follows it.
import type { ImageSummary } from '../../docker/images.js';
import type { RunSpec } from '../../docker/run.js';
import { runSpecFromForm } from '../../docker/run-form.js';
import { shortId } from '../../docker/reference.js';
import type { ImageRowRef } from '../../render/images.js';
import { form } from '../../widgets/dialogs.js';
import type { ScreenContext } from '../context.js';
import type { ImageOpsHooks } from './types.js';

export const RESTART_CHOICES = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

export async function runDialog(ctx: ScreenContext, hooks: ImageOpsHooks, row: ImageRowRef, image: ImageSummary | undefined): Promise<void> {
  const imageRef = row.ref ?? row.imageId;
  const what = row.ref ?? image?.repoTags[0] ?? shortId(row.imageId);
  let spec: RunSpec | undefined;
  const values = await form(ctx.host, {
    title: `run ${what}`,
    fields: [
      { kind: 'text', name: 'name', label: 'name', value: '', placeholder: '(the engine picks one)' },
      { kind: 'text', name: 'command', label: 'command', value: '', placeholder: "(the image's own) e.g. sh -c 'echo hi; sleep 60'" },
      { kind: 'text', name: 'env', label: 'environment', value: '', placeholder: 'KEY=VALUE, ...' },
      { kind: 'text', name: 'ports', label: 'ports', value: '', placeholder: '8080:80, 127.0.0.1:5353:53/udp' },
      { kind: 'text', name: 'volumes', label: 'volumes', value: '', placeholder: '/host/dir:/data, cache:/cache:ro' },
      { kind: 'text', name: 'network', label: 'network', value: '', placeholder: '(default) none, host or a network name' },
      { kind: 'choice', name: 'restart', label: 'restart', value: 'no', options: RESTART_CHOICES },
      { kind: 'choice', name: 'mode', label: 'then', value: 'detach', options: ['detach', 'follow logs'] },
    ],
    validate: (v) => {
      const r = runSpecFromForm(imageRef, v);
      if (!r.ok) return `Cannot run: ${r.reason}.`;
      spec = r.spec;
      return undefined;
    },
  });
  if (!values || !spec) return;
  const follow = values.mode === 'follow logs';
  const runSpec = spec;
  const r = await ctx.tasks.run(`starting a container of ${what}`, () => ctx.engine.runContainer({ ...runSpec, detach: !follow }));
  ctx.refresh('containers');
  if (!r.ok || !r.value) return;
  const started = r.value;
  if (follow && hooks.selectContainer) {
    hooks.selectContainer(started.id);
    ctx.store.say(`started ${started.name}, following its logs`);
  } else {
    ctx.store.say(`started ${started.name}${follow ? ' (select it in the containers pane to follow its logs)' : ''}`);
  }
}
