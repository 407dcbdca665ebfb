/**
 * What each report reads: its table, the time that places a record in a period, its dimensions and
 * its figures, all as SQL expressions. The report rows, the totals and the drill-down are generated
 * from the same spec, so a row and the records behind it can never disagree about membership.
 * Every money expression is a non-null scale-4 integer, so SUM() is exact and never NULL.
 */

/** The report kinds (the api's REPORT_KINDS; kept apart because db imports only domain). */
export type ReportKind = 'commissions' | 'revenue' | 'settlements' | 'flows' | 'cards';
export type ReportEntity = 'order' | 'commission' | 'settlement' | 'flow' | 'card';

export interface DimSpec {
  readonly name: string;
  readonly expr: string;
  readonly type: 'text' | 'int';
}

export interface MoneySpec {
  readonly name: string;
  readonly expr: string;
}

export interface CountSpec {
  readonly name: string;
  /** The condition a record meets to be counted. */
  readonly cond: string;
}

export interface ReportSpec {
  readonly entity: ReportEntity;
  /** FROM clause; always joins `accounts a`. */
  readonly from: string;
  /** The record's id column (keyset paging of the drill-down). */
  readonly id: string;
  readonly accountId: string;
  /** Which records take part at all. */
  readonly where: string;
  /** Epoch ms that places a record in a period. */
  readonly time: string;
  readonly provider: string;
  readonly dims: readonly DimSpec[];
  /** Currency dimension (totals are per currency); null for reports without money. */
  readonly currency: string | null;
  readonly money: readonly MoneySpec[];
  readonly counts: readonly CountSpec[];
  /** Order number / tid shown for a drilled-down record. */
  readonly ref: string;
  readonly status: string;
}

const OWED = "('estimated','pending','confirmed')";
/** A revision's commission delta; old/new when the delta itself is missing. */
const DELTA = 'COALESCE(s.commission_delta, s.commission_new - s.commission_old, 0)';

export const REPORT_SPECS: Readonly<Record<ReportKind, ReportSpec>> = {
  commissions: {
    entity: 'commission',
    from: 'commissions c JOIN accounts a ON a.id = c.account_id',
    id: 'c.id',
    accountId: 'c.account_id',
    where: "c.status IN ('estimated','pending','confirmed','settled')",
    time: 'c.earned_at',
    provider: 'a.provider',
    dims: [
      { name: 'provider', expr: 'a.provider', type: 'text' },
      { name: 'beneficiary', expr: 'c.beneficiary', type: 'text' },
      { name: 'level', expr: 'c.level', type: 'int' },
      { name: 'currency', expr: 'c.currency', type: 'text' },
    ],
    currency: 'c.currency',
    money: [
      { name: 'owed', expr: `CASE WHEN c.status IN ${OWED} THEN c.amount ELSE 0 END` },
      { name: 'paid', expr: "CASE WHEN c.status = 'settled' THEN c.amount ELSE 0 END" },
    ],
    counts: [
      { name: 'owedCount', cond: `c.status IN ${OWED}` },
      { name: 'paidCount', cond: "c.status = 'settled'" },
    ],
    ref: 'c.order_no',
    status: 'c.status',
  },
  revenue: {
    entity: 'order',
    from: 'orders o JOIN accounts a ON a.id = o.account_id',
    id: 'o.id',
    accountId: 'o.account_id',
    where: "o.status NOT IN ('failed','cancelled')",
    time: 'o.created_at',
    provider: 'o.provider',
    dims: [
      { name: 'provider', expr: 'o.provider', type: 'text' },
      { name: 'currency', expr: 'o.currency', type: 'text' },
    ],
    currency: 'o.currency',
    money: [
      { name: 'revenue', expr: 'COALESCE(o.total, 0)' },
      { name: 'refunds', expr: 'COALESCE(o.refunded, 0)' },
      { name: 'net', expr: 'COALESCE(o.total, 0) - COALESCE(o.refunded, 0)' },
    ],
    counts: [
      { name: 'orders', cond: '1' },
      { name: 'refundedOrders', cond: 'COALESCE(o.refunded, 0) <> 0' },
    ],
    ref: 'o.order_no',
    status: 'o.status',
  },
  settlements: {
    entity: 'settlement',
    from: 'settlement_changes s JOIN accounts a ON a.id = s.account_id',
    id: 's.id',
    accountId: 's.account_id',
    where: '1',
    time: 'COALESCE(s.modified_at, s.first_seen_at)',
    provider: 'a.provider',
    dims: [{ name: 'currency', expr: 's.currency', type: 'text' }],
    currency: 's.currency',
    money: [
      { name: 'up', expr: `CASE WHEN ${DELTA} > 0 THEN ${DELTA} ELSE 0 END` },
      { name: 'down', expr: `CASE WHEN ${DELTA} < 0 THEN ${DELTA} ELSE 0 END` },
      { name: 'net', expr: DELTA },
    ],
    counts: [
      { name: 'revisions', cond: '1' },
      { name: 'upCount', cond: `${DELTA} > 0` },
      { name: 'downCount', cond: `${DELTA} < 0` },
    ],
    ref: 's.order_no',
    status: `CASE WHEN ${DELTA} > 0 THEN 'up' WHEN ${DELTA} < 0 THEN 'down' ELSE 'unchanged' END`,
  },
  flows: {
    entity: 'flow',
    from: 'money_flows f JOIN accounts a ON a.id = f.account_id',
    id: 'f.id',
    accountId: 'f.account_id',
    where: '1',
    time: 'COALESCE(f.created_at, f.first_seen_at)',
    provider: 'a.provider',
    dims: [{ name: 'currency', expr: 'f.currency', type: 'text' }],
    currency: 'f.currency',
    money: [
      { name: 'payments', expr: 'CASE WHEN f.flow_type = 1 THEN f.amount ELSE 0 END' },
      { name: 'refunds', expr: 'CASE WHEN f.flow_type = 2 THEN f.amount ELSE 0 END' },
      { name: 'other', expr: 'CASE WHEN f.flow_type NOT IN (1, 2) THEN f.amount ELSE 0 END' },
      { name: 'net', expr: 'f.amount' },
    ],
    counts: [
      { name: 'flows', cond: '1' },
      { name: 'paymentCount', cond: 'f.flow_type = 1' },
      { name: 'refundCount', cond: 'f.flow_type = 2' },
    ],
    ref: 'f.tid',
    status: 'CAST(f.flow_type AS TEXT)',
  },
  cards: {
    entity: 'card',
    from: 'card_codes k JOIN accounts a ON a.id = k.account_id LEFT JOIN orders o ON o.id = k.order_id',
    id: 'k.id',
    accountId: 'k.account_id',
    where: '1',
    time: 'COALESCE(o.created_at, k.first_seen_at)',
    provider: 'a.provider',
    dims: [{ name: 'provider', expr: 'a.provider', type: 'text' }],
    currency: null,
    money: [],
    counts: [{ name: 'cards', cond: '1' }],
    ref: 'k.order_no',
    status: 'o.status',
  },
};
