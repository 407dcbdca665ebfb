import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL } from '../../../src-main/api/bridge.js';
import { ok } from '../../../src-main/api/result.js';
import type { AppCoreOptions } from '../../../src-main/services/app-core.js';
import { passphraseUnlocker } from '../../../src-main/secrets/passphrase-slot.js';
import { memoryKeySlotStore, openVault } from '../../../src-main/secrets/vault.js';
import { flush, recordingLogger } from './fakes.js';

const h = vi.hoisted(() => ({
  windows: [] as FakeBrowserWindowLike[],
  trays: [] as { image: unknown; template: unknown[] }[],
  notifications: [] as { options: Record<string, unknown> }[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  protocolHandle: vi.fn(),
  ipcHandle: vi.fn(),
  ipcRemove: vi.fn(),
  setApplicationMenu: vi.fn(),
  showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  permissionRequest: null as unknown,
  openAppCore: vi.fn(),
  isPackaged: false,
  keyringAvailable: true,
}));

interface FakeBrowserWindowLike {
  options: Record<string, unknown>;
  loaded: string[];
  webContents: { emit(event: string, ...args: unknown[]): boolean; sent: unknown[][] };
}

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class WebContents extends EventEmitter {
    sent: unknown[][] = [];
    url = 'app://ledger/index.html';
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return false;
    }
    setWindowOpenHandler() {}
    reload() {}
  }
  class BrowserWindow extends EventEmitter {
    static getFocusedWindow() {
      return null;
    }
    static fromWebContents() {
      return null;
    }
    webContents = new WebContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      h.windows.push(this as unknown as FakeBrowserWindowLike);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    isDestroyed() {
      return false;
    }
    maximize() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    isMinimized() {
      return false;
    }
    isVisible() {
      return true;
    }
    show() {}
    hide() {}
    focus() {}
    restore() {}
  }
  class Tray extends EventEmitter {
    image: unknown;
    template: unknown[] = [];
    constructor(image: unknown) {
      super();
      this.image = image;
      h.trays.push(this);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip() {}
    setContextMenu(menu: { template: unknown[] }) {
      this.template = menu.template;
    }
    destroy() {}
  }
  class Notification extends EventEmitter {
    static isSupported() {
      return true;
    }
    constructor(readonly options: Record<string, unknown>) {
      super();
      h.notifications.push(this);
    }
    show() {}
  }
  const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  return {
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) => h.appListeners.set(event, listener),
      get isPackaged() {
        return h.isPackaged;
      },
      getVersion: () => '0.1.0',
      quit: vi.fn(),
    },
    BrowserWindow,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }), setApplicationMenu: h.setApplicationMenu },
    dialog: { showMessageBox: h.showMessageBox, showErrorBox: vi.fn() },
    ipcMain: { handle: h.ipcHandle, removeHandler: h.ipcRemove },
    nativeImage: { createFromPath: (p: string) => `image:${path.basename(p)}` },
    protocol: { handle: h.protocolHandle },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => (h.permissionRequest = handler),
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openPath: vi.fn(), openExternal: vi.fn() },
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display, getDisplayMatching: () => display },
    safeStorage: { isEncryptionAvailable: () => h.keyringAvailable, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString(), getSelectedStorageBackend: () => 'gnome_libsecret' },
  };
});

vi.mock('../../../src-main/services/app-core.js', () => ({ openAppCore: h.openAppCore }));

const { startDesktop, StartupError } = await import('../../../src-main/electron/desktop-app.js');

function fakeCore() {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let accounts: unknown[] = [];
  const core = {
    dataDir: '',
    logger: recordingLogger(),
    events: { subscribe: (l: (name: string, payload: unknown) => void) => (listeners.add(l), () => listeners.delete(l)) },
    dispatch: vi.fn(async (channel: unknown) => (channel === 'accounts:list' ? ok(accounts) : ok(null))),
    close: vi.fn(async () => undefined),
    scheduler: { start: vi.fn(), stop: vi.fn() },
    services: { passphrase: { change: vi.fn(async () => ({ removedSlots: 1 })) } },
    emit: (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload)),
    setAccounts: (next: unknown[]) => (accounts = next),
  };
  return core;
}

const health = (state: string) => ({ state, lastSuccessAt: null, lastErrorAt: null, lastErrorKind: null, lastErrorMessage: null, needsAttention: null, nextRunAt: null });

describe('desktop app wiring', () => {
  let dataDir: string;
  let core: ReturnType<typeof fakeCore>;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-desktop-'));
    core = fakeCore();
    h.openAppCore.mockReset();
    h.openAppCore.mockResolvedValue(core);
    h.windows.length = 0;
    h.trays.length = 0;
    h.notifications.length = 0;
    h.appListeners.clear();
    h.showMessageBox.mockClear();
    h.ipcHandle.mockClear();
    h.protocolHandle.mockClear();
    h.setApplicationMenu.mockClear();
    h.ipcRemove.mockClear();
    h.keyringAvailable = true;
    delete process.env['MERCHANT_LEDGER_SQLITE_BINDING'];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = (forceSafeMode = false) => startDesktop({ dataDir, forceSafeMode, mainDir: path.join(dataDir, 'out', 'main') });
  const marker = () => JSON.parse(readFileSync(path.join(dataDir, 'last-run.json'), 'utf8')).phase as string;

  it('opens the core for the desktop with the OS keyring slot', async () => {
    await start();
    const options = h.openAppCore.mock.calls[0]?.[0] as { dataDir: string; face: string; unlocker: { kind: string }; nativeBinding?: string };
    expect(options.dataDir).toBe(dataDir);
    expect(options.face).toBe('desktop');
    expect(options.unlocker.kind).toBe('safe-storage');
    expect(options.nativeBinding).toBeUndefined();
  });

  it('passes the development Electron build of better-sqlite3 when start.mjs provides one', async () => {
    const binding = path.join(dataDir, 'better_sqlite3.node');
    writeFileSync(binding, '');
    process.env['MERCHANT_LEDGER_SQLITE_BINDING'] = binding;
    await start();
    expect((h.openAppCore.mock.calls[0]?.[0] as { nativeBinding?: string }).nativeBinding).toBe(binding);
  });

  it('serves app://, guards web contents and the session, registers IPC, the menu and one secure window', async () => {
    await start();
    expect(h.protocolHandle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(h.ipcHandle).toHaveBeenCalledWith(IPC_INVOKE, expect.any(Function));
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    h.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect(h.permissionRequest).toBeTypeOf('function');
    expect(h.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(h.windows).toHaveLength(1);
    const win = h.windows[0] as FakeBrowserWindowLike;
    expect(win.loaded).toEqual(['app://ledger/index.html']);
    expect(win.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: path.join(dataDir, 'out', 'preload', 'index.cjs'),
    });
  });

  it('forwards core events to the window and drives the tray from account health', async () => {
    await start();
    const win = h.windows[0] as FakeBrowserWindowLike;
    core.setAccounts([{ id: 1, name: 'A', health: health('syncing') }]);
    core.emit('accounts:changed', { accountId: 1 });
    await flush();
    expect(win.webContents.sent).toContainEqual([IPC_EVENT, 'accounts:changed', { accountId: 1 }]);
    expect(h.trays[0]?.image).toBe('image:tray-syncing.png');
  });

  it('marks the run ready once the page loaded, starts the scheduler, and shuts down cleanly', async () => {
    const shell = await start();
    expect(marker()).toBe('starting');
    expect(core.scheduler.start).toHaveBeenCalledTimes(1);
    (h.windows[0] as FakeBrowserWindowLike).webContents.emit('did-finish-load');
    expect(marker()).toBe('ready');
    await shell.shutdown();
    expect(core.scheduler.stop).toHaveBeenCalledTimes(1);
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(h.ipcRemove).toHaveBeenCalledWith(IPC_INVOKE);
    expect(marker()).toBe('stopped');
  });

  it('skips the scheduler in safe mode (the last start never got ready) and says so', async () => {
    writeFileSync(path.join(dataDir, 'last-run.json'), JSON.stringify({ phase: 'starting', at: 1 }));
    await start();
    expect(core.scheduler.start).not.toHaveBeenCalled();
    expect(h.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('safe mode') }));
  });

  it('turns a core that cannot open into a StartupError with the reason', async () => {
    h.openAppCore.mockRejectedValueOnce(new Error('系统密钥环不可用 (OS keyring encryption is not available)'));
    await expect(start()).rejects.toThrow(StartupError);
    h.openAppCore.mockRejectedValueOnce(new Error('系统密钥环不可用 (OS keyring encryption is not available)'));
    await expect(start()).rejects.toThrow(/keyring/);
  });

  /** Calls a channel the way our window's preload does (main frame of our own page). */
  function ipcCall(ipcChannel: string, channel: string, args: unknown): Promise<unknown> {
    const entry = h.ipcHandle.mock.calls.find((call) => call[0] === ipcChannel) as [string, (event: unknown, ...a: unknown[]) => Promise<unknown>] | undefined;
    const win = h.windows[0] as FakeBrowserWindowLike;
    const event = { sender: win.webContents, senderFrame: { url: 'app://ledger/index.html', origin: 'app://ledger', parent: null } };
    return (entry as NonNullable<typeof entry>)[1](event, channel, args);
  }

  it('serves the desktop settings on the shell channel, and the tray follows a change', async () => {
    await start();
    expect(h.ipcHandle).toHaveBeenCalledWith(IPC_SHELL, expect.any(Function));
    await expect(ipcCall(IPC_SHELL, 'desktop:settings:get', {})).resolves.toEqual({
      ok: true,
      // Unpackaged (npm start): launch at login would register the bare Electron binary.
      value: { settings: { keepRunningInTray: false, launchAtLogin: false }, launchAtLoginSupported: false, trayAvailable: true },
    });
    const keepRunning = () => (h.trays[0]?.template as { id?: string; checked?: boolean }[]).find((item) => item.id === 'tray-keep-running')?.checked;
    expect(keepRunning()).toBe(false);
    await expect(ipcCall(IPC_SHELL, 'desktop:settings:set', { keepRunningInTray: true })).resolves.toMatchObject({ ok: true });
    expect(keepRunning()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'desktop-settings.json'), 'utf8'))).toEqual({ keepRunningInTray: true, launchAtLogin: false });
  });

  it('without an OS keyring, opens the window first and opens the core with the passphrase typed there', async () => {
    h.keyringAvailable = false;
    const slots = memoryKeySlotStore();
    h.openAppCore.mockImplementationOnce(async (options: AppCoreOptions) => {
      await openVault(slots, options.unlocker);
      return core;
    });
    const starting = start();
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));
    const options = h.openAppCore.mock.calls[0]?.[0] as AppCoreOptions;
    expect(options.unlocker.kind).toBe('passphrase');
    // The contract is not served until the ledger is open; only the shell's channels are.
    expect(h.ipcHandle.mock.calls.map((call) => call[0])).toEqual([IPC_SHELL]);
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:state', {})).resolves.toEqual({ ok: true, value: { state: 'locked', mode: 'create', minLength: 8, keyring: false } });

    (h.windows[0] as FakeBrowserWindowLike).webContents.emit('did-finish-load');
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:submit', { passphrase: 'long enough passphrase' })).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await starting;
    expect(h.ipcHandle.mock.calls.map((call) => call[0])).toEqual([IPC_SHELL, IPC_INVOKE]);
    expect(slots.list().map((slot) => slot.kind)).toEqual(['passphrase']);
    expect(h.windows).toHaveLength(1);
    expect(marker()).toBe('ready');
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:state', {})).resolves.toEqual({ ok: true, value: { state: 'open' } });
  });

  it('with a working keyring, asks in the window for the passphrase of a CLI ledger, then adds a keyring slot', async () => {
    const slots = memoryKeySlotStore();
    await openVault(slots, passphraseUnlocker('made by the cli', { scrypt: { N: 1024, r: 8, p: 1 } }));
    h.openAppCore.mockImplementationOnce(async (options: AppCoreOptions) => {
      expect(options.unlocker.kind).toBe('safe-storage');
      const vault = await openVault(slots, options.unlocker, options.fallbackUnlocker ? { fallback: options.fallbackUnlocker } : {});
      return { ...core, vault };
    });
    const starting = start();
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));
    expect(h.ipcHandle.mock.calls.map((call) => call[0])).toEqual([IPC_SHELL]);
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:state', {})).resolves.toEqual({ ok: true, value: { state: 'locked', mode: 'unlock', minLength: 8, keyring: true } });
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:submit', { passphrase: 'made by the cli' })).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await starting;
    expect(slots.list().map((slot) => slot.kind)).toEqual(['passphrase', 'safe-storage']);
    await expect(ipcCall(IPC_SHELL, 'desktop:recovery:state', {})).resolves.toEqual({ ok: true, value: { keyring: true, passphrase: true, minLength: 8 } });
  });

  it('opens a keyring ledger without showing the unlock view, and serves the recovery channels once open', async () => {
    h.openAppCore.mockImplementationOnce(async (options: AppCoreOptions) => ({ ...core, vault: await openVault(memoryKeySlotStore(), options.unlocker) }));
    await start();
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:state', {})).resolves.toEqual({ ok: true, value: { state: 'open' } });
    await expect(ipcCall(IPC_SHELL, 'desktop:recovery:state', {})).resolves.toEqual({ ok: true, value: { keyring: true, passphrase: false, minLength: 8 } });
  });

  it('tells the waiting window why the ledger could not open after the passphrase was accepted', async () => {
    h.keyringAvailable = false;
    h.openAppCore.mockImplementationOnce(async (options: AppCoreOptions) => {
      await openVault(memoryKeySlotStore(), options.unlocker);
      throw new Error('数据库版本过新 (the database is newer than this app)');
    });
    const starting = start();
    const failure = expect(starting).rejects.toThrow(StartupError);
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));
    await expect(ipcCall(IPC_SHELL, 'desktop:unlock:submit', { passphrase: 'long enough passphrase' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('newer') },
    });
    await failure;
    expect(h.ipcRemove).toHaveBeenCalledWith(IPC_SHELL);
  });
});
