/**
 * Where the built pieces are, relative to the main bundle (out/main/index.js): the renderer in
 * out/renderer, the preload in out/preload, the tray icons in resources/. The same layout holds inside
 * app.asar (electron-builder.yml packs out/** and resources/tray/**).
 */
import path from 'node:path';

export interface AppPaths {
  readonly rendererDir: string;
  readonly preloadPath: string;
  readonly resourcesDir: string;
  readonly appIcon: string;
  trayIcon(status: 'idle' | 'syncing' | 'error'): string;
}

export function appPaths(mainDir: string): AppPaths {
  const resourcesDir = path.resolve(mainDir, '../../resources');
  return {
    rendererDir: path.resolve(mainDir, '../renderer'),
    preloadPath: path.resolve(mainDir, '../preload/index.cjs'),
    resourcesDir,
    appIcon: path.join(resourcesDir, 'icon.png'),
    // tray-<status>@2x.png next to it is picked up automatically on high-DPI screens.
    trayIcon: (status) => path.join(resourcesDir, 'tray', `tray-${status}.png`),
  };
}

/** Our pages: app://ledger/…, plus the electron-vite dev server's origin in development. */
export function trustedUrlPredicate(isAppUrl: (url: string) => boolean, devServerUrl: string | null): (url: string) => boolean {
  let devOrigin: string | null = null;
  if (devServerUrl) {
    try {
      const parsed = new URL(devServerUrl);
      if ((parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname))) devOrigin = parsed.origin;
    } catch {
      devOrigin = null;
    }
  }
  return (url) => {
    if (isAppUrl(url)) return true;
    if (!devOrigin) return false;
    try {
      return new URL(url).origin === devOrigin;
    } catch {
      return false;
    }
  };
}
