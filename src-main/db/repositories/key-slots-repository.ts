/** Storage of the vault's wrapped data keys, so a backup of the database carries its own key slots. */
import type { KeySlotRecord, KeySlotStore } from '../../secrets/vault.js';
import type { Db } from '../connection.js';

export class KeySlotsRepository implements KeySlotStore {
  constructor(private readonly db: Db) {}

  list(): KeySlotRecord[] {
    const rows = this.db.prepare('SELECT id, kind, params, wrapped_key, created_at FROM key_slots ORDER BY created_at, id').all() as {
      id: string;
      kind: KeySlotRecord['kind'];
      params: string;
      wrapped_key: Buffer;
      created_at: number;
    }[];
    return rows.map((r) => ({ id: r.id, kind: r.kind, params: r.params, wrappedKey: r.wrapped_key, createdAt: r.created_at }));
  }

  save(slot: KeySlotRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO key_slots (id, kind, params, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(slot.id, slot.kind, slot.params, slot.wrappedKey, slot.createdAt);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM key_slots WHERE id = ?').run(id);
  }
}
