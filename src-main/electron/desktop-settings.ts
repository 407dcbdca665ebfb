/**
 * Preferences that belong to the desktop shell only (not to the ledger), kept in
 * `<data dir>/desktop-settings.json`. The renderer reads and changes them through the shell's own
 * channels (desktop-channels.ts); the tray and the login item follow every change.
 */
import path from 'node:path';
import { z } from 'zod';
import type { DesktopSettings } from '../api/desktop-channels.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

export type { DesktopSettings } from '../api/desktop-channels.js';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

// `.catch` per field: a missing or broken value (an older file) falls back to its default alone.
const SettingsSchema = z.object({
  keepRunningInTray: z.boolean().catch(false),
  launchAtLogin: z.boolean().catch(false),
}) satisfies z.ZodType<DesktopSettings>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { keepRunningInTray: false, launchAtLogin: false };

export class DesktopSettingsStore {
  private current: DesktopSettings;
  private readonly listeners = new Set<(settings: DesktopSettings) => void>();

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
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  /** Called after every change; returns the unsubscribe function. */
  onChange(listener: (settings: DesktopSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
