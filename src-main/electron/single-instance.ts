/**
 * One app per data folder: a second launch hands over to the first (which shows and focuses its
 * window) and quits. The lock is keyed by Electron's userData path, which main.ts points at the data
 * folder before calling this.
 */
import type { App, BrowserWindow } from 'electron';

/** True when this process is the first instance and should go on starting. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}

/** Brings a window to the front: restores it if minimized, shows it if hidden (tray), focuses it. */
export function focusWindow(win: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'> | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}
