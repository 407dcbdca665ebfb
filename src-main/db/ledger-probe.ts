/**
 * Looks at a data folder before the ledger is opened: whether a ledger with a key already lives there.
 * Opening one with no key slots creates its data key under the first passphrase given.
 */
import { existsSync } from 'node:fs';
import { databasePath, openDatabase } from './connection.js';

/** True when `dataDir` holds a ledger with at least one key slot (the next open unlocks instead of creating). */
export function ledgerHasKeySlots(dataDir: string): boolean {
  const file = databasePath(dataDir);
  if (!existsSync(file)) return false;
  let db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch {
    // Unreadable: the open that follows reports it; no reason to call it new.
    return true;
  }
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'key_slots'").get();
    return table !== undefined && db.prepare('SELECT 1 FROM key_slots LIMIT 1').get() !== undefined;
  } catch {
    return true;
  } finally {
    db.close();
  }
}
