/**
 * Small interfaces the shell modules share, so each can be driven by fakes in tests and by the core
 * (`openAppCore`) in the app.
 */
import type { Result } from '../api/result.js';

/** The part of the core's redacting logger (pino-style: fields first, message second) the shell uses. */
export interface ShellLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Calls one contract channel (the core's `dispatch`). Unknown channels answer `unknown_channel`. */
export type RunChannel = (channel: string, args: unknown) => Promise<Result<unknown>>;

/** The core's push events (`core.events`), seen untyped: the shell forwards or inspects them. */
export interface CoreEventSource {
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** Used until the core's logger exists (before the database opens) and when it cannot be opened. */
export const consoleLogger: ShellLogger = {
  info: (fields, message) => console.warn(`[merchant-ledger] ${message}`, fields),
  warn: (fields, message) => console.warn(`[merchant-ledger] ${message}`, fields),
  error: (fields, message) => console.error(`[merchant-ledger] ${message}`, fields),
};

/**
 * A logger usable before the core's exists: writes to `fallback` until `bind` gives it the core's
 * redacting logger (the shell guards windows and IPC before the ledger is unlocked).
 */
export function lateBoundLogger(fallback: ShellLogger): { readonly logger: ShellLogger; bind(target: ShellLogger): void } {
  let target = fallback;
  return {
    logger: {
      info: (fields, message) => target.info(fields, message),
      warn: (fields, message) => target.warn(fields, message),
      error: (fields, message) => target.error(fields, message),
    },
    bind: (next) => {
      target = next;
    },
  };
}
