/**
 * The renderer is untrusted: it may only stay on our own pages. Navigation and redirects elsewhere
 * are cancelled, new windows are never opened (an http(s) link opens in the system browser after the
 * merchant confirms), <webview> cannot attach, and every permission request or check is denied.
 */
import type { BrowserWindow, Dialog, Session, Shell, WebContents } from 'electron';
import type { ShellLogger } from './shell-types.js';

export interface NavigationPolicy {
  /** Our own pages (app://ledger, or the dev server in `electron-vite dev`). */
  isTrustedUrl(url: string): boolean;
  /** Asks before opening an external link; never throws. */
  openExternal(url: string, parent: BrowserWindow | null): void;
  readonly logger: ShellLogger;
}

/** Only plain web links may leave the app — never file:, javascript:, custom schemes or credentials. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

function shortUrl(url: string): string {
  // Query strings may carry tokens: the log keeps scheme, host and path only.
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '(invalid url)';
  }
}

export function hardenWebContents(contents: WebContents, policy: NavigationPolicy, windowOf: (c: WebContents) => BrowserWindow | null): void {
  contents.on('will-navigate', (event) => {
    if (policy.isTrustedUrl(event.url)) return;
    event.preventDefault();
    policy.logger.warn({ url: shortUrl(event.url) }, 'navigation blocked');
    if (isExternalWebUrl(event.url)) policy.openExternal(event.url, windowOf(contents));
  });
  // Sub-frames (the app has none of its own); the main frame is covered by will-navigate above.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || policy.isTrustedUrl(event.url)) return;
    event.preventDefault();
    policy.logger.warn({ url: shortUrl(event.url) }, 'frame navigation blocked');
  });
  contents.on('will-redirect', (event) => {
    if (policy.isTrustedUrl(event.url)) return;
    event.preventDefault();
    policy.logger.warn({ url: shortUrl(event.url) }, 'redirect blocked');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    policy.logger.warn({}, 'webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) policy.openExternal(url, windowOf(contents));
    else policy.logger.warn({ url: shortUrl(url) }, 'window.open blocked');
    return { action: 'deny' };
  });
}

/** Denies every permission (camera, notifications from the page, clipboard-read, geolocation, …). */
export function hardenSession(session: Session, logger: ShellLogger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/** An `openExternal` that asks first; concurrent prompts for the same URL collapse into one. */
export function createExternalLinkOpener(dialog: Pick<Dialog, 'showMessageBox'>, shell: Pick<Shell, 'openExternal'>, logger: ShellLogger) {
  const pending = new Set<string>();
  return function openExternal(url: string, parent: BrowserWindow | null): void {
    if (!isExternalWebUrl(url) || pending.has(url)) return;
    pending.add(url);
    const options = {
      type: 'question' as const,
      buttons: ['在浏览器中打开 Open in browser', '取消 Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: '要在浏览器中打开这个外部链接吗？\nOpen this external link in your browser?',
      detail: url.slice(0, 500),
    };
    const shown = parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
    shown
      .then(async ({ response }) => {
        if (response === 0) await shell.openExternal(url);
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not open external link'))
      .finally(() => pending.delete(url));
  };
}
