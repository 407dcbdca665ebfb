import type { ApiBridge } from '../../src-main/api/bridge.js';

declare global {
  interface Window {
    /** Present only inside the desktop shell (the preload exposes it with contextBridge). */
    api?: ApiBridge;
  }
}

export {};
