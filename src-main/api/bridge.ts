/**
 * The shape of `window.api` that the desktop preload exposes with contextBridge. The renderer's
 * api/client.ts uses it when present and the loopback web transport otherwise; both carry the same
 * contract. Types only: the preload has no logic.
 */
import type { Result } from './result.js';

export interface ApiBridge {
  /** Calls one contract channel; the main process validates the arguments. */
  invoke(channel: string, args: unknown): Promise<Result<unknown>>;
  /** Receives every push event; returns the unsubscribe function. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  /** Calls one channel of the desktop shell itself (desktop-channels.ts), not of the core. */
  shell(channel: string, args: unknown): Promise<Result<unknown>>;
}

/** IPC channel names used under the contract (the contract's own names travel as arguments). */
export const IPC_INVOKE = 'ml:invoke';
export const IPC_EVENT = 'ml:event';
/** The desktop shell's own channels (settings, passphrase unlock), answered by the shell, not the core. */
export const IPC_SHELL = 'ml:shell';
