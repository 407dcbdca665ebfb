/**
 * The shell's windows: creates the main window on demand (again after it was closed on macOS),
 * knows which web contents are ours (for the IPC sender check), and delivers shell events to the
 * focused or main window.
 */
import { BrowserWindow, app, dialog, type WebContents } from 'electron';
import { IPC_EVENT } from '../api/bridge.js';
import type { AppPaths } from './app-paths.js';
import { watchRenderer } from './crash.js';
import { APP_ENTRY_URL } from './protocol.js';
import type { SendShellEvent } from './shell-events.js';
import type { ShellLogger } from './shell-types.js';
import { focusWindow } from './single-instance.js';
import { createMainWindow, type MainWindow } from './window.js';
import { windowStatePath } from './window-state.js';

export interface WindowManagerOptions {
  readonly paths: AppPaths;
  readonly dataDir: string;
  readonly logger: ShellLogger;
  readonly isTrustedUrl: (url: string) => boolean;
  /** True when closing should hide the window (keep running in the tray). */
  readonly hideOnClose: () => boolean;
  /** Called each time a main window finished loading its page. */
  readonly onLoaded: () => void;
}

export class WindowManager {
  private readonly windows = new Set<BrowserWindow>();
  private main: MainWindow | null = null;

  constructor(private readonly options: WindowManagerOptions) {}

  ours(): BrowserWindow[] {
    return [...this.windows].filter((w) => !w.isDestroyed());
  }

  isOurContents(contents: WebContents): boolean {
    return this.ours().some((w) => w.webContents === contents);
  }

  ensureWindow(): BrowserWindow {
    if (this.main && !this.main.window.isDestroyed()) return this.main.window;
    const { paths, logger } = this.options;
    this.main = createMainWindow({
      preloadPath: paths.preloadPath,
      stateFile: windowStatePath(this.options.dataDir),
      iconPath: paths.appIcon,
      hideOnClose: this.options.hideOnClose,
    });
    const win = this.main.window;
    this.windows.add(win);
    win.on('closed', () => this.windows.delete(win));
    watchRenderer(win, { logger: () => logger, dialog });
    win.webContents.once('did-finish-load', () => this.options.onLoaded());
    const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
    const url = devUrl && this.options.isTrustedUrl(devUrl) ? devUrl : APP_ENTRY_URL;
    void win.loadURL(url).catch((error: unknown) => logger.error({ err: error }, 'could not load the window'));
    return win;
  }

  show(): void {
    focusWindow(this.ensureWindow());
  }

  readonly send: SendShellEvent = (name, payload) => {
    const focused = BrowserWindow.getFocusedWindow();
    const target = focused && this.windows.has(focused) ? focused : (this.main?.window ?? null);
    if (target && !target.isDestroyed()) target.webContents.send(IPC_EVENT, name, payload);
  };
}
