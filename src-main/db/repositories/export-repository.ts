/**
 * What exports need beyond the list queries: a cheap upper bound of the rows a filtered list can
 * have (for the progress bar) and the encrypted passwords of one page of cards (decrypted by the
 * caller with the vault, only when an audited export asked for them).
 */
import type { ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { placeholders, StatementCache } from './statement-cache.js';

/** Ids per counting statement: a few milliseconds each. */
const COUNT_SLICE = 25_000;

export type ExportTableName = 'orders' | 'card_codes' | 'commissions' | 'settlement_changes' | 'money_flows';

export interface EstimateScope {
  readonly accountId?: number | undefined;
  readonly provider?: ProviderSlug | undefined;
}

export class ExportRepository {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db, 32);
  }

  /**
   * Rows of `table` in the account/provider scope — an upper bound of any filtered list over it —
   * counted one slice of ids at a time (the caller yields between slices: a count over a million
   * rows would hold the event loop for a noticeable moment). The slices' counts add up to the total.
   */
  *countScope(table: ExportTableName, scope: EstimateScope, slice = COUNT_SLICE): Generator<number> {
    const where: string[] = ['id >= ?', 'id < ?'];
    const params: (string | number)[] = [];
    if (scope.accountId !== undefined) {
      where.push('account_id = ?');
      params.push(scope.accountId);
    }
    if (scope.provider !== undefined) {
      where.push('account_id IN (SELECT id FROM accounts WHERE provider = ?)');
      params.push(scope.provider);
    }
    const bounds = this.statements.get(`SELECT min(id) AS low, max(id) AS high FROM ${table}`).get() as { low: number | null; high: number | null };
    if (bounds.low === null || bounds.high === null) return;
    const count = this.statements.get(`SELECT count(*) FROM ${table} WHERE ${where.join(' AND ')}`).pluck();
    for (let from = bounds.low; from <= bounds.high; from += slice) yield count.get(from, from + slice, ...params) as number;
  }

  /** Encrypted password of each card id that exists. */
  passwordBlobs(ids: readonly number[]): Map<number, Buffer> {
    const found = new Map<number, Buffer>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.statements.get(`SELECT id, password_enc AS blob FROM card_codes WHERE id IN (${placeholders(chunk)})`).all(...chunk) as { id: number; blob: Buffer }[];
      for (const row of rows) found.set(row.id, row.blob);
    }
    return found;
  }
}
