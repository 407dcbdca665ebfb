/**
 * Wires the desktop shell once Electron is ready: opens the core with the OS-keyring key slot, serves
 * app://, guards every web contents, registers IPC, and creates the window, menu, tray and
 * notifications. main.ts owns the app lifecycle and calls this.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import { DEFAULT_LOG_FILE } from '../logging/logger.js';
import { scrubString } from '../logging/scrub.js';
import { defaultSecretRegistry } from '../logging/secret-registry.js';
import { openAppCore, type AppCore, type AppCoreOptions } from '../services/app-core.js';
import { showAboutDialog, type AboutInfo } from './about.js';
import { appPaths, trustedUrlPredicate, type AppPaths } from './app-paths.js';
import { DesktopSettingsStore } from './desktop-settings.js';
import { forwardCoreEvents, registerIpc } from './ipc.js';
import { buildMenuTemplate, SYNC_ALL_ARGS, SYNC_ALL_CHANNEL, type MenuContext } from './menu.js';
import { APP_SCHEME, createAppProtocolHandler, isAppUrl } from './protocol.js';
import { RunMarker } from './run-marker.js';
import { startScheduler, type SchedulerLike } from './scheduler-hook.js';
import { desktopUnlocker } from './secrets-safe-storage.js';
import { createExternalLinkOpener, hardenSession, hardenWebContents } from './security.js';
import type { ShellLogger } from './shell-types.js';
import { startStatusWatchers, type StatusWatchers } from './status-watchers.js';
import { WindowManager } from './window-manager.js';

export interface DesktopOptions {
  readonly dataDir: string;
  /** `--safe-mode` on the command line. */
  readonly forceSafeMode: boolean;
  /** The folder of the main bundle (out/main). */
  readonly mainDir: string;
}

export interface DesktopShell {
  readonly logger: ShellLogger;
  readonly logFile: string;
  showMainWindow(): void;
  /** True when closing the last window should leave the app running in the tray. */
  keepRunning(): boolean;
  beginQuit(): void;
  shutdown(): Promise<void>;
}

/** Thrown when the ledger cannot be opened; the message is meant for the merchant. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/**
 * The Electron-ABI build of better-sqlite3 made by scripts/rebuild-native.mjs (development only;
 * packaged apps get theirs from electron-builder's npmRebuild).
 */
function devNativeBinding(): string | undefined {
  const file = process.env['MERCHANT_LEDGER_SQLITE_BINDING'];
  return !app.isPackaged && file && existsSync(file) ? file : undefined;
}

async function openCore(dataDir: string): Promise<AppCore> {
  const nativeBinding = devNativeBinding();
  const options: AppCoreOptions = {
    dataDir,
    face: 'desktop',
    unlocker: desktopUnlocker(),
    ...(nativeBinding ? { nativeBinding } : {}),
  };
  try {
    return await openAppCore(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StartupError(scrubString(message, defaultSecretRegistry), { cause: error });
  }
}

function showSafeModeNotice(): void {
  void dialog.showMessageBox({
    type: 'warning',
    message: '已以安全模式启动 Started in safe mode',
    detail:
      '上次启动没有完成，本次不自动同步。可从菜单手动同步，下次启动恢复正常。\n' +
      'The last start did not finish, so automatic sync is off for this run. You can still sync from the menu; the next start is normal.',
  });
}

function aboutInfo(dataDir: string, safeMode: boolean): AboutInfo {
  return {
    version: app.getVersion(),
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    dataDir,
    safeMode,
  };
}

/** Guards every web contents and the session, and serves app://. */
function secureTheApp(paths: AppPaths, isTrustedUrl: (url: string) => boolean, logger: ShellLogger): void {
  const openExternal = createExternalLinkOpener(dialog, shell, logger);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { isTrustedUrl, openExternal, logger }, (c) => BrowserWindow.fromWebContents(c)));
  hardenSession(session.defaultSession, logger);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));
}

export async function startDesktop(options: DesktopOptions): Promise<DesktopShell> {
  const paths = appPaths(options.mainDir);
  const marker = RunMarker.inDataDir(options.dataDir);
  const run = marker.begin(options.forceSafeMode);
  const settings = DesktopSettingsStore.inDataDir(options.dataDir);
  const core = await openCore(options.dataDir);
  const logger: ShellLogger = core.logger;
  const logFile = path.join(options.dataDir, 'logs', DEFAULT_LOG_FILE);
  if (run.safeMode) logger.warn({ previous: run.previous }, 'safe mode: the last start did not finish; the scheduler is off');

  const isTrustedUrl = trustedUrlPredicate(isAppUrl, app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null));
  secureTheApp(paths, isTrustedUrl, logger);

  let quitting = false;
  let watchers: StatusWatchers | null = null;
  const keepRunning = () => !quitting && watchers?.tray != null && settings.get().keepRunningInTray;
  const windows = new WindowManager({ paths, dataDir: options.dataDir, logger, isTrustedUrl, hideOnClose: keepRunning, onLoaded: () => marker.markReady() });
  const stopIpc = registerIpc({ ipcMain, dispatch: core.dispatch, logger, isTrustedUrl, isOurContents: (c) => windows.isOurContents(c) });
  const stopForwarding = forwardCoreEvents(core.events, () => windows.ours().map((w) => w.webContents), isTrustedUrl);

  const runChannel = (channel: string, args: unknown) =>
    void core.dispatch(channel, args).then((result) => {
      if (!result.ok) logger.warn({ channel, code: result.error.code }, 'shell command failed');
    });
  const showMainWindow = () => windows.show();
  const menuContext: MenuContext = {
    send: windows.send,
    runChannel,
    showAbout: () => void showAboutDialog(dialog, shell, BrowserWindow.getFocusedWindow(), aboutInfo(options.dataDir, run.safeMode)),
    openDataFolder: () => void shell.openPath(options.dataDir),
    openLogsFolder: () => void shell.openPath(path.dirname(logFile)),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuContext, { platform: process.platform, isPackaged: app.isPackaged })));
  windows.ensureWindow();

  watchers = startStatusWatchers({
    events: core.events,
    runChannel: core.dispatch,
    logger,
    paths,
    settings,
    send: windows.send,
    syncAll: () => runChannel(SYNC_ALL_CHANNEL, SYNC_ALL_ARGS),
    showMainWindow,
    quit: () => app.quit(),
  });
  const scheduler: SchedulerLike | null = run.safeMode ? null : startScheduler(core, logger);
  if (run.safeMode) showSafeModeNotice();

  let closed: Promise<void> | null = null;
  return {
    logger,
    logFile,
    showMainWindow,
    keepRunning,
    beginQuit: () => {
      quitting = true;
    },
    shutdown() {
      closed ??= (async () => {
        quitting = true;
        await scheduler?.stop();
        watchers?.dispose();
        stopForwarding();
        stopIpc();
        marker.markStopped();
        await core.close();
      })();
      return closed;
    },
  };
}
