/** Sync cursors (one per account and stream) and the ids a merchant imported for tracking. */
import type { Db } from '../connection.js';

export class SyncStateRepository {
  private readonly getCursorStmt;
  private readonly putCursorStmt;
  private readonly deleteCursorStmt;

  constructor(private readonly db: Db) {
    this.getCursorStmt = db.prepare('SELECT cursor_json FROM sync_cursors WHERE account_id = ? AND stream = ?').pluck();
    this.putCursorStmt = db.prepare(
      `INSERT INTO sync_cursors (account_id, stream, cursor_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (account_id, stream) DO UPDATE SET cursor_json = excluded.cursor_json, updated_at = excluded.updated_at`,
    );
    this.deleteCursorStmt = db.prepare('DELETE FROM sync_cursors WHERE account_id = ? AND stream = ?');
  }

  cursor<T>(accountId: number, stream: string): T | null {
    const text = this.getCursorStmt.get(accountId, stream) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as T);
  }

  /** null removes the cursor (start over). */
  saveCursor(accountId: number, stream: string, value: unknown, now: number): void {
    if (value === null || value === undefined) this.deleteCursorStmt.run(accountId, stream);
    else this.putCursorStmt.run(accountId, stream, JSON.stringify(value), now);
  }

  cursors(accountId: number): Record<string, unknown> {
    const rows = this.db.prepare('SELECT stream, cursor_json FROM sync_cursors WHERE account_id = ?').all(accountId) as { stream: string; cursor_json: string }[];
    return Object.fromEntries(rows.map((r) => [r.stream, JSON.parse(r.cursor_json) as unknown]));
  }

  trackedIds(accountId: number, kind: string): string[] {
    return this.db.prepare('SELECT value FROM tracked_ids WHERE account_id = ? AND kind = ? ORDER BY added_at, value').pluck().all(accountId, kind) as string[];
  }

  /** Adds ids (deduplicated); returns how many were new. */
  addTrackedIds(accountId: number, kind: string, values: readonly string[], now: number): number {
    const insert = this.db.prepare('INSERT INTO tracked_ids (account_id, kind, value, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    let added = 0;
    this.db.transaction(() => {
      for (const value of values) added += insert.run(accountId, kind, value, now).changes;
    })();
    return added;
  }
}
