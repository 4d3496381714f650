// Runs slow actions (stop, rmi, cp, pull): a busy label while they run, the result or
// the error as a sentence in the status line, never an unhandled rejection.
import type { Store } from './store.js';

export interface TaskResult<T> {
  readonly ok: boolean;
  readonly value?: T;
  readonly error?: Error;
}

export class TaskRunner {
  constructor(private readonly store: Store) {}

  async run<T>(label: string, fn: () => Promise<T>, done?: (value: T) => string | undefined): Promise<TaskResult<T>> {
    this.store.update({ busy: [...this.store.snapshot.busy, label] });
    try {
      const value = await fn();
      const text = done?.(value);
      if (text) this.store.say(text);
      return { ok: true, value };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.store.say(error.message, 'error');
      return { ok: false, error };
    } finally {
      const busy = [...this.store.snapshot.busy];
      const i = busy.indexOf(label);
      if (i >= 0) busy.splice(i, 1);
      this.store.update({ busy });
    }
  }
}
