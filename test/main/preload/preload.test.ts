import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL, type ApiBridge } from '../../../src-main/api/bridge.js';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async () => ({ ok: true, value: 'pong' })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

async function loadBridge(): Promise<ApiBridge> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  await import('../../../src-main/preload/index.js');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, ApiBridge];
  expect(key).toBe('api');
  return api;
}

function emit(name: string, payload: unknown): void {
  for (const listener of electron.listeners.get(IPC_EVENT) ?? []) listener({ sender: 'ipc-renderer-event' }, name, payload);
}

describe('preload', () => {
  beforeEach(() => {
    electron.listeners.clear();
    electron.ipcRenderer.invoke.mockClear();
  });

  it('exposes exactly invoke, subscribe and shell as window.api', async () => {
    const api = await loadBridge();
    expect(Object.keys(api).sort()).toEqual(['invoke', 'shell', 'subscribe']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.subscribe).toBe('function');
  });

  it('invoke sends the channel and arguments untouched over IPC_INVOKE and returns the Result', async () => {
    const api = await loadBridge();
    const args = { id: 7, nested: { x: [1, 2] } };
    await expect(api.invoke('accounts:test', args)).resolves.toEqual({ ok: true, value: 'pong' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'accounts:test', args);
  });

  it('shell sends the desktop channel and arguments untouched over IPC_SHELL', async () => {
    const api = await loadBridge();
    await expect(api.shell('desktop:settings:set', { launchAtLogin: true })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_SHELL, 'desktop:settings:set', { launchAtLogin: true });
  });

  it('subscribe delivers (name, payload) without the IPC event object, and unsubscribes', async () => {
    const api = await loadBridge();
    const received: unknown[][] = [];
    const off = api.subscribe((...args: unknown[]) => received.push(args));
    emit('accounts:changed', { accountId: 3 });
    expect(received).toEqual([['accounts:changed', { accountId: 3 }]]);
    off();
    emit('accounts:changed', { accountId: 4 });
    expect(received).toHaveLength(1);
    expect(electron.listeners.get(IPC_EVENT)?.size).toBe(0);
  });

  it('keeps separate subscriptions independent', async () => {
    const api = await loadBridge();
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.subscribe(a);
    api.subscribe(b);
    offA();
    emit('x', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith('x', 1);
  });
});
