/**
 * The tray icon and the sync notifications, both fed by account-health snapshots (account-status.ts).
 */
import { Menu, Notification, Tray, nativeImage } from 'electron';
import { createAccountStatusSource } from './account-status.js';
import type { AppPaths } from './app-paths.js';
import type { DesktopSettingsStore } from './desktop-settings.js';
import { SyncNotifier } from './notifications.js';
import type { SendShellEvent } from './shell-events.js';
import type { CoreEventSource, RunChannel, ShellLogger } from './shell-types.js';
import { TrayController } from './tray.js';

export interface StatusWatcherDeps {
  readonly events: CoreEventSource;
  readonly runChannel: RunChannel;
  readonly logger: ShellLogger;
  readonly paths: AppPaths;
  readonly settings: DesktopSettingsStore;
  readonly send: SendShellEvent;
  syncAll(): void;
  showMainWindow(): void;
  quit(): void;
}

export interface StatusWatchers {
  /** Null where the desktop has no status area. */
  readonly tray: TrayController | null;
  dispose(): void;
}

function createTray(deps: StatusWatcherDeps): TrayController | null {
  try {
    return new TrayController({
      createTray: (image) => new Tray(image),
      icon: (status) => nativeImage.createFromPath(deps.paths.trayIcon(status)),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      keepRunning: () => deps.settings.get().keepRunningInTray,
      actions: {
        syncAll: deps.syncAll,
        open: deps.showMainWindow,
        quit: deps.quit,
        setKeepRunning: (value) => deps.settings.set({ keepRunningInTray: value }),
      },
    });
  } catch (error) {
    // Some Linux desktops have no status area; the app works without a tray icon.
    deps.logger.warn({ err: error }, 'tray icon unavailable');
    return null;
  }
}

export function startStatusWatchers(deps: StatusWatcherDeps): StatusWatchers {
  const tray = createTray(deps);
  const notifier = new SyncNotifier({
    isSupported: () => Notification.isSupported(),
    create: ({ title, body }) => new Notification({ title, body, icon: deps.paths.appIcon }),
    openAccount: (accountId) => {
      deps.showMainWindow();
      deps.send('shell:open-account', { accountId });
    },
  });
  const statuses = createAccountStatusSource({ events: deps.events, runChannel: deps.runChannel, logger: deps.logger });
  statuses.subscribe((accounts) => {
    tray?.update(accounts);
    notifier.update(accounts);
  });
  void statuses.refresh();
  // The Settings view can change keep-running too: the tray's checkbox must follow.
  const stopSettings = deps.settings.onChange(() => tray?.render());
  return {
    tray,
    dispose() {
      stopSettings();
      statuses.close();
      tray?.dispose();
    },
  };
}
