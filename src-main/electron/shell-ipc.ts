/**
 * The desktop shell's own channels (src-main/api/desktop-channels.ts) on IPC_SHELL: the same sender
 * check as the contract's IPC, arguments validated with the channel's zod schema, answered by handlers
 * of the shell (settings, passphrase unlock) — never by the core, which may not be open yet.
 */
import { IPC_SHELL } from '../api/bridge.js';
import { desktopChannels, isDesktopChannel, type DesktopChannel, type DesktopParsedArgsOf, type DesktopResultOf } from '../api/desktop-channels.js';
import { validationError } from '../api/dispatch.js';
import { fail, type Result } from '../api/result.js';
import { serveIpcChannel, type IpcOptions } from './ipc.js';

export type ShellHandlers = {
  readonly [C in DesktopChannel]: (args: DesktopParsedArgsOf<C>) => Promise<Result<DesktopResultOf<C>>> | Result<DesktopResultOf<C>>;
};

export function createShellDispatch(handlers: ShellHandlers): (channel: unknown, args: unknown) => Promise<Result<unknown>> {
  return async (channel, rawArgs) => {
    if (!isDesktopChannel(channel)) return fail('unknown_channel', `未知的操作 unknown channel: ${String(channel).slice(0, 80)}`);
    const parsed = desktopChannels[channel].args.safeParse(rawArgs === undefined ? {} : rawArgs);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const handler = handlers[channel] as (args: unknown) => Promise<Result<unknown>> | Result<unknown>;
    return handler(parsed.data);
  };
}

export function registerShellIpc(options: Omit<IpcOptions, 'dispatch'> & { readonly handlers: ShellHandlers }): () => void {
  return serveIpcChannel(IPC_SHELL, { ...options, dispatch: createShellDispatch(options.handlers) });
}
