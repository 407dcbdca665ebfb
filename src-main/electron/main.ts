/**
 * The desktop app's lifecycle: data folder and single-instance lock first, privileged app:// scheme
 * before ready, then desktop-app.ts wires everything; quitting waits for the core to close.
 * Flags: `--data-dir <folder>` (else MERCHANT_LEDGER_HOME, else the platform's app-data folder),
 * `--safe-mode` (start without the background scheduler).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, protocol } from 'electron';
import { resolveDataDir } from '../services/data-dir.js';
import { installProcessErrorHandlers } from './crash.js';
import { startDesktop, StartupError, type DesktopShell } from './desktop-app.js';
import { registerAppScheme } from './protocol.js';
import { consoleLogger } from './shell-types.js';
import { claimSingleInstance } from './single-instance.js';

/** Must match electron-builder.yml's appId (Windows ties notifications to it). */
const APP_ID = 'com.merchantledger.desktop';

function flagValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = argv[index] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

const dataDir = resolveDataDir(flagValue(process.argv, '--data-dir'));
// userData = the data folder: Chromium's profile lives beside the ledger and the single-instance
// lock is per ledger.
app.setPath('userData', dataDir);
app.setAppUserModelId(APP_ID);
app.enableSandbox();
registerAppScheme(protocol);

let desktop: DesktopShell | null = null;
let shutDown = false;

if (claimSingleInstance(app, () => desktop?.showMainWindow())) {
  installProcessErrorHandlers(process, {
    logger: () => desktop?.logger ?? consoleLogger,
    dialog,
    logsDir: () => desktop?.logFile ?? path.join(dataDir, 'logs'),
  });

  app
    .whenReady()
    .then(async () => {
      desktop = await startDesktop({
        dataDir,
        forceSafeMode: process.argv.includes('--safe-mode'),
        mainDir: path.dirname(fileURLToPath(import.meta.url)),
      });
    })
    .catch((error: unknown) => {
      consoleLogger.error({ err: error }, 'desktop start failed');
      const reason = error instanceof StartupError ? error.message : '启动失败，请查看日志 Start failed; see the log';
      dialog.showErrorBox('无法打开账本 Cannot open the ledger', `${reason}\n\n数据目录 Data folder: ${dataDir}`);
      shutDown = true;
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !desktop?.keepRunning()) app.quit();
  });
  app.on('activate', () => desktop?.showMainWindow());
  app.on('before-quit', () => desktop?.beginQuit());
  app.on('will-quit', (event) => {
    if (shutDown || !desktop) return;
    // Hold the quit until the database and the log are closed cleanly.
    event.preventDefault();
    void desktop
      .shutdown()
      .catch((error: unknown) => consoleLogger.error({ err: error }, 'shutdown failed'))
      .finally(() => {
        shutDown = true;
        app.quit();
      });
  });
}
