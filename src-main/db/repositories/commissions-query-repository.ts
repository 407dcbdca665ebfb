/**
 * The read side of commissions: a keyset list (newest earned first) and a summary per beneficiary ×
 * level × currency. Sums are computed by SQLite over scale-4 integers and read back as BigInt, so they
 * are exact at any size; amounts in different currencies are never added together.
 */
import type { CommissionStatus, ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';
import { collectSegments, keysetSegments, orderByOf, type KeysetPosition, type KeysetSort } from './keyset.js';
import { placeholders, StatementCache } from './statement-cache.js';

export interface CommissionFilter {
  readonly accountId?: number | undefined;
  readonly provider?: ProviderSlug | undefined;
  readonly beneficiary?: string | undefined;
  readonly level?: 0 | 1 | 2 | 3 | undefined;
  readonly statuses?: readonly CommissionStatus[] | undefined;
  /** Earned at or after (epoch ms). */
  readonly earnedFrom?: number | undefined;
  /** Earned before (epoch ms, exclusive). */
  readonly earnedTo?: number | undefined;
  readonly orderNo?: string | undefined;
}

export interface CommissionRow {
  readonly id: number;
  readonly accountId: number;
  readonly orderId: number | null;
  readonly orderNo: string;
  readonly beneficiary: string;
  readonly level: 0 | 1 | 2 | 3;
  readonly currency: string;
  readonly amount: number;
  readonly status: CommissionStatus;
  readonly statusRaw: string;
  readonly earnedAt: number | null;
}

export interface CommissionSummaryRow {
  readonly beneficiary: string;
  readonly level: 0 | 1 | 2 | 3;
  readonly currency: string;
  /** Exact sum of scale-4 amounts. */
  readonly amount: bigint;
  readonly count: number;
}

const BY_ORDER_NO = 'sqlite_autoindex_commissions_1';

export const COMMISSION_SORT: KeysetSort = { column: 'c.earned_at', idColumn: 'c.id', direction: 'desc' };

const COLUMNS = `c.id AS id, c.account_id AS accountId, c.order_id AS orderId, c.order_no AS orderNo, c.beneficiary AS beneficiary,
  c.level AS level, c.currency AS currency, c.amount AS amount, c.status AS status, c.status_raw AS statusRaw, c.earned_at AS earnedAt`;

interface Condition {
  readonly sql: string;
  readonly params: readonly (string | number | null)[];
}

function conditionsOf(filter: CommissionFilter): Condition[] {
  const out: Condition[] = [];
  if (filter.accountId !== undefined) out.push({ sql: 'c.account_id = ?', params: [filter.accountId] });
  if (filter.provider !== undefined) out.push({ sql: 'c.account_id IN (SELECT id FROM accounts WHERE provider = ?)', params: [filter.provider] });
  if (filter.beneficiary !== undefined) out.push({ sql: 'c.beneficiary = ?', params: [filter.beneficiary] });
  if (filter.level !== undefined) out.push({ sql: 'c.level = ?', params: [filter.level] });
  const statuses = [...new Set(filter.statuses ?? [])];
  if (statuses.length > 0) out.push({ sql: `c.status IN (${placeholders(statuses)})`, params: statuses });
  if (filter.earnedFrom !== undefined) out.push({ sql: 'c.earned_at >= ?', params: [filter.earnedFrom] });
  if (filter.earnedTo !== undefined) out.push({ sql: 'c.earned_at < ?', params: [filter.earnedTo] });
  // An order number is unique per account: the v1 key (account_id, order_no, …), one seek per account.
  if (filter.orderNo !== undefined) out.push({ sql: 'c.account_id IN (SELECT id FROM accounts) AND c.order_no = ?', params: [filter.orderNo] });
  return out;
}

function whereOf(conditions: readonly Condition[]): { sql: string; params: (string | number | null)[] } {
  return { sql: conditions.length === 0 ? '1' : conditions.map((c) => c.sql).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

export class CommissionsQueryRepository {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  list(filter: CommissionFilter, after: KeysetPosition | null, limit: number): CommissionRow[] {
    const index =
      filter.orderNo !== undefined ? BY_ORDER_NO : filter.beneficiary !== undefined ? 'commissions_by_beneficiary_earned' : 'commissions_by_earned';
    const conditions = conditionsOf(filter);
    return collectSegments(keysetSegments(COMMISSION_SORT, after), limit, (segment, need) => {
      const where = whereOf([...conditions, { sql: segment.where, params: segment.params }]);
      const sql = `SELECT ${COLUMNS} FROM commissions AS c INDEXED BY ${index} WHERE ${where.sql} ORDER BY ${orderByOf(COMMISSION_SORT)} LIMIT ?`;
      return this.statements.get(sql).all(...where.params, need) as CommissionRow[];
    });
  }

  /**
   * Totals per beneficiary × level × currency over every row the filter matches, read from the
   * covering index commissions_summary only. Without a period the index is read once in group order.
   * With a period, the groups are found by hopping from key to key (a loose index scan, one seek per
   * group) and each group's earned_at range is summed on its own — no sort of the matching rows.
   */
  summary(filter: CommissionFilter): CommissionSummaryRow[] {
    if (filter.orderNo !== undefined) return this.groupedSummary(filter, BY_ORDER_NO);
    if (filter.earnedFrom === undefined && filter.earnedTo === undefined) return this.groupedSummary(filter, 'commissions_summary');
    const rows: CommissionSummaryRow[] = [];
    const { earnedFrom, earnedTo, ...rest } = filter;
    const keyWhere = whereOf(conditionsOf({ beneficiary: filter.beneficiary, level: filter.level }));
    // The next group after a key, as three plain seeks: a row-value `(b, l, c) > (?, ?, ?)` would seek
    // on the beneficiary alone and walk every row of the current group.
    const hops = ['c.beneficiary = ? AND c.level = ? AND c.currency > ?', 'c.beneficiary = ? AND c.level > ?', 'c.beneficiary > ?', '1'].map((step) =>
      this.statements.get(
        `SELECT c.beneficiary AS beneficiary, c.level AS level, c.currency AS currency FROM commissions AS c INDEXED BY commissions_summary
         WHERE ${keyWhere.sql} AND ${step} ORDER BY c.beneficiary, c.level, c.currency LIMIT 1`,
      ),
    );
    type Key = { beneficiary: string; level: number; currency: string };
    const next = (k: Key): Key | undefined =>
      (hops[0]!.get(...keyWhere.params, k.beneficiary, k.level, k.currency) ??
        hops[1]!.get(...keyWhere.params, k.beneficiary, k.level) ??
        hops[2]!.get(...keyWhere.params, k.beneficiary)) as Key | undefined;
    const groupWhere = whereOf([
      { sql: 'c.beneficiary = ? AND c.level = ? AND c.currency = ?', params: [] },
      ...conditionsOf({ ...rest, beneficiary: undefined, level: undefined, earnedFrom, earnedTo }),
    ]);
    const total = this.statements.get(`SELECT sum(c.amount) AS amount, count(*) AS count FROM commissions AS c INDEXED BY commissions_summary WHERE ${groupWhere.sql}`);
    total.safeIntegers(true);
    // One seek per group: a handful of beneficiaries × 4 levels × 2 currencies.
    for (let key = hops[3]!.get(...keyWhere.params) as Key | undefined; key; key = next(key)) {
      const sum = total.get(key.beneficiary, key.level, key.currency, ...groupWhere.params) as { amount: bigint | null; count: bigint };
      if (sum.count > 0n) rows.push({ beneficiary: key.beneficiary, level: key.level as 0 | 1 | 2 | 3, currency: key.currency, amount: sum.amount ?? 0n, count: Number(sum.count) });
    }
    return rows;
  }

  private groupedSummary(filter: CommissionFilter, index: string): CommissionSummaryRow[] {
    const where = whereOf(conditionsOf(filter));
    const statement = this.statements.get(
      `SELECT c.beneficiary AS beneficiary, c.level AS level, c.currency AS currency, sum(c.amount) AS amount, count(*) AS count
       FROM commissions AS c INDEXED BY ${index} WHERE ${where.sql}
       GROUP BY c.beneficiary, c.level, c.currency ORDER BY c.beneficiary, c.level, c.currency`,
    );
    const rows = statement.safeIntegers(true).all(...where.params) as { beneficiary: string; level: bigint; currency: string; amount: bigint; count: bigint }[];
    return rows.map((r) => ({ beneficiary: r.beneficiary, level: Number(r.level) as 0 | 1 | 2 | 3, currency: r.currency, amount: r.amount, count: Number(r.count) }));
  }

  /** The commissions of one order (by its natural key, the v1 unique index). */
  forOrder(accountId: number, orderNo: string): CommissionRow[] {
    return this.statements
      .get(`SELECT ${COLUMNS} FROM commissions AS c INDEXED BY ${BY_ORDER_NO} WHERE c.account_id = ? AND c.order_no = ? ORDER BY c.level, c.beneficiary, c.id`)
      .all(accountId, orderNo) as CommissionRow[];
  }
}
