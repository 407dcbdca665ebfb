/** Typed push events from the core to every face (IPC send, SSE, CLI progress). */
import { EventEmitter } from 'node:events';
import type { AppEvents, EventName } from '../api/contract.js';

export type EventListener = <E extends EventName>(name: E, payload: AppEvents[E]) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open browser tab and window subscribes; the default warning at 10 is noise here.
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(name: E, payload: AppEvents[E]): void {
    this.emitter.emit('event', name, payload);
  }

  /** Subscribes to all events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
