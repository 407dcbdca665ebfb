/**
 * Launch at login. Windows and macOS have `app.setLoginItemSettings`; on Linux Electron's version does
 * nothing, so there the shell writes (or removes) an XDG autostart entry,
 * `$XDG_CONFIG_HOME/autostart/merchant-ledger.desktop`, which GNOME, KDE, Xfce and most other
 * desktops honour. An unpackaged app (`npm start`) would register the bare Electron binary, so
 * there the switch is reported as unsupported.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';

export const AUTOSTART_FILE = 'merchant-ledger.desktop';

export interface LaunchAtLogin {
  readonly supported: boolean;
  /** Registers or unregisters the app with the OS; throws when the OS refuses (e.g. a read-only folder). */
  apply(enabled: boolean): void;
}

export interface LaunchAtLoginDeps {
  readonly app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>;
  readonly platform: NodeJS.Platform;
  /** The executable to start: the AppImage file when running from one, else process.execPath. */
  readonly executable: string;
  /** Arguments for the started app (the data folder, so login opens the same ledger). */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly homedir?: string;
}

export function launchAtLogin(deps: LaunchAtLoginDeps): LaunchAtLogin {
  if (!deps.app.isPackaged) return { supported: false, apply: () => undefined };
  if (deps.platform === 'linux') return xdgAutostart(deps);
  if (deps.platform !== 'win32' && deps.platform !== 'darwin') return { supported: false, apply: () => undefined };
  return {
    supported: true,
    apply(enabled) {
      // `args` is honoured on Windows only; macOS starts the bundle with its default data folder.
      deps.app.setLoginItemSettings({ openAtLogin: enabled, ...(deps.platform === 'win32' ? { args: [...deps.args] } : {}) });
    },
  };
}

export function autostartFile(env: NodeJS.ProcessEnv, homedir: string = os.homedir()): string {
  const configHome = env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(homedir, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE);
}

function xdgAutostart(deps: LaunchAtLoginDeps): LaunchAtLogin {
  const file = autostartFile(deps.env, deps.homedir);
  return {
    supported: true,
    apply(enabled) {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, autostartEntry([deps.executable, ...deps.args]), 'utf8');
    },
  };
}

/** A desktop entry whose Exec line starts exactly `argv` (quoted per the Desktop Entry spec). */
export function autostartEntry(argv: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=商户账本 Merchant Ledger',
    `Exec=${escapeString(argv.map(quoteArg).join(' '))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

// Inside double quotes the spec reserves ", `, $ and \; `%` starts a field code anywhere.
function quoteArg(arg: string): string {
  return `"${arg.replace(/[\\"`$]/g, '\\$&').replace(/%/g, '%%')}"`;
}

// The value is then a desktop-entry string, which has its own escapes for \ and control characters.
function escapeString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}
