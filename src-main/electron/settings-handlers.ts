/**
 * `desktop:settings:get` / `desktop:settings:set`: the shell's preferences as the Settings view sees
 * them. Launch at login is applied to the OS first and stored only when that worked, so the switch
 * never shows a state the OS does not have.
 */
import type { DesktopSettings, DesktopSettingsView } from '../api/desktop-channels.js';
import { fail, ok, type Result } from '../api/result.js';
import type { DesktopSettingsStore } from './desktop-settings.js';
import type { LaunchAtLogin } from './login-item.js';
import type { ShellHandlers } from './shell-ipc.js';
import type { ShellLogger } from './shell-types.js';

export interface SettingsHandlerDeps {
  readonly settings: DesktopSettingsStore;
  readonly loginItem: LaunchAtLogin;
  readonly trayAvailable: () => boolean;
  readonly logger: ShellLogger;
}

export const LOGIN_UNSUPPORTED_MESSAGE = '此系统或开发模式下无法设置开机启动 (launch at login is not available on this system or in development)';

export function settingsHandlers(deps: SettingsHandlerDeps): Pick<ShellHandlers, 'desktop:settings:get' | 'desktop:settings:set'> {
  const view = (): DesktopSettingsView => ({
    settings: deps.settings.get(),
    launchAtLoginSupported: deps.loginItem.supported,
    trayAvailable: deps.trayAvailable(),
  });
  return {
    'desktop:settings:get': () => ok(view()),
    'desktop:settings:set': (patch) => {
      const { launchAtLogin, keepRunningInTray } = patch;
      if (launchAtLogin !== undefined && launchAtLogin !== deps.settings.get().launchAtLogin) {
        const applied = applyLoginItem(deps, launchAtLogin);
        if (!applied.ok) return applied;
      }
      const next: Partial<DesktopSettings> = {
        ...(keepRunningInTray !== undefined ? { keepRunningInTray } : {}),
        ...(launchAtLogin !== undefined ? { launchAtLogin } : {}),
      };
      deps.settings.set(next);
      return ok(view());
    },
  };
}

function applyLoginItem(deps: SettingsHandlerDeps, enabled: boolean): Result<never> | { ok: true } {
  if (!deps.loginItem.supported) return fail('validation', LOGIN_UNSUPPORTED_MESSAGE);
  try {
    deps.loginItem.apply(enabled);
    return { ok: true };
  } catch (error) {
    deps.logger.warn({ err: error, enabled }, 'launch at login could not be changed');
    return fail('internal', `无法更改开机启动 (could not change launch at login): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** At start: makes the OS agree with the stored setting (the app may have moved since it was set). */
export function syncLoginItem(deps: Pick<SettingsHandlerDeps, 'settings' | 'loginItem' | 'logger'>): void {
  if (!deps.loginItem.supported) return;
  try {
    deps.loginItem.apply(deps.settings.get().launchAtLogin);
  } catch (error) {
    deps.logger.warn({ err: error }, 'launch at login could not be applied at start');
  }
}
