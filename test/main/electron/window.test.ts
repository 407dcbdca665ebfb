import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, recordPlacement, saveWindowState, EMPTY_WINDOW_STATE } from '../../../src-main/electron/window-state.js';

const electron = vi.hoisted(() => {
  const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const monitor = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
  return {
    laptop,
    monitor,
    displays: [laptop, monitor],
    created: [] as unknown[],
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    readonly options: Record<string, unknown>;
    bounds: { x: number; y: number; width: number; height: number };
    maximized = false;
    hidden = false;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      this.bounds = { x: options['x'] as number, y: options['y'] as number, width: options['width'] as number, height: options['height'] as number };
      electron.created.push(this);
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    isDestroyed() {
      return false;
    }
    getNormalBounds() {
      return this.bounds;
    }
    hide() {
      this.hidden = true;
    }
    show() {
      this.hidden = false;
    }
  }
  const screen = {
    getAllDisplays: () => electron.displays,
    getPrimaryDisplay: () => electron.laptop,
    getDisplayMatching: (rect: { x: number }) => electron.displays.find((d) => rect.x >= d.bounds.x && rect.x < d.bounds.x + d.bounds.width) ?? electron.laptop,
  };
  return { BrowserWindow, screen };
});

const { createMainWindow, secureWebPreferences } = await import('../../../src-main/electron/window.js');

interface CreatedWindow extends EventEmitter {
  options: Record<string, unknown>;
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
  hidden: boolean;
}

describe('main window', () => {
  let dir: string;
  let stateFile: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-win-'));
    stateFile = path.join(dir, 'window-state.json');
    electron.created.length = 0;
    electron.displays = [electron.laptop, electron.monitor];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('locks the renderer down and sets the preload and minimum size', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', stateFile, hideOnClose: () => false });
    const win = electron.created[0] as CreatedWindow;
    expect(win.options['minWidth']).toBe(MIN_WIDTH);
    expect(win.options['minHeight']).toBe(MIN_HEIGHT);
    expect(win.options['show']).toBe(false);
    expect(win.options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(secureWebPreferences('p').nodeIntegrationInSubFrames).toBe(false);
  });

  it('restores the saved placement on a connected display and saves it again on close', () => {
    saveWindowState(stateFile, recordPlacement(EMPTY_WINDOW_STATE, electron.monitor, { x: 2000, y: 50, width: 1500, height: 900 }, true));
    const created = createMainWindow({ preloadPath: 'p', stateFile, hideOnClose: () => false });
    const win = electron.created[0] as CreatedWindow;
    expect(created.placement.restored).toBe(true);
    expect(win.bounds).toEqual({ x: 2000, y: 50, width: 1500, height: 900 });
    expect(win.maximized).toBe(true);

    win.bounds = { x: 100, y: 60, width: 1300, height: 850 };
    win.maximized = false;
    const event = { preventDefault: vi.fn() };
    win.emit('close', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    const saved = loadWindowState(stateFile);
    expect(saved.lastDisplayId).toBe('1');
    expect(saved.displays['1']?.bounds).toEqual({ x: 100, y: 60, width: 1300, height: 850 });
    expect(saved.displays['2']?.bounds).toEqual({ x: 2000, y: 50, width: 1500, height: 900 });
  });

  it('opens on the primary display when the saved display was unplugged', () => {
    saveWindowState(stateFile, recordPlacement(EMPTY_WINDOW_STATE, electron.monitor, { x: 2000, y: 50, width: 1500, height: 900 }, false));
    electron.displays = [electron.laptop];
    const created = createMainWindow({ preloadPath: 'p', stateFile, hideOnClose: () => false });
    const win = electron.created[0] as CreatedWindow;
    expect(created.placement.restored).toBe(false);
    expect(win.bounds.x + win.bounds.width).toBeLessThanOrEqual(1920);
  });

  it('hides instead of closing when the app keeps running in the tray', () => {
    let keep = true;
    createMainWindow({ preloadPath: 'p', stateFile, hideOnClose: () => keep });
    const win = electron.created[0] as CreatedWindow;
    const first = { preventDefault: vi.fn() };
    win.emit('close', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(win.hidden).toBe(true);
    keep = false;
    const second = { preventDefault: vi.fn() };
    win.emit('close', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
