/**
 * The dashboard computed the slow, obvious way: GROUP BY over the base tables (orders, commissions,
 * settlement_changes) for each period's epoch-ms range, with business days from domain/time.ts. The
 * reference the rollup-based `dashboard:summary` must equal exactly, and the "before" figure of the
 * dashboard benchmark. Shares no code with the service or the rollups.
 */
import type {
  DashboardDailySeries,
  DashboardFigures,
  DashboardLevelFigures,
  DashboardPeriod,
  DashboardPeriodView,
  DashboardSummary,
} from '../../../src-main/api/channels/dashboard.js';
import type { Db } from '../../../src-main/db/connection.js';
import type { Currency } from '../../../src-main/domain/money.js';
import { PROVIDER_SLUGS, type ProviderSlug } from '../../../src-main/domain/models.js';
import { addBusinessDays, businessDay, businessDayStart } from '../../../src-main/domain/time.js';

export interface DirectScope {
  readonly provider?: ProviderSlug | undefined;
  readonly accountId?: number | undefined;
}

type Row = Record<string, bigint | string | null>;

const SCOPE = '(@provider IS NULL OR a.provider = @provider) AND (@account IS NULL OR a.id = @account)';
const VOID = "o.status IN ('failed','cancelled')";

const ORDERS = `SELECT a.provider AS provider, o.currency AS currency, count(*) AS orders,
  SUM(${VOID}) AS void, SUM(NOT ${VOID} AND COALESCE(o.refunded, 0) <> 0) AS refunded_orders,
  SUM(CASE WHEN ${VOID} THEN 0 ELSE COALESCE(o.total, 0) END) AS revenue,
  SUM(CASE WHEN ${VOID} THEN 0 ELSE COALESCE(o.refunded, 0) END) AS refunds
  FROM orders o JOIN accounts a ON a.id = o.account_id
  WHERE o.created_at >= @start AND o.created_at < @end AND ${SCOPE} GROUP BY 1, 2`;
const COMMISSIONS = `SELECT a.provider AS provider, c.currency AS currency, c.level AS level, count(*) AS count,
  SUM(CASE WHEN c.status = 'settled' THEN 0 ELSE c.amount END) AS owed,
  SUM(CASE WHEN c.status = 'settled' THEN c.amount ELSE 0 END) AS paid
  FROM commissions c JOIN accounts a ON a.id = c.account_id
  WHERE c.status IN ('estimated','pending','confirmed','settled') AND c.earned_at >= @start AND c.earned_at < @end AND ${SCOPE}
  GROUP BY 1, 2, 3`;
const DELTA = 'COALESCE(s.commission_delta, s.commission_new - s.commission_old, 0)';
const SETTLEMENTS = `SELECT a.provider AS provider, s.currency AS currency, count(*) AS revisions,
  SUM(CASE WHEN ${DELTA} > 0 THEN ${DELTA} ELSE 0 END) AS up, SUM(CASE WHEN ${DELTA} < 0 THEN ${DELTA} ELSE 0 END) AS down
  FROM settlement_changes s JOIN accounts a ON a.id = s.account_id
  WHERE COALESCE(s.modified_at, s.first_seen_at) >= @start AND COALESCE(s.modified_at, s.first_seen_at) < @end AND ${SCOPE}
  GROUP BY 1, 2`;
const DAILY = `SELECT o.created_at AS at, o.currency AS currency, ${VOID} AS void, COALESCE(o.total, 0) AS total, COALESCE(o.refunded, 0) AS refunded
  FROM orders o JOIN accounts a ON a.id = o.account_id
  WHERE o.created_at >= @start AND o.created_at < @end AND ${SCOPE}`;

const b = (v: bigint | string | null | undefined): bigint => (typeof v === 'bigint' ? v : BigInt(v ?? 0));
const n = (v: bigint | string | null | undefined): number => Number(v ?? 0);

/** Exact decimal of a scale-4 BigInt, written independently of the app's helpers. */
export function decimal(scaled: bigint): string {
  const sign = scaled < 0n ? '-' : '';
  const abs = (scaled < 0n ? -scaled : scaled).toString().padStart(5, '0');
  return `${sign}${abs.slice(0, -4)}.${abs.slice(-4)}`;
}

interface Acc {
  orders: number;
  void: number;
  refundedOrders: number;
  revenue: bigint;
  refunds: bigint;
  commissionCount: number;
  owed: bigint;
  paid: bigint;
  revisions: number;
  up: bigint;
  down: bigint;
}
const zero = (): Acc => ({ orders: 0, void: 0, refundedOrders: 0, revenue: 0n, refunds: 0n, commissionCount: 0, owed: 0n, paid: 0n, revisions: 0, up: 0n, down: 0n });

function figures(currency: Currency, a: Acc): DashboardFigures {
  const m = (v: bigint) => ({ amount: decimal(v), currency });
  return {
    currency,
    orders: a.orders,
    voidOrders: a.void,
    refundedOrders: a.refundedOrders,
    revenue: m(a.revenue),
    refunds: m(a.refunds),
    net: m(a.revenue - a.refunds),
    commissionCount: a.commissionCount,
    commissions: m(a.owed + a.paid),
    commissionsOwed: m(a.owed),
    commissionsPaid: m(a.paid),
    settlementRevisions: a.revisions,
    settlementUp: m(a.up),
    settlementDown: m(a.down),
    settlementNet: m(a.up + a.down),
  };
}

const CURRENCY_ORDER: readonly Currency[] = ['CNY', 'USD'];

function period(db: Db, name: DashboardPeriod, from: string, to: string, scope: DirectScope): DashboardPeriodView {
  const params = { start: businessDayStart(from), end: businessDayStart(addBusinessDays(to, 1)), provider: scope.provider ?? null, account: scope.accountId ?? null };
  const cells = new Map<string, Acc>();
  const cell = (provider: string, currency: string) => {
    const key = `${provider}|${currency}`;
    if (!cells.has(key)) cells.set(key, zero());
    return cells.get(key)!;
  };
  const levels = new Map<string, { count: number; owed: bigint; paid: bigint }>();
  for (const r of db.prepare(ORDERS).safeIntegers(true).all(params) as Row[]) {
    Object.assign(cell(String(r['provider']), String(r['currency'])), {
      orders: n(r['orders']), void: n(r['void']), refundedOrders: n(r['refunded_orders']), revenue: b(r['revenue']), refunds: b(r['refunds']),
    });
  }
  for (const r of db.prepare(COMMISSIONS).safeIntegers(true).all(params) as Row[]) {
    const c = cell(String(r['provider']), String(r['currency']));
    c.commissionCount += n(r['count']);
    c.owed += b(r['owed']);
    c.paid += b(r['paid']);
    const key = `${n(r['level'])}|${String(r['currency'])}`;
    const l = levels.get(key) ?? { count: 0, owed: 0n, paid: 0n };
    levels.set(key, { count: l.count + n(r['count']), owed: l.owed + b(r['owed']), paid: l.paid + b(r['paid']) });
  }
  for (const r of db.prepare(SETTLEMENTS).safeIntegers(true).all(params) as Row[]) {
    Object.assign(cell(String(r['provider']), String(r['currency'])), { revisions: n(r['revisions']), up: b(r['up']), down: b(r['down']) });
  }
  const total = CURRENCY_ORDER.flatMap((currency) => {
    const mine = [...cells.entries()].filter(([k]) => k.endsWith(`|${currency}`)).map(([, a]) => a);
    if (!mine.length) return [];
    const sum = mine.reduce<Acc>(
      (s, a) => ({
        orders: s.orders + a.orders, void: s.void + a.void, refundedOrders: s.refundedOrders + a.refundedOrders, revenue: s.revenue + a.revenue,
        refunds: s.refunds + a.refunds, commissionCount: s.commissionCount + a.commissionCount, owed: s.owed + a.owed, paid: s.paid + a.paid,
        revisions: s.revisions + a.revisions, up: s.up + a.up, down: s.down + a.down,
      }),
      zero(),
    );
    return [figures(currency, sum)];
  });
  const providers = PROVIDER_SLUGS.flatMap((provider) => {
    const list = CURRENCY_ORDER.flatMap((currency) => {
      const a = cells.get(`${provider}|${currency}`);
      return a ? [figures(currency, a)] : [];
    });
    return list.length ? [{ provider, figures: list }] : [];
  });
  const commissionsByLevel: DashboardLevelFigures[] = [0, 1, 2, 3].flatMap((level) =>
    CURRENCY_ORDER.flatMap((currency) => {
      const l = levels.get(`${level}|${currency}`);
      if (!l) return [];
      const m = (v: bigint) => ({ amount: decimal(v), currency });
      return [{ level, currency, count: l.count, owed: m(l.owed), paid: m(l.paid), total: m(l.owed + l.paid) }];
    }),
  );
  return { period: name, from, to, total, providers, commissionsByLevel };
}

function daily(db: Db, from: string, to: string, scope: DirectScope): DashboardDailySeries[] {
  const params = { start: businessDayStart(from), end: businessDayStart(addBusinessDays(to, 1)), provider: scope.provider ?? null, account: scope.accountId ?? null };
  const byCurrency = new Map<string, Map<string, { orders: number; revenue: bigint; refunds: bigint }>>();
  for (const r of db.prepare(DAILY).safeIntegers(true).all(params) as Row[]) {
    const currency = String(r['currency']);
    const day = businessDay(n(r['at']));
    const days = byCurrency.get(currency) ?? new Map();
    byCurrency.set(currency, days);
    const p = days.get(day) ?? { orders: 0, revenue: 0n, refunds: 0n };
    const voided = n(r['void']) === 1;
    days.set(day, { orders: p.orders + 1, revenue: p.revenue + (voided ? 0n : b(r['total'])), refunds: p.refunds + (voided ? 0n : b(r['refunded'])) });
  }
  const allDays: string[] = [];
  for (let d = from; d <= to; d = addBusinessDays(d, 1)) allDays.push(d);
  return CURRENCY_ORDER.flatMap((currency) => {
    const days = byCurrency.get(currency);
    if (!days) return [];
    const m = (v: bigint) => ({ amount: decimal(v), currency });
    return [{ currency, points: allDays.map((day) => ({ day, orders: days.get(day)?.orders ?? 0, revenue: m(days.get(day)?.revenue ?? 0n), refunds: m(days.get(day)?.refunds ?? 0n) })) }];
  });
}

/** What `dashboard:summary` must return at instant `now`, computed from the base tables. */
export function directSummary(db: Db, now: number, scope: DirectScope = {}): DashboardSummary {
  const today = businessDay(now);
  const ranges: Record<DashboardPeriod, [string, string]> = {
    today: [today, today],
    last7: [addBusinessDays(today, -6), today],
    last30: [addBusinessDays(today, -29), today],
    month: [`${today.slice(0, 7)}-01`, today],
  };
  return {
    today,
    timeZone: 'Asia/Shanghai',
    provider: scope.provider ?? null,
    accountId: scope.accountId ?? null,
    periods: {
      today: period(db, 'today', ...ranges.today, scope),
      last7: period(db, 'last7', ...ranges.last7, scope),
      last30: period(db, 'last30', ...ranges.last30, scope),
      month: period(db, 'month', ...ranges.month, scope),
    },
    daily: { from: ranges.last30[0], to: today, series: daily(db, ranges.last30[0], today, scope) },
  };
}

/** The rollup tables rebuilt by GROUP BY over the base tables (rows with data only), for exact comparison. */
export const ROLLUP_REFERENCE: Readonly<Record<string, { rollup: string; direct: string }>> = {
  orders: {
    rollup: 'SELECT day, account_id, currency, voided, orders, total, refunded, refunded_orders FROM rollup_orders_daily WHERE orders <> 0 OR total <> 0 OR refunded <> 0 OR refunded_orders <> 0 ORDER BY 1, 2, 3, 4',
    direct: `SELECT (created_at + 28800000) / 86400000 AS day, account_id, currency, status IN ('failed','cancelled') AS voided, count(*) AS orders,
      SUM(COALESCE(total, 0)) AS total, SUM(COALESCE(refunded, 0)) AS refunded, SUM(COALESCE(refunded, 0) <> 0) AS refunded_orders
      FROM orders WHERE created_at IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  },
  commissions: {
    rollup: 'SELECT day, account_id, currency, level, paid, commissions, amount FROM rollup_commissions_daily WHERE commissions <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4, 5',
    direct: `SELECT (earned_at + 28800000) / 86400000 AS day, account_id, currency, level, status = 'settled' AS paid, count(*) AS commissions, SUM(amount) AS amount
      FROM commissions WHERE earned_at IS NOT NULL AND status IN ('estimated','pending','confirmed','settled') GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  },
  settlements: {
    rollup: 'SELECT day, account_id, currency, revisions, up_count, up_amount, down_count, down_amount FROM rollup_settlements_daily WHERE revisions <> 0 OR up_count <> 0 OR up_amount <> 0 OR down_count <> 0 OR down_amount <> 0 ORDER BY 1, 2, 3',
    direct: `SELECT (COALESCE(s.modified_at, s.first_seen_at) + 28800000) / 86400000 AS day, account_id, currency, count(*) AS revisions,
      SUM(${DELTA} > 0) AS up_count, SUM(CASE WHEN ${DELTA} > 0 THEN ${DELTA} ELSE 0 END) AS up_amount,
      SUM(${DELTA} < 0) AS down_count, SUM(CASE WHEN ${DELTA} < 0 THEN ${DELTA} ELSE 0 END) AS down_amount
      FROM settlement_changes s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  },
};

/** Rows of a rollup and of its reference, as BigInt-exact JSON for `toEqual`. */
export function rollupAndReference(db: Db, name: keyof typeof ROLLUP_REFERENCE): { rollup: string[]; direct: string[] } {
  const q = ROLLUP_REFERENCE[name]!;
  const rows = (sql: string) => (db.prepare(sql).safeIntegers(true).all() as Row[]).map((r) => JSON.stringify(Object.values(r).map(String)));
  return { rollup: rows(q.rollup), direct: rows(q.direct) };
}
