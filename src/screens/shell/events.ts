// The shell's typed events, so panes can talk without knowing each other.
import type { ShellEvents } from '../view.js';

type Listener<K extends keyof ShellEvents> = (value: ShellEvents[K]) => void;

export class ShellEventBus {
  private readonly listeners = new Map<keyof ShellEvents, Set<Listener<keyof ShellEvents>>>();

  emit<K extends keyof ShellEvents>(event: K, value: ShellEvents[K]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) (l as Listener<K>)(value);
  }

  on<K extends keyof ShellEvents>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<keyof ShellEvents>);
    return () => {
      set.delete(listener as Listener<keyof ShellEvents>);
    };
  }
}
