/**
 * Reads the dashboard's daily rollups (migration 0004, kept exact by triggers on every write): one row
 * per (business day, account, currency[, level]) with data in a day range, tagged with the provider. The range scan walks the
 * rollup's primary key, so the cost depends on days × accounts × currencies, not on the number of
 * orders. Sums come back as BigInt (`safeIntegers`), so they stay exact beyond 2^53.
 *
 * Days are Asia/Shanghai day numbers: (epoch ms + 8 h) / 86 400 000 (see `shanghaiDayNumber`).
 */
import type { ProviderSlug } from '../../domain/models.js';
import type { Db } from '../connection.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai business day of an instant as a day number (UTC+8, no daylight saving). */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Day number → "yyyy-MM-dd". */
export function dayNumberText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "yyyy-MM-dd" → day number. */
export function dayNumberOf(text: string): number {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export interface DashboardScope {
  /** Inclusive day-number range. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
}

/** Orders created on a day. Revenue and refunds leave out failed and cancelled orders (as report:revenue). */
export interface OrderDayRow {
  readonly day: number;
  readonly provider: ProviderSlug;
  readonly currency: string;
  /** Every order created that day, whatever its status. */
  readonly orders: number;
  /** Failed or cancelled: counted in `orders`, not in revenue or refunds. */
  readonly voidOrders: number;
  readonly refundedOrders: number;
  readonly revenue: bigint;
  readonly refunds: bigint;
}

/** Commissions earned on a day, per level: owed = estimated/pending/confirmed, paid = settled. */
export interface CommissionDayRow {
  readonly day: number;
  readonly provider: ProviderSlug;
  readonly currency: string;
  readonly level: number;
  /** Owed or paid commissions (invalid and unknown ones are in no figure). */
  readonly count: number;
  readonly owed: bigint;
  readonly paid: bigint;
}

/** Settlement revisions of a day: upward and downward commission deltas (down is negative). */
export interface SettlementDayRow {
  readonly day: number;
  readonly provider: ProviderSlug;
  readonly currency: string;
  readonly revisions: number;
  readonly upCount: number;
  readonly downCount: number;
  readonly up: bigint;
  readonly down: bigint;
}

// Grouped by account, in the rollups' primary-key order, so SQLite streams the range without sorting;
// `a.provider` is the account's (one per account). The service adds accounts of the same provider.
const SCOPE = `r.day BETWEEN @from AND @to AND (@account IS NULL OR r.account_id = @account) AND (@provider IS NULL OR a.provider = @provider)`;

const ORDERS_SQL = `
SELECT r.day, a.provider, r.currency,
  SUM(r.orders),
  SUM(CASE WHEN r.voided THEN r.orders ELSE 0 END),
  SUM(CASE WHEN r.voided THEN 0 ELSE r.refunded_orders END),
  SUM(CASE WHEN r.voided THEN 0 ELSE r.total END),
  SUM(CASE WHEN r.voided THEN 0 ELSE r.refunded END)
FROM rollup_orders_daily r JOIN accounts a ON a.id = r.account_id
WHERE ${SCOPE}
GROUP BY r.day, r.account_id, r.currency HAVING SUM(r.orders) > 0`;

const COMMISSIONS_SQL = `
SELECT r.day, a.provider, r.currency, r.level,
  SUM(r.commissions),
  SUM(CASE WHEN r.paid THEN 0 ELSE r.amount END),
  SUM(CASE WHEN r.paid THEN r.amount ELSE 0 END)
FROM rollup_commissions_daily r JOIN accounts a ON a.id = r.account_id
WHERE ${SCOPE}
GROUP BY r.day, r.account_id, r.currency, r.level HAVING SUM(r.commissions) > 0`;

const SETTLEMENTS_SQL = `
SELECT r.day, a.provider, r.currency,
  SUM(r.revisions), SUM(r.up_count), SUM(r.down_count), SUM(r.up_amount), SUM(r.down_amount)
FROM rollup_settlements_daily r JOIN accounts a ON a.id = r.account_id
WHERE ${SCOPE}
GROUP BY r.day, r.account_id, r.currency HAVING SUM(r.revisions) > 0`;

/** The three range reads (exported for query-plan tests). */
export const DASHBOARD_QUERIES = { orders: ORDERS_SQL, commissions: COMMISSIONS_SQL, settlements: SETTLEMENTS_SQL } as const;

/** Rows as arrays (`raw`), integers as BigInt (`safeIntegers`): cheaper than objects, exact sums. */
type SqlRow = readonly (bigint | string)[];

const num = (v: bigint | string | undefined): number => Number(v);
const big = (v: bigint | string | undefined): bigint => (typeof v === 'bigint' ? v : BigInt(v ?? 0));
const text = (v: bigint | string | undefined): string => String(v);

export class DashboardRepository {
  private readonly ordersStmt;
  private readonly commissionsStmt;
  private readonly settlementsStmt;

  constructor(db: Db) {
    this.ordersStmt = db.prepare(ORDERS_SQL).safeIntegers(true).raw(true);
    this.commissionsStmt = db.prepare(COMMISSIONS_SQL).safeIntegers(true).raw(true);
    this.settlementsStmt = db.prepare(SETTLEMENTS_SQL).safeIntegers(true).raw(true);
  }

  orderDays(scope: DashboardScope): OrderDayRow[] {
    return this.rows(this.ordersStmt, scope).map((r) => ({
      day: num(r[0]),
      provider: text(r[1]) as ProviderSlug,
      currency: text(r[2]),
      orders: num(r[3]),
      voidOrders: num(r[4]),
      refundedOrders: num(r[5]),
      revenue: big(r[6]),
      refunds: big(r[7]),
    }));
  }

  commissionDays(scope: DashboardScope): CommissionDayRow[] {
    return this.rows(this.commissionsStmt, scope).map((r) => ({
      day: num(r[0]),
      provider: text(r[1]) as ProviderSlug,
      currency: text(r[2]),
      level: num(r[3]),
      count: num(r[4]),
      owed: big(r[5]),
      paid: big(r[6]),
    }));
  }

  settlementDays(scope: DashboardScope): SettlementDayRow[] {
    return this.rows(this.settlementsStmt, scope).map((r) => ({
      day: num(r[0]),
      provider: text(r[1]) as ProviderSlug,
      currency: text(r[2]),
      revisions: num(r[3]),
      upCount: num(r[4]),
      downCount: num(r[5]),
      up: big(r[6]),
      down: big(r[7]),
    }));
  }

  private rows(stmt: ReturnType<Db['prepare']>, scope: DashboardScope): SqlRow[] {
    return stmt.all({ from: scope.fromDay, to: scope.toDay, account: scope.accountId, provider: scope.provider }) as SqlRow[];
  }
}
