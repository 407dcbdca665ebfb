/** Stand-ins for the few Electron objects the shell touches (no Electron binary exists here). */
import { EventEmitter } from 'node:events';
import type { BrowserWindow, WebContents } from 'electron';
import { vi } from 'vitest';
import type { ShellLogger } from '../../../src-main/electron/shell-types.js';

export class FakeWebContents extends EventEmitter {
  url = 'app://ledger/index.html';
  destroyed = false;
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly reload = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();

  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  get electron(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  visible = true;
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly focus = vi.fn();
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  get electron(): BrowserWindow {
    return this as unknown as BrowserWindow;
  }
}

/** A navigation-style event: `url`, `preventDefault` and whether it was called. */
export function navEvent(url: string, extra: Record<string, unknown> = {}) {
  const event = {
    url,
    defaultPrevented: false,
    preventDefault: vi.fn(() => {
      event.defaultPrevented = true;
    }),
    ...extra,
  };
  return event;
}

export function recordingLogger(): ShellLogger & { lines: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, message, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Resolves after pending promise callbacks have run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
