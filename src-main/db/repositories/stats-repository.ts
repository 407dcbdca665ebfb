/** Whole-database counts for `status` and the app header. */
import type { Db } from '../connection.js';

export interface LedgerCounts {
  readonly accounts: number;
  readonly orders: number;
  readonly cards: number;
  readonly commissions: number;
  readonly settlements: number;
  readonly flows: number;
  readonly lastSyncAt: number | null;
}

export class StatsRepository {
  constructor(private readonly db: Db) {}

  counts(): LedgerCounts {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM accounts) AS accounts,
                (SELECT count(*) FROM orders) AS orders,
                (SELECT count(*) FROM card_codes) AS cards,
                (SELECT count(*) FROM commissions) AS commissions,
                (SELECT count(*) FROM settlement_changes) AS settlements,
                (SELECT count(*) FROM money_flows) AS flows,
                (SELECT max(finished_at) FROM sync_runs WHERE status = 'succeeded') AS lastSyncAt`,
      )
      .get() as LedgerCounts;
  }
}
