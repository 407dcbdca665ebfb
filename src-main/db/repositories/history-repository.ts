/** One row per change of a mutable field (status, amounts…), written in the same transaction as the change. */
import type { Db } from '../connection.js';

export type HistoryEntity = 'order' | 'commission' | 'card';

export interface FieldChange {
  readonly field: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

export interface HistoryRow extends FieldChange {
  readonly id: number;
  readonly entity: HistoryEntity;
  readonly entityId: number;
  readonly changedAt: number;
  readonly syncRunId: number | null;
}

export class HistoryRepository {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO record_history (account_id, entity, entity_id, field, old_value, new_value, changed_at, sync_run_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(accountId: number, entity: HistoryEntity, entityId: number, changes: readonly FieldChange[], at: number, runId: number | null): void {
    for (const c of changes) this.insertStmt.run(accountId, entity, entityId, c.field, c.oldValue, c.newValue, at, runId);
  }

  forEntity(entity: HistoryEntity, entityId: number): HistoryRow[] {
    const rows = this.db
      .prepare('SELECT * FROM record_history WHERE entity = ? AND entity_id = ? ORDER BY changed_at, id')
      .all(entity, entityId) as { id: number; entity: HistoryEntity; entity_id: number; field: string; old_value: string | null; new_value: string | null; changed_at: number; sync_run_id: number | null }[];
    return rows.map((r) => ({ id: r.id, entity: r.entity, entityId: r.entity_id, field: r.field, oldValue: r.old_value, newValue: r.new_value, changedAt: r.changed_at, syncRunId: r.sync_run_id }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM record_history').get() as { n: number }).n;
  }
}

/** Field-by-field comparison of stored vs incoming values, as text (money as exact decimal strings). */
export function diffFields(before: Readonly<Record<string, string | null>>, after: Readonly<Record<string, string | null>>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    const oldValue = before[field] ?? null;
    const newValue = after[field] ?? null;
    if (oldValue !== newValue) changes.push({ field, oldValue, newValue });
  }
  return changes;
}
