/** The `settings` key/value table: small app-wide preferences stored as JSON text (validate on read). */
import type { Db } from '../connection.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** The parsed JSON value of `key`, or undefined when unset or not valid JSON. */
  getJson(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  setJson(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}
