/**
 * A passphrase change reaches the backups too. Each backup holds the ledger's data key wrapped under
 * the passphrase of its moment: left alone, the old passphrase would still open every backup in the
 * data folder, and with it the key to the live ledger's secrets. A backup proven to hold this ledger's
 * key gets the new passphrase slot in place of all its passphrase slots, in one transaction (backups
 * use a rollback journal, so a crash leaves the old slots or the new one, never none). Keyring slots
 * stay; a file that cannot be proven to be this ledger's is left as it is.
 */
import Database from 'better-sqlite3';
import type { KeySlotRecord } from '../secrets/vault.js';
import { belongsToLedger, hasTables, type ValidationExpectations } from './backup.js';

/**
 * `rekeyed`: its passphrase slots were replaced; `unaffected`: no old passphrase opened it (none, or
 * only the new slot); `foreign`: not provably this ledger's; `unreadable`: could not be opened or written.
 */
export type RekeyOutcome = 'rekeyed' | 'unaffected' | 'foreign' | 'unreadable';

export interface RekeyResult {
  readonly outcome: RekeyOutcome;
  /** The SQLite error, for `unreadable`. */
  readonly detail?: string;
}

export type LedgerProof = Pick<ValidationExpectations, 'currentSlots' | 'canDecrypt'>;

export function rekeyBackupFile(file: string, newSlot: KeySlotRecord, proof: LedgerProof): RekeyResult {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    if (!hasTables(db, ['key_slots', 'accounts', 'card_codes']) || !belongsToLedger(db, proof)) return { outcome: 'foreign' };
    const handle = db;
    const replace = handle.transaction((): RekeyResult => {
      const held = handle.prepare("SELECT id, wrapped_key FROM key_slots WHERE kind = 'passphrase'").all() as { id: string; wrapped_key: Buffer }[];
      if (held.every((slot) => slot.id === newSlot.id && Buffer.compare(slot.wrapped_key, newSlot.wrappedKey) === 0)) return { outcome: 'unaffected' };
      handle.prepare("DELETE FROM key_slots WHERE kind = 'passphrase'").run();
      handle
        .prepare('INSERT INTO key_slots (id, kind, params, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(newSlot.id, newSlot.kind, newSlot.params, newSlot.wrappedKey, newSlot.createdAt);
      return { outcome: 'rekeyed' };
    });
    return replace.immediate();
  } catch (error) {
    return { outcome: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    db?.close();
  }
}
