import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_SHELL } from '../../../src-main/api/bridge.js';
import { ok } from '../../../src-main/api/result.js';
import { REFUSED_SENDER_MESSAGE } from '../../../src-main/electron/ipc.js';
import { isAppUrl } from '../../../src-main/electron/protocol.js';
import { registerShellIpc, type ShellHandlers } from '../../../src-main/electron/shell-ipc.js';
import { FakeWebContents, recordingLogger } from './fakes.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const view = { settings: { keepRunningInTray: false, launchAtLogin: false }, launchAtLoginSupported: true, trayAvailable: true };

function setup() {
  const handlers = {
    'desktop:settings:get': vi.fn(() => ok(view)),
    'desktop:settings:set': vi.fn(() => ok(view)),
    'desktop:unlock:state': vi.fn(() => ok({ state: 'open' as const })),
    'desktop:unlock:submit': vi.fn(() => ok({ state: 'open' as const })),
    'desktop:recovery:state': vi.fn(() => ok({ keyring: true, passphrase: false, minLength: 8 })),
    'desktop:recovery:set': vi.fn(() => ok({ keyring: true, passphrase: true, minLength: 8 })),
    'desktop:recovery:change': vi.fn(() => ok({ keyring: true, passphrase: true, minLength: 8, backupsRekeyed: 0, backupsSkipped: [] })),
  } satisfies ShellHandlers;
  const ours = new FakeWebContents();
  let registered: Handler | null = null;
  const ipcMain = { handle: vi.fn((channel: string, h: Handler) => (registered = channel === IPC_SHELL ? h : null)), removeHandler: vi.fn() };
  const stop = registerShellIpc({ ipcMain, handlers, logger: recordingLogger(), isTrustedUrl: isAppUrl, isOurContents: (c) => c === ours.electron });
  const frame = (url: string) => ({ url, origin: new URL(url).origin, parent: null }) as unknown as IpcMainInvokeEvent['senderFrame'];
  const call = (channel: unknown, args: unknown, url = 'app://ledger/index.html') =>
    (registered as Handler)({ sender: ours.electron, senderFrame: frame(url) } as IpcMainInvokeEvent, channel, args);
  return { handlers, call, stop, ipcMain };
}

describe('shell IPC (desktop-only channels)', () => {
  it('answers a valid call from our page with the handler’s Result', async () => {
    const { call, handlers } = setup();
    await expect(call('desktop:settings:set', { launchAtLogin: true })).resolves.toEqual({ ok: true, value: view });
    expect(handlers['desktop:settings:set']).toHaveBeenCalledWith({ launchAtLogin: true });
  });

  it('validates the arguments with zod before any handler runs', async () => {
    const { call, handlers } = setup();
    const wrongType = (await call('desktop:settings:set', { launchAtLogin: 'yes' })) as { ok: boolean; error: { code: string } };
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'validation' } });
    const extraKey = (await call('desktop:settings:set', { launchAtLogin: true, execPath: '/bin/sh' })) as { ok: boolean; error: { code: string } };
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'validation' } });
    const hugePassphrase = (await call('desktop:unlock:submit', { passphrase: 'x'.repeat(5000) })) as { ok: boolean; error: { code: string } };
    expect(hugePassphrase).toMatchObject({ ok: false, error: { code: 'validation' } });
    // A recovery passphrase shorter than the unlock view accepts never reaches the vault.
    const shortRecovery = (await call('desktop:recovery:set', { passphrase: 'short' })) as { ok: boolean; error: { code: string } };
    expect(shortRecovery).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(handlers['desktop:settings:set']).not.toHaveBeenCalled();
    expect(handlers['desktop:unlock:submit']).not.toHaveBeenCalled();
    expect(handlers['desktop:recovery:set']).not.toHaveBeenCalled();
  });

  it('refuses core channels and unknown names, and untrusted senders', async () => {
    const { call, handlers } = setup();
    await expect(call('accounts:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    await expect(call('desktop:settings:get', {}, 'https://evil.example/')).resolves.toEqual({
      ok: false,
      error: { code: 'unauthorized', message: REFUSED_SENDER_MESSAGE },
    });
    expect(handlers['desktop:settings:get']).not.toHaveBeenCalled();
  });

  it('removes its handler when stopped', () => {
    const { stop, ipcMain } = setup();
    stop();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_SHELL);
  });
});
