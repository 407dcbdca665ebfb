/**
 * The contract over IPC: one `ipcMain.handle(IPC_INVOKE)` that checks who is calling, then hands the
 * channel name and arguments untouched to the core's dispatch (which validates them with zod and
 * answers a Result). Core events are pushed to our windows on IPC_EVENT.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../api/bridge.js';
import { fail, type Result } from '../api/result.js';
import type { CoreEventSource, ShellLogger } from './shell-types.js';

export interface SenderPolicy {
  /** Our own pages only (app://ledger/…, or the dev server during `electron-vite dev`). */
  isTrustedUrl(url: string): boolean;
  /** The web contents of a window this shell created. */
  isOurContents(contents: WebContents): boolean;
}

export interface IpcOptions extends SenderPolicy {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The core's dispatch: validates the channel name and arguments itself. */
  readonly dispatch: (channel: unknown, args: unknown) => Promise<Result<unknown>>;
  readonly logger: ShellLogger;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * The sender must be the main frame of one of our windows, currently showing one of our pages. A
 * sub-frame, a destroyed/navigated frame (senderFrame null) or any other origin is refused.
 */
export function isTrustedSender(event: SenderEvent, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!policy.isTrustedUrl(frame.url)) return false;
  return policy.isOurContents(event.sender);
}

export const REFUSED_SENDER_MESSAGE = '拒绝来自未知页面的请求 (request from an unknown page refused)';

export function registerIpc(options: IpcOptions): () => void {
  return serveIpcChannel(IPC_INVOKE, options);
}

/** Serves one `ipcMain.handle` channel: refuses untrusted senders, then hands the call to `dispatch`. */
export function serveIpcChannel(ipcChannel: string, options: IpcOptions): () => void {
  options.ipcMain.handle(ipcChannel, async (event, channel: unknown, args: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, options)) {
      options.logger.warn({ channel: String(channel).slice(0, 80), url: event.senderFrame?.origin ?? null }, 'IPC call from an untrusted sender refused');
      return fail('unauthorized', REFUSED_SENDER_MESSAGE);
    }
    try {
      return await options.dispatch(channel, args);
    } catch (error) {
      // dispatch turns handler errors into Results; this only catches a broken core.
      options.logger.error({ err: error, channel: String(channel).slice(0, 80) }, 'IPC dispatch failed');
      return fail('internal', '内部错误，详情已写入日志 internal error (see the log file)');
    }
  });
  return () => options.ipcMain.removeHandler(ipcChannel);
}

/** Sends one event to every target still showing one of our pages. */
export function broadcast(targets: readonly WebContents[], isTrustedUrl: (url: string) => boolean, name: string, payload: unknown): void {
  for (const contents of targets) {
    if (contents.isDestroyed() || !isTrustedUrl(contents.getURL())) continue;
    contents.send(IPC_EVENT, name, payload);
  }
}

/** Forwards every core event to our windows; returns the unsubscribe function. */
export function forwardCoreEvents(events: CoreEventSource, targets: () => readonly WebContents[], isTrustedUrl: (url: string) => boolean): () => void {
  return events.subscribe((name, payload) => broadcast(targets(), isTrustedUrl, name, payload));
}
