/**
 * `report:*` — period reports over the ledger, and the drill-down from any figure to the records behind
 * it. Also merges in `reconcile:*` (channels/reconcile.ts), so the contract takes both with one spread.
 *
 * Rules every report keeps:
 * - Periods are Asia/Shanghai business days; `from` and `to` are inclusive.
 * - Money is summed as scale-4 integers in SQL (exact) and returned as `{amount: "<exact decimal>",
 *   currency}`. Amounts in different currencies are never added: currency is part of every row's key
 *   and totals come one per currency.
 * - Every total equals the sum of its rows exactly, and every row has a `key` that `report:drilldown`
 *   turns back into the records (ids and order numbers) behind each of the row's figures.
 *
 * What the figures mean:
 * - `commissions` — per beneficiary, level, provider and currency, by the business day the commission
 *   was earned: `owed` = not yet paid out (status estimated, pending or confirmed), `paid` = settled.
 *   Invalid and unknown commissions are in neither and not counted. Rows without an earn time are left out.
 * - `revenue` — per provider and currency, by the business day the order was created: `revenue` = order
 *   totals of orders not failed or cancelled, `refunds` = the refunded amounts of those orders, `net` =
 *   revenue − refunds.
 * - `settlements` — Duomai settlement revisions by the day of the revision (or, without one, the day it
 *   was first synced): `up` = sum of upward commission deltas, `down` = sum of downward deltas (negative),
 *   `net` = up + down.
 * - `flows` — Kuaimai money flows by the day of the flow (or of first sync): signed as the provider
 *   sends them, so `payments` (flowType 1) are negative debits, `refunds` (2) positive, `other` any other
 *   type, and `net` = payments + refunds + other.
 * - `cards` — card codes delivered, by the business day their order was created (a card synced before
 *   its order: the day it was first synced), per provider.
 */
import { z } from 'zod';
import type { Currency } from '../../domain/money.js';
import type { ProviderSlug } from '../../domain/models.js';
import { BusinessDay, channel, Id, PageLimit, Provider } from '../channel.js';
import { reconcileChannels } from './reconcile.js';

export type * from './reconcile.js';

export const REPORT_KINDS = ['commissions', 'revenue', 'settlements', 'flows', 'cards'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** `day` → "2024-03-01", `month` → "2024-03", `period` → one row set for the whole range. */
export const REPORT_GROUPS = ['day', 'month', 'period'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** An exact amount: decimal text at scale 4 ("1234.5000", "-0.0100") with its currency. */
export interface ReportMoney {
  readonly amount: string;
  readonly currency: Currency;
}

/** The row dimensions, money figures and count figures of each report kind. */
export interface ReportShapes {
  commissions: {
    dims: { readonly provider: ProviderSlug; readonly beneficiary: string; readonly level: number; readonly currency: Currency };
    money: 'owed' | 'paid';
    counts: 'owedCount' | 'paidCount';
  };
  revenue: {
    dims: { readonly provider: ProviderSlug; readonly currency: Currency };
    money: 'revenue' | 'refunds' | 'net';
    counts: 'orders' | 'refundedOrders';
  };
  settlements: {
    dims: { readonly currency: Currency };
    money: 'up' | 'down' | 'net';
    counts: 'revisions' | 'upCount' | 'downCount';
  };
  flows: {
    dims: { readonly currency: Currency };
    money: 'payments' | 'refunds' | 'other' | 'net';
    counts: 'flows' | 'paymentCount' | 'refundCount';
  };
  cards: {
    dims: { readonly provider: ProviderSlug };
    money: never;
    counts: 'cards';
  };
}

export interface ReportRow<K extends ReportKind = ReportKind> {
  /** Opaque key for `report:drilldown` (kind, the row's date range, filters and dimensions). */
  readonly key: string;
  /** "2024-03-01", "2024-03" or "2024-03-01..2024-03-31". */
  readonly period: string;
  /** The business days this row covers (a month row is clipped to the report's range). */
  readonly from: string;
  readonly to: string;
  readonly dims: ReportShapes[K]['dims'];
  readonly money: { readonly [F in ReportShapes[K]['money']]: ReportMoney };
  readonly counts: { readonly [C in ReportShapes[K]['counts']]: number };
}

/** Sum of all rows in one currency (`currency` null for reports without money). */
export interface ReportTotal<K extends ReportKind = ReportKind> {
  readonly currency: Currency | null;
  readonly money: { readonly [F in ReportShapes[K]['money']]: ReportMoney };
  readonly counts: { readonly [C in ReportShapes[K]['counts']]: number };
}

export interface ReportView<K extends ReportKind = ReportKind> {
  readonly kind: K;
  readonly from: string;
  readonly to: string;
  readonly group: ReportGroup;
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
  readonly rows: readonly ReportRow<K>[];
  readonly totals: readonly ReportTotal<K>[];
}

export type ReportEntity = 'order' | 'commission' | 'settlement' | 'flow' | 'card';

/** One record behind a report row, with what it adds to each of the row's figures. */
export interface ReportDrillItem {
  readonly id: number;
  readonly accountId: number;
  /** Order number (a Kuaimai tid for flows). */
  readonly ref: string;
  /** The time that placed the record in the period (epoch ms). */
  readonly at: number | null;
  /** Order or commission status, flow type, or revision direction. */
  readonly status: string | null;
  readonly money: Readonly<Record<string, ReportMoney>>;
}

export interface ReportDrilldownView {
  readonly kind: ReportKind;
  readonly entity: ReportEntity;
  readonly figure: string | null;
  readonly items: readonly ReportDrillItem[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextAfter: number | null;
}

/** A real calendar day between 1970 and 2999. */
const ReportDay = BusinessDay.refine((d) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, day));
  return y >= 1970 && y <= 2999 && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
}, '无效日期 invalid date');

const ReportArgs = z
  .strictObject({
    from: ReportDay,
    to: ReportDay,
    provider: Provider.optional(),
    accountId: Id.optional(),
    group: z.enum(REPORT_GROUPS).optional(),
  })
  .refine((a) => a.from <= a.to, { message: '开始日期不能晚于结束日期 (from must not be after to)', path: ['to'] });

export type ReportArgsInput = z.output<typeof ReportArgs>;

export const reportChannels = {
  /** Commission payouts owed/paid per beneficiary and level (default group: the whole period). */
  'report:commissions': channel<ReportView<'commissions'>>()(ReportArgs),
  /** Revenue, refunds and net per provider and currency (default group: day). */
  'report:revenue': channel<ReportView<'revenue'>>()(ReportArgs),
  /** Duomai settlement revisions: count and upward/downward commission deltas (default group: day). */
  'report:settlements': channel<ReportView<'settlements'>>()(ReportArgs),
  /** Kuaimai money flows: payments, refunds and net (default group: day). */
  'report:flows': channel<ReportView<'flows'>>()(ReportArgs),
  /** Card codes delivered per provider (default group: day). */
  'report:cards': channel<ReportView<'cards'>>()(ReportArgs),
  /** The records behind a row (or one `figure` of it), keyset-paged by record id. */
  'report:drilldown': channel<ReportDrilldownView>()(
    z.strictObject({
      key: z.string().min(1).max(2048),
      figure: z.string().regex(/^[A-Za-z]{1,32}$/).optional(),
      after: Id.optional(),
      limit: PageLimit.default(100),
    }),
  ),
  ...reconcileChannels,
} as const;
