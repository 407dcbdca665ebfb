/**
 * The read side of Duomai settlement revisions (append-only facts): a keyset list, newest revision
 * first, and the timeline of one order, oldest first.
 */
import type { Db } from '../connection.js';
import { collectSegments, keysetSegments, orderByOf, type KeysetPosition, type KeysetSort } from './keyset.js';
import { StatementCache } from './statement-cache.js';

export interface SettlementFilter {
  readonly accountId?: number | undefined;
  readonly orderNo?: string | undefined;
  /** Modified at or after (epoch ms). */
  readonly modifiedFrom?: number | undefined;
  /** Modified before (epoch ms, exclusive). */
  readonly modifiedTo?: number | undefined;
  readonly adsId?: string | undefined;
  readonly euid?: string | undefined;
}

/** One revision; every amount is scale-4 in `currency`. */
export interface SettlementRow {
  readonly id: number;
  readonly accountId: number;
  readonly changeKey: string;
  readonly orderNo: string;
  readonly orderTime: number | null;
  readonly modifiedAt: number | null;
  readonly currency: string;
  readonly priceOld: number | null;
  readonly priceDelta: number | null;
  readonly priceNew: number | null;
  readonly commissionOld: number | null;
  readonly commissionDelta: number | null;
  readonly commissionNew: number | null;
  readonly adsId: string | null;
  readonly adsName: string | null;
  readonly euid: string | null;
  readonly firstSeenAt: number;
}

/** Order numbers are unique per account: (account_id, order_no…) is searched once per account. */
const IN_ANY_ACCOUNT = 's.account_id IN (SELECT id FROM accounts)';

export const SETTLEMENT_SORT: KeysetSort = { column: 's.modified_at', idColumn: 's.id', direction: 'desc' };
const TIMELINE_SORT: KeysetSort = { column: 's.modified_at', idColumn: 's.id', direction: 'asc' };
/** An order has a handful of revisions; the cap only guards against a runaway upstream. */
export const TIMELINE_MAX = 1000;

const COLUMNS = `s.id AS id, s.account_id AS accountId, s.change_key AS changeKey, s.order_no AS orderNo, s.order_time AS orderTime,
  s.modified_at AS modifiedAt, s.currency AS currency, s.price_old AS priceOld, s.price_delta AS priceDelta, s.price_new AS priceNew,
  s.commission_old AS commissionOld, s.commission_delta AS commissionDelta, s.commission_new AS commissionNew,
  s.ads_id AS adsId, s.ads_name AS adsName, s.euid AS euid, s.first_seen_at AS firstSeenAt`;

export class SettlementsQueryRepository {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  list(filter: SettlementFilter, after: KeysetPosition | null, limit: number): SettlementRow[] {
    // Settlements come from Duomai accounts only (one or two): an account filter is checked row by row.
    const index = filter.orderNo !== undefined ? 'settlement_changes_by_order' : 'settlement_changes_by_modified';
    const conditions: { sql: string; params: (string | number | null)[] }[] = [];
    if (filter.accountId !== undefined) conditions.push({ sql: 's.account_id = ?', params: [filter.accountId] });
    if (filter.orderNo !== undefined) conditions.push({ sql: `${IN_ANY_ACCOUNT} AND s.order_no = ?`, params: [filter.orderNo] });
    if (filter.modifiedFrom !== undefined) conditions.push({ sql: 's.modified_at >= ?', params: [filter.modifiedFrom] });
    if (filter.modifiedTo !== undefined) conditions.push({ sql: 's.modified_at < ?', params: [filter.modifiedTo] });
    if (filter.adsId !== undefined) conditions.push({ sql: 's.ads_id = ?', params: [filter.adsId] });
    if (filter.euid !== undefined) conditions.push({ sql: 's.euid = ?', params: [filter.euid] });
    return collectSegments(keysetSegments(SETTLEMENT_SORT, after), limit, (segment, need) => {
      const all = [...conditions, { sql: segment.where, params: [...segment.params] }];
      const sql = `SELECT ${COLUMNS} FROM settlement_changes AS s INDEXED BY ${index}
        WHERE ${all.map((c) => c.sql).join(' AND ')} ORDER BY ${orderByOf(SETTLEMENT_SORT)} LIMIT ?`;
      return this.statements.get(sql).all(...all.flatMap((c) => c.params), need) as SettlementRow[];
    });
  }

  /** Every revision of one order number (of one account, or of all accounts that have it), oldest first. */
  timeline(orderNo: string, accountId?: number): SettlementRow[] {
    return this.statements
      .get(
        `SELECT ${COLUMNS} FROM settlement_changes AS s INDEXED BY settlement_changes_by_order
         WHERE ${IN_ANY_ACCOUNT} AND s.order_no = ? AND (? IS NULL OR s.account_id = ?) ORDER BY ${orderByOf(TIMELINE_SORT)} LIMIT ${TIMELINE_MAX}`,
      )
      .all(orderNo, accountId ?? null, accountId ?? null) as SettlementRow[];
  }
}
