/**
 * The desktop preload: exposes the typed contract as `window.api` through contextBridge. No logic —
 * the main process validates the sender and the arguments of every call.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, IPC_SHELL, type ApiBridge } from '../api/bridge.js';
import type { Result } from '../api/result.js';

const api: ApiBridge = {
  invoke: (channel: string, args: unknown) => ipcRenderer.invoke(IPC_INVOKE, channel, args) as Promise<Result<unknown>>,
  subscribe(listener: (name: string, payload: unknown) => void) {
    // A wrapper per subscription: the renderer never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
  shell: (channel: string, args: unknown) => ipcRenderer.invoke(IPC_SHELL, channel, args) as Promise<Result<unknown>>,
};

contextBridge.exposeInMainWorld('api', api);
