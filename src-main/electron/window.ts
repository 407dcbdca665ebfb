/**
 * The main window: locked-down web preferences, the preload, and a placement remembered per display
 * (window-state.ts). Closing hides the window instead when the merchant chose to keep running in
 * the tray.
 */
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { MIN_HEIGHT, MIN_WIDTH, loadWindowState, recordPlacement, restorePlacement, saveWindowState, type Placement } from './window-state.js';

/** The renderer is untrusted (ARCHITECTURE §1): isolation, sandbox, no Node, web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly stateFile: string;
  readonly iconPath?: string;
  /** When it returns true, closing the window hides it (the app keeps running in the tray). */
  readonly hideOnClose: () => boolean;
}

export interface MainWindow {
  readonly window: BrowserWindow;
  readonly placement: Placement;
  /** Saves the placement now (also done on close). */
  saveState(): void;
}

export function createMainWindow(options: MainWindowOptions): MainWindow {
  const placement = restorePlacement(loadWindowState(options.stateFile), screen.getAllDisplays(), screen.getPrimaryDisplay());
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: '商户账本 Merchant Ledger',
    backgroundColor: '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const saveState = () => {
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const display = screen.getDisplayMatching(bounds);
    saveWindowState(options.stateFile, recordPlacement(loadWindowState(options.stateFile), display, bounds, win.isMaximized()));
  };
  win.on('close', (event) => {
    try {
      saveState();
    } catch {
      // A read-only data folder must not keep the window from closing.
    }
    if (options.hideOnClose()) {
      event.preventDefault();
      win.hide();
    }
  });
  return { window: win, placement, saveState };
}
