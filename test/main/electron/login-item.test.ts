import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autostartEntry, autostartFile, launchAtLogin } from '../../../src-main/electron/login-item.js';

const fakeApp = (isPackaged = true) => ({ isPackaged, setLoginItemSettings: vi.fn() });
const base = { executable: '/opt/Merchant Ledger/merchant-ledger', args: ['--data-dir', '/home/m/账本'] };

describe('launch at login', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'ml-login-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('uses setLoginItemSettings on Windows (with the data folder) and macOS', () => {
    const win = fakeApp();
    const onWindows = launchAtLogin({ ...base, app: win, platform: 'win32', env: {} });
    expect(onWindows.supported).toBe(true);
    onWindows.apply(true);
    expect(win.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--data-dir', '/home/m/账本'] });

    const mac = fakeApp();
    const onMac = launchAtLogin({ ...base, app: mac, platform: 'darwin', env: {} });
    onMac.apply(false);
    expect(mac.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false });
  });

  it('writes and removes an XDG autostart entry on Linux, where setLoginItemSettings does nothing', () => {
    const app = fakeApp();
    const env = { XDG_CONFIG_HOME: path.join(home, 'cfg') };
    const login = launchAtLogin({ ...base, app, platform: 'linux', env, homedir: home });
    const file = path.join(home, 'cfg', 'autostart', 'merchant-ledger.desktop');
    expect(login.supported).toBe(true);
    login.apply(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Merchant Ledger/merchant-ledger" "--data-dir" "/home/m/账本"\n');
    login.apply(false);
    expect(existsSync(file)).toBe(false);
    login.apply(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('falls back to ~/.config/autostart when XDG_CONFIG_HOME is unset or relative', () => {
    expect(autostartFile({}, home)).toBe(path.join(home, '.config', 'autostart', 'merchant-ledger.desktop'));
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative' }, home)).toBe(path.join(home, '.config', 'autostart', 'merchant-ledger.desktop'));
  });

  it('quotes reserved characters in the Exec line per the Desktop Entry spec', () => {
    const exec = autostartEntry(['/a b/app', '--data-dir', '/x/"q" $HOME `c` 100% back\\slash']).split('\n').find((l) => l.startsWith('Exec='));
    expect(exec).toBe('Exec="/a b/app" "--data-dir" "/x/\\\\"q\\\\" \\\\$HOME \\\\`c\\\\` 100%% back\\\\\\\\slash"');
  });

  it('is unsupported when unpackaged (it would register the bare Electron binary) and on other systems', () => {
    const dev = fakeApp(false);
    const login = launchAtLogin({ ...base, app: dev, platform: 'win32', env: {} });
    expect(login.supported).toBe(false);
    login.apply(true);
    expect(dev.setLoginItemSettings).not.toHaveBeenCalled();
    expect(launchAtLogin({ ...base, app: fakeApp(), platform: 'freebsd', env: {} }).supported).toBe(false);
  });
});
