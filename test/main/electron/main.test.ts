import type { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush } from './fakes.js';

const h = vi.hoisted(() => ({
  calls: [] as string[],
  app: null as unknown as FakeApp,
  gotLock: true,
  ready: { resolve: () => undefined as void },
  registerSchemesAsPrivileged: vi.fn(),
  showErrorBox: vi.fn(),
  startDesktop: vi.fn(),
  installProcessErrorHandlers: vi.fn(),
}));

interface FakeApp extends EventEmitter {
  quit: ReturnType<typeof vi.fn>;
  exit: ReturnType<typeof vi.fn>;
}

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    setPath: vi.fn((name: string, value: string) => h.calls.push(`setPath:${name}:${value}`)),
    setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(() => h.calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => (h.calls.push('lock'), h.gotLock)),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (h.ready.resolve = resolve))),
    quit: vi.fn(() => h.calls.push('quit')),
    exit: vi.fn(),
  });
  h.app = app as unknown as FakeApp;
  return {
    app,
    dialog: { showErrorBox: h.showErrorBox },
    protocol: { registerSchemesAsPrivileged: (...args: unknown[]) => (h.calls.push('registerScheme'), h.registerSchemesAsPrivileged(...args)) },
  };
});
vi.mock('../../../src-main/electron/desktop-app.js', () => ({
  startDesktop: h.startDesktop,
  StartupError: class StartupError extends Error {},
}));
vi.mock('../../../src-main/electron/crash.js', () => ({ installProcessErrorHandlers: h.installProcessErrorHandlers }));

const dataDir = path.resolve('/tmp/ml-main-test');
const argv = process.argv;

async function loadMain() {
  vi.resetModules();
  await import('../../../src-main/electron/main.js');
}

function fakeShell() {
  return { logger: {}, logFile: '', showMainWindow: vi.fn(), keepRunning: vi.fn(() => false), beginQuit: vi.fn(), shutdown: vi.fn(async () => undefined) };
}

describe('main process lifecycle', () => {
  beforeEach(() => {
    process.argv = [...argv, `--data-dir=${dataDir}`];
    h.calls.length = 0;
    h.gotLock = true;
    h.startDesktop.mockReset();
    h.showErrorBox.mockReset();
    // The electron mock (and so `app`) survives vi.resetModules: start each test with a clean app.
    h.app?.removeAllListeners();
    h.app?.quit.mockClear();
    h.app?.exit.mockClear();
  });
  afterEach(() => {
    process.argv = argv;
  });

  it('points userData at the data folder before taking the lock, and registers app:// before ready', async () => {
    h.startDesktop.mockResolvedValue(fakeShell());
    await loadMain();
    expect(h.calls.slice(0, 4)).toEqual([`setPath:userData:${dataDir}`, 'enableSandbox', 'registerScheme', 'lock']);
    expect(h.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(h.startDesktop).not.toHaveBeenCalled();
    h.ready.resolve();
    await flush();
    expect(h.startDesktop).toHaveBeenCalledWith(expect.objectContaining({ dataDir, forceSafeMode: false }));
  });

  it('a second instance quits without starting', async () => {
    h.gotLock = false;
    await loadMain();
    expect(h.calls).toContain('quit');
    expect(h.app.listenerCount('second-instance')).toBe(0);
    expect(h.app.listenerCount('will-quit')).toBe(0);
  });

  it('focuses the window on a second launch and waits for shutdown when quitting', async () => {
    const shell = fakeShell();
    h.startDesktop.mockResolvedValue(shell);
    await loadMain();
    h.ready.resolve();
    await flush();
    h.app.emit('second-instance');
    expect(shell.showMainWindow).toHaveBeenCalledTimes(1);

    h.app.emit('before-quit');
    expect(shell.beginQuit).toHaveBeenCalled();
    const event = { preventDefault: vi.fn() };
    h.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await flush();
    expect(shell.shutdown).toHaveBeenCalledTimes(1);
    expect(h.app.quit).toHaveBeenCalled();
    const second = { preventDefault: vi.fn() };
    h.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the last window closes unless the app keeps running in the tray', async () => {
    const shell = fakeShell();
    h.startDesktop.mockResolvedValue(shell);
    await loadMain();
    h.ready.resolve();
    await flush();
    h.app.quit.mockClear();
    shell.keepRunning.mockReturnValue(true);
    h.app.emit('window-all-closed');
    expect(h.app.quit).not.toHaveBeenCalled();
    shell.keepRunning.mockReturnValue(false);
    h.app.emit('window-all-closed');
    expect(h.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('shows why the ledger could not open and exits', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    h.startDesktop.mockRejectedValue(new Error('boom'));
    await loadMain();
    h.ready.resolve();
    await flush();
    expect(h.showErrorBox).toHaveBeenCalledWith(expect.stringContaining('Cannot open the ledger'), expect.stringContaining(dataDir));
    expect(h.app.exit).toHaveBeenCalledWith(1);
    expect(consoleError).toHaveBeenCalled();
    consoleError.mockRestore();
  });
});
