/**
 * Wires the desktop shell once Electron is ready: opens the core with the OS-keyring key slot, serves
 * app://, guards every web contents, registers IPC, and creates the window, menu, tray and
 * notifications. main.ts owns the app lifecycle and calls this.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { DEFAULT_LOG_FILE } from '../logging/logger.js';
import type { Vault } from '../secrets/vault.js';
import type { PassphraseService } from '../services/passphrase-service.js';
import { showAboutDialog, type AboutInfo } from './about.js';
import { appPaths, trustedUrlPredicate, type AppPaths } from './app-paths.js';
import { DesktopSettingsStore } from './desktop-settings.js';
import { forwardCoreEvents, registerIpc } from './ipc.js';
import { launchAtLogin } from './login-item.js';
import { buildMenuTemplate, SYNC_ALL_ARGS, SYNC_ALL_CHANNEL, type MenuContext } from './menu.js';
import { APP_SCHEME, createAppProtocolHandler, isAppUrl } from './protocol.js';
import { RunMarker } from './run-marker.js';
import { startScheduler, type SchedulerLike } from './scheduler-hook.js';
import { chooseUnlocker, openDesktopCore } from './open-core.js';
import { unlockHandlers } from './passphrase-gate.js';
import { adaptSafeStorage } from './secrets-safe-storage.js';
import { createExternalLinkOpener, hardenSession, hardenWebContents } from './security.js';
import { settingsHandlers, syncLoginItem } from './settings-handlers.js';
import { recoveryHandlers } from './recovery-handlers.js';
import { registerShellIpc } from './shell-ipc.js';
import { consoleLogger, lateBoundLogger, type ShellLogger } from './shell-types.js';
import { startStatusWatchers, type StatusWatchers } from './status-watchers.js';
import { WindowManager } from './window-manager.js';

export { StartupError } from './open-core.js';

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
  const log = lateBoundLogger(consoleLogger);
  const logFile = path.join(options.dataDir, 'logs', DEFAULT_LOG_FILE);

  const isTrustedUrl = trustedUrlPredicate(isAppUrl, app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null));
  secureTheApp(paths, isTrustedUrl, log.logger);

  let quitting = false;
  let coreOpen = false;
  let pageLoaded = false;
  let watchers: StatusWatchers | null = null;
  let vault: Vault | null = null;
  let passphrase: PassphraseService | null = null;
  const keepRunning = () => !quitting && watchers?.tray != null && settings.get().keepRunningInTray;
  const windows = new WindowManager({
    paths,
    dataDir: options.dataDir,
    logger: log.logger,
    isTrustedUrl,
    hideOnClose: keepRunning,
    onLoaded: () => {
      pageLoaded = true;
      if (coreOpen) marker.markReady();
    },
  });
  const senderPolicy = { ipcMain, logger: log.logger, isTrustedUrl, isOurContents: (c: WebContents) => windows.isOurContents(c) };
  const loginItem = launchAtLogin({
    app,
    platform: process.platform,
    executable: process.env['APPIMAGE'] ?? process.execPath,
    args: ['--data-dir', options.dataDir],
    env: process.env,
  });
  // When the vault waits for a passphrase (no keyring, or a ledger the keyring cannot open) the
  // window opens first and asks for it.
  const keys = chooseUnlocker(adaptSafeStorage(), () => windows.ensureWindow());
  const stopShellIpc = registerShellIpc({
    ...senderPolicy,
    handlers: {
      ...settingsHandlers({ settings, loginItem, trayAvailable: () => watchers?.tray != null, logger: log.logger }),
      ...unlockHandlers(keys.gate),
      ...recoveryHandlers({ vault: () => vault, passphrase: () => passphrase, logger: log.logger }),
    },
  });
  const core = await openDesktopCore(options.dataDir, keys).catch((error: unknown) => {
    stopShellIpc();
    throw error;
  });
  const logger: ShellLogger = core.logger;
  log.bind(logger);
  if (run.safeMode) logger.warn({ previous: run.previous }, 'safe mode: the last start did not finish; the scheduler is off');
  const stopIpc = registerIpc({ ...senderPolicy, dispatch: core.dispatch });
  const stopForwarding = forwardCoreEvents(core.events, () => windows.ours().map((w) => w.webContents), isTrustedUrl);
  coreOpen = true;
  vault = core.vault;
  passphrase = core.services.passphrase;
  keys.gate.opened();
  if (pageLoaded) marker.markReady();
  syncLoginItem({ settings, loginItem, logger });

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
        stopShellIpc();
        marker.markStopped();
        await core.close();
      })();
      return closed;
    },
  };
}
