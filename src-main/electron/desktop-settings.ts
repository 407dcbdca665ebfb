/**
 * Preferences that belong to the desktop shell only (not to the ledger), kept in
 * `<data dir>/desktop-settings.json`.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.js';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

const SettingsSchema = z.object({
  /** Closing the window hides it and the tray icon keeps the app (and its scheduler) running. */
  keepRunningInTray: z.boolean().catch(false),
});
export type DesktopSettings = z.infer<typeof SettingsSchema>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { keepRunningInTray: false };

export class DesktopSettingsStore {
  private current: DesktopSettings;

  constructor(private readonly file: string) {
    const parsed = SettingsSchema.safeParse(readJsonFile(file));
    this.current = parsed.success ? parsed.data : { ...DEFAULT_DESKTOP_SETTINGS };
  }

  static inDataDir(dataDir: string): DesktopSettingsStore {
    return new DesktopSettingsStore(path.join(dataDir, DESKTOP_SETTINGS_FILE));
  }

  get(): DesktopSettings {
    return this.current;
  }

  set(patch: Partial<DesktopSettings>): DesktopSettings {
    this.current = { ...this.current, ...patch };
    writeJsonFile(this.file, this.current);
    return this.current;
  }
}
