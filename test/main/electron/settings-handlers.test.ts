import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_SETTINGS_FILE, DesktopSettingsStore } from '../../../src-main/electron/desktop-settings.js';
import type { LaunchAtLogin } from '../../../src-main/electron/login-item.js';
import { LOGIN_UNSUPPORTED_MESSAGE, settingsHandlers, syncLoginItem } from '../../../src-main/electron/settings-handlers.js';
import { recordingLogger } from './fakes.js';

describe('desktop settings channels', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ml-dsettings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function setup(loginItem: LaunchAtLogin = { supported: true, apply: vi.fn() }, tray = true) {
    const settings = DesktopSettingsStore.inDataDir(dir);
    const logger = recordingLogger();
    const changes: unknown[] = [];
    settings.onChange((s) => changes.push(s));
    return { settings, loginItem, logger, changes, handlers: settingsHandlers({ settings, loginItem, trayAvailable: () => tray, logger }) };
  }
  const stored = () => JSON.parse(readFileSync(path.join(dir, DESKTOP_SETTINGS_FILE), 'utf8')) as unknown;

  it('reads the defaults (both off) with what the platform supports', () => {
    const { handlers } = setup({ supported: false, apply: vi.fn() }, false);
    expect(handlers['desktop:settings:get']({})).toEqual({
      ok: true,
      value: { settings: { keepRunningInTray: false, launchAtLogin: false }, launchAtLoginSupported: false, trayAvailable: false },
    });
  });

  it('keeps an older settings file and fills the new field with its default', () => {
    writeFileSync(path.join(dir, DESKTOP_SETTINGS_FILE), JSON.stringify({ keepRunningInTray: true }));
    expect(DesktopSettingsStore.inDataDir(dir).get()).toEqual({ keepRunningInTray: true, launchAtLogin: false });
  });

  it('applies launch at login to the OS, then stores it and tells the listeners', async () => {
    const { handlers, loginItem, changes } = setup();
    const result = await handlers['desktop:settings:set']({ launchAtLogin: true });
    expect(loginItem.apply).toHaveBeenCalledWith(true);
    expect(result).toMatchObject({ ok: true, value: { settings: { launchAtLogin: true, keepRunningInTray: false } } });
    expect(stored()).toEqual({ keepRunningInTray: false, launchAtLogin: true });
    expect(changes).toEqual([{ keepRunningInTray: false, launchAtLogin: true }]);

    // Changing only keep-running does not touch the OS login item again.
    await handlers['desktop:settings:set']({ keepRunningInTray: true });
    expect(loginItem.apply).toHaveBeenCalledTimes(1);
    expect(stored()).toEqual({ keepRunningInTray: true, launchAtLogin: true });
  });

  it('refuses launch at login where it is unsupported and stores nothing', async () => {
    const { handlers } = setup({ supported: false, apply: vi.fn() });
    expect(await handlers['desktop:settings:set']({ launchAtLogin: true })).toEqual({ ok: false, error: { code: 'validation', message: LOGIN_UNSUPPORTED_MESSAGE } });
    expect(existsSync(path.join(dir, DESKTOP_SETTINGS_FILE))).toBe(false);
  });

  it('keeps the old value when the OS refuses, and logs why', async () => {
    const apply = vi.fn(() => {
      throw new Error('EACCES: permission denied');
    });
    const { handlers, settings, logger } = setup({ supported: true, apply });
    const result = await handlers['desktop:settings:set']({ launchAtLogin: true, keepRunningInTray: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('EACCES') } });
    expect(settings.get()).toEqual({ keepRunningInTray: false, launchAtLogin: false });
    expect(logger.lines.map((l) => l.message)).toContain('launch at login could not be changed');
  });

  it('re-applies the stored choice at start, and only where supported', () => {
    const { settings, loginItem, logger } = setup();
    settings.set({ launchAtLogin: true });
    syncLoginItem({ settings, loginItem, logger });
    expect(loginItem.apply).toHaveBeenCalledWith(true);
    const unsupported = { supported: false, apply: vi.fn() };
    syncLoginItem({ settings, loginItem: unsupported, logger });
    expect(unsupported.apply).not.toHaveBeenCalled();
  });
});
