/**
 * The reconciliation checks as SQL over the synced records. Each query returns only the candidates
 * (amounts as exact BigInt scale-4 integers, linked record ids as arrays); deciding and wording the
 * finding is the service's job. Sums are read with `safeIntegers`, so no amount is ever rounded.
 */
import type { Db } from '../connection.js';

/** A tid whose money flows disagree with its trade(s). */
export interface KuaimaiFlowCandidate {
  readonly accountId: number;
  readonly tid: string;
  readonly currency: string;
  /** What the payment flows (flowType 1) debited, as a positive amount. */
  readonly debited: bigint;
  /** What the refund flows (flowType 2) credited back. */
  readonly refunded: bigint;
  /** Sum of the trades' totals; null when no trade or a trade without an amount. */
  readonly tradeTotal: bigint | null;
  readonly trades: number;
  readonly tradesWithTotal: number;
  readonly flowIds: number[];
  readonly orderIds: number[];
  readonly orderNos: string[];
}

export interface KasushouRefundCandidate {
  readonly accountId: number;
  readonly orderId: number;
  readonly orderNo: string;
  readonly currency: string;
  readonly total: bigint | null;
  readonly refunded: bigint | null;
}

export interface DuomaiCutCandidate {
  readonly accountId: number;
  readonly orderNo: string;
  readonly currency: string;
  /** Sum of the downward commission deltas (negative). */
  readonly cut: bigint;
  readonly settlementIds: number[];
  readonly orderIds: number[];
  readonly commissionIds: number[];
}

export interface UplineCandidate {
  readonly accountId: number;
  readonly orderId: number;
  readonly orderNo: string;
  readonly currency: string;
  readonly total: bigint;
  /** Sum of the level 1–3 commissions that are not invalid. */
  readonly upline: bigint;
  readonly commissionIds: number[];
}

type SqlRow = Record<string, unknown>;

function ids(value: unknown): number[] {
  if (value === null || value === undefined || value === '') return [];
  return String(value)
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
}

/** group_concat with the unit separator, because order numbers may contain commas. */
function texts(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  return [...new Set(String(value).split('\u001f'))].sort();
}

function big(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? value : BigInt(value as number);
}

const KUAIMAI_SQL = `
WITH f AS (
  SELECT mf.account_id, mf.tid, mf.currency,
         SUM(CASE WHEN mf.flow_type = 1 THEN -mf.amount ELSE 0 END) AS debited,
         SUM(CASE WHEN mf.flow_type = 2 THEN mf.amount ELSE 0 END) AS refunded,
         group_concat(mf.id) AS flow_ids
  FROM money_flows mf JOIN accounts a ON a.id = mf.account_id
  WHERE a.provider = 'kuaimai'
  GROUP BY mf.account_id, mf.tid, mf.currency
), t AS (
  SELECT o.account_id, o.external_order_no AS tid, o.currency, SUM(o.total) AS total, count(o.total) AS with_total, count(*) AS n,
         group_concat(o.id) AS order_ids, group_concat(o.order_no, char(31)) AS order_nos
  FROM orders o
  WHERE o.provider = 'kuaimai' AND o.external_order_no IN (SELECT tid FROM f)
  GROUP BY o.account_id, o.external_order_no, o.currency
)
SELECT f.account_id, f.tid, f.currency, f.debited, f.refunded, f.flow_ids,
       t.total, COALESCE(t.n, 0) AS n, COALESCE(t.with_total, 0) AS with_total, t.order_ids, t.order_nos
FROM f LEFT JOIN t ON t.account_id = f.account_id AND t.tid = f.tid AND t.currency = f.currency
WHERE t.tid IS NULL OR t.with_total < t.n OR f.debited <> t.total OR f.refunded > f.debited
ORDER BY f.account_id, f.tid`;

const KASUSHOU_SQL = `
SELECT o.id, o.account_id, o.order_no, o.currency, o.total, o.refunded
FROM orders o
WHERE o.status = 'refunded' AND o.provider = 'kasushou' AND COALESCE(o.refunded, 0) = 0
ORDER BY o.account_id, o.id`;

const DUOMAI_SQL = `
WITH d AS (
  SELECT s.id, s.account_id, s.order_no, s.currency, COALESCE(s.commission_delta, s.commission_new - s.commission_old) AS delta
  FROM settlement_changes s JOIN accounts a ON a.id = s.account_id
  WHERE a.provider = 'duomai'
)
SELECT d.account_id, d.order_no, d.currency, SUM(d.delta) AS cut, group_concat(d.id) AS settlement_ids,
       (SELECT group_concat(o.id) FROM orders o WHERE o.account_id = d.account_id AND o.order_no = d.order_no) AS order_ids,
       (SELECT group_concat(c.id) FROM commissions c WHERE c.account_id = d.account_id AND c.order_no = d.order_no) AS commission_ids
FROM d WHERE d.delta < 0
GROUP BY d.account_id, d.order_no, d.currency
ORDER BY d.account_id, d.order_no`;

/**
 * Orders whose upline sum may exceed the cap. The filter is a necessary condition of
 * upline > round(total × bps / 10000), so the exact test (money.ts percentOf) sees every real case.
 */
const UPLINE_SQL = `
WITH u AS (
  SELECT c.account_id, c.order_no, c.currency, SUM(c.amount) AS upline, group_concat(c.id) AS commission_ids
  FROM commissions c
  WHERE c.level BETWEEN 1 AND 3 AND c.status <> 'invalid'
  GROUP BY c.account_id, c.order_no, c.currency
)
SELECT u.account_id, u.order_no, u.currency, u.upline, u.commission_ids, o.id AS order_id, o.total
FROM u JOIN orders o ON o.account_id = u.account_id AND o.order_no = u.order_no
WHERE o.total IS NOT NULL AND o.currency = u.currency AND u.upline * 10000 > o.total * @bps - 10000
ORDER BY u.account_id, o.id`;

export class ReconciliationChecksRepository {
  constructor(private readonly db: Db) {}

  kuaimaiFlowMismatches(): KuaimaiFlowCandidate[] {
    return this.all(KUAIMAI_SQL).map((r) => ({
      accountId: Number(r['account_id']),
      tid: String(r['tid']),
      currency: String(r['currency']),
      debited: big(r['debited']) ?? 0n,
      refunded: big(r['refunded']) ?? 0n,
      tradeTotal: Number(r['with_total']) === Number(r['n']) ? big(r['total']) : null,
      trades: Number(r['n']),
      tradesWithTotal: Number(r['with_total']),
      flowIds: ids(r['flow_ids']),
      orderIds: ids(r['order_ids']),
      orderNos: texts(r['order_nos']),
    }));
  }

  kasushouMissingRefunds(): KasushouRefundCandidate[] {
    return this.all(KASUSHOU_SQL).map((r) => ({
      accountId: Number(r['account_id']),
      orderId: Number(r['id']),
      orderNo: String(r['order_no']),
      currency: String(r['currency']),
      total: big(r['total']),
      refunded: big(r['refunded']),
    }));
  }

  duomaiCommissionCuts(): DuomaiCutCandidate[] {
    return this.all(DUOMAI_SQL).map((r) => ({
      accountId: Number(r['account_id']),
      orderNo: String(r['order_no']),
      currency: String(r['currency']),
      cut: big(r['cut']) ?? 0n,
      settlementIds: ids(r['settlement_ids']),
      orderIds: ids(r['order_ids']),
      commissionIds: ids(r['commission_ids']),
    }));
  }

  uplineCandidates(capBps: number): UplineCandidate[] {
    return this.all(UPLINE_SQL, { bps: capBps }).map((r) => ({
      accountId: Number(r['account_id']),
      orderId: Number(r['order_id']),
      orderNo: String(r['order_no']),
      currency: String(r['currency']),
      total: big(r['total']) ?? 0n,
      upline: big(r['upline']) ?? 0n,
      commissionIds: ids(r['commission_ids']),
    }));
  }

  private all(sql: string, params: Record<string, unknown> = {}): SqlRow[] {
    return this.db.prepare(sql).safeIntegers(true).all(params) as SqlRow[];
  }
}
