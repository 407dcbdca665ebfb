/** The audit log: who did what sensitive thing when (secret changes, card reveals, exports, restores). */
import type { Db } from '../connection.js';

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly details: Record<string, unknown>;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  record(entry: Omit<AuditEntry, 'id'>): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, target_type, target_id, details_json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.details));
  }

  recent(limit = 100, action?: string): AuditEntry[] {
    const rows = (
      action
        ? this.db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY at DESC, id DESC LIMIT ?').all(action, limit)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT ?').all(limit)
    ) as { id: number; at: number; actor: string; action: string; target_type: string | null; target_id: string | null; details_json: string }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: JSON.parse(r.details_json) as Record<string, unknown>,
    }));
  }
}
