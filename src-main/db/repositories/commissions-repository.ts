/** Commission rows per (account, order, beneficiary, level); status and amount changes keep history. */
import { formatScaled } from '../../domain/money.js';
import type { CommissionRecord } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { diffFields, type HistoryRepository } from './history-repository.js';
import type { WriteOutcome } from './write-outcome.js';

interface StoredCommission {
  id: number;
  content_hash: string;
  status: string;
  amount: number;
  currency: string;
}

function tracked(status: string, amount: number, currency: string): Record<string, string | null> {
  return { status, amount: `${formatScaled(amount, 4)} ${currency}` };
}

export class CommissionsRepository {
  private readonly selectState;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(
    db: Db,
    private readonly history: HistoryRepository,
  ) {
    this.selectState = db.prepare('SELECT id, content_hash, status, amount, currency FROM commissions WHERE account_id = ? AND order_no = ? AND beneficiary = ? AND level = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO commissions (account_id, order_id, order_no, beneficiary, level, currency, amount, status, status_raw, earned_at, content_hash, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE commissions SET order_id = ?, currency = ?, amount = ?, status = ?, status_raw = ?, earned_at = ?, content_hash = ?, last_seen_at = ? WHERE id = ?`,
    );
  }

  upsert(accountId: number, orderId: number | null, c: CommissionRecord, hash: string, now: number, runId: number | null): WriteOutcome {
    const stored = this.selectState.get(accountId, c.orderNo, c.beneficiary, c.level) as StoredCommission | undefined;
    if (stored && stored.content_hash === hash) return 'unchanged';
    if (!stored) {
      this.insertStmt.run(accountId, orderId, c.orderNo, c.beneficiary, c.level, c.amount.currency, c.amount.scaled, c.status, c.statusRaw, c.earnedAt, hash, now, now);
      return 'inserted';
    }
    this.updateStmt.run(orderId, c.amount.currency, c.amount.scaled, c.status, c.statusRaw, c.earnedAt, hash, now, stored.id);
    const changes = diffFields(tracked(stored.status, stored.amount, stored.currency), tracked(c.status, c.amount.scaled, c.amount.currency));
    this.history.record(accountId, 'commission', stored.id, changes, now, runId);
    return 'updated';
  }
}
