/**
 * `dashboard:*` — the ledger at a glance: orders, revenue, refunds, commissions and settlement
 * adjustments for today / the last 7 days / the last 30 days / this month, per provider and in total,
 * one figure set per currency (CNY and USD are never added together), plus a daily series of the last
 * 30 days and commissions by level. Read from daily rollups kept exact on every write, so the answer
 * costs the same at a thousand or a million orders.
 *
 * Rules:
 * - Periods are Asia/Shanghai business days and end with today (inclusive): `today`, `last7` (today
 *   and the 6 days before), `last30` (today and the 29 days before), `month` (the 1st of this month to
 *   today).
 * - Orders are placed by their creation day; `orders` counts every order, `voidOrders` the failed or
 *   cancelled ones; `revenue` = totals and `refunds` = refunded amounts of the orders that are not
 *   failed or cancelled (exactly `report:revenue`), `net` = revenue − refunds. Orders without a
 *   creation time are in no period.
 * - Commissions are placed by their earn day: `commissionsOwed` = estimated/pending/confirmed,
 *   `commissionsPaid` = settled, `commissions` = both. Invalid/unknown ones are not counted.
 * - Settlement adjustments (Duomai revisions) by the revision day (or first sync): `settlementUp` = sum
 *   of upward commission deltas, `settlementDown` = sum of downward ones (negative), `settlementNet`.
 * - Money is `{amount: "<exact decimal, 4 places>", currency}`.
 */
import { z } from 'zod';
import type { Currency } from '../../domain/money.js';
import type { ProviderSlug } from '../../domain/models.js';
import { channel, Id, Provider } from '../channel.js';
import type { MoneyView } from './records.js';

export const DASHBOARD_PERIODS = ['today', 'last7', 'last30', 'month'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

/** Every figure of one (period, provider or total, currency). */
export interface DashboardFigures {
  readonly currency: Currency;
  readonly orders: number;
  readonly voidOrders: number;
  readonly refundedOrders: number;
  readonly revenue: MoneyView;
  readonly refunds: MoneyView;
  readonly net: MoneyView;
  readonly commissionCount: number;
  readonly commissions: MoneyView;
  readonly commissionsOwed: MoneyView;
  readonly commissionsPaid: MoneyView;
  readonly settlementRevisions: number;
  readonly settlementUp: MoneyView;
  readonly settlementDown: MoneyView;
  readonly settlementNet: MoneyView;
}

export interface DashboardProviderFigures {
  readonly provider: ProviderSlug;
  /** One entry per currency with data in the period, CNY first. */
  readonly figures: readonly DashboardFigures[];
}

/** Commissions of one level and currency in a period. */
export interface DashboardLevelFigures {
  /** 0 = the beneficiary themself, 1–3 = upline levels. */
  readonly level: number;
  readonly currency: Currency;
  readonly count: number;
  readonly owed: MoneyView;
  readonly paid: MoneyView;
  readonly total: MoneyView;
}

export interface DashboardPeriodView {
  readonly period: DashboardPeriod;
  /** Inclusive business days "yyyy-MM-dd". */
  readonly from: string;
  readonly to: string;
  /** All providers in scope, one entry per currency (empty when the period has no data). */
  readonly total: readonly DashboardFigures[];
  readonly providers: readonly DashboardProviderFigures[];
  /** By level then currency. */
  readonly commissionsByLevel: readonly DashboardLevelFigures[];
}

export interface DashboardDailyPoint {
  readonly day: string;
  readonly orders: number;
  readonly revenue: MoneyView;
  readonly refunds: MoneyView;
}

/** One currency's daily figures over the whole series range: one point per day, zero-filled. */
export interface DashboardDailySeries {
  readonly currency: Currency;
  readonly points: readonly DashboardDailyPoint[];
}

export interface DashboardSummary {
  /** Today's business day in Asia/Shanghai. */
  readonly today: string;
  readonly timeZone: 'Asia/Shanghai';
  readonly provider: ProviderSlug | null;
  readonly accountId: number | null;
  readonly periods: { readonly [P in DashboardPeriod]: DashboardPeriodView };
  /** The last 30 business days (today included), per currency with data in them. */
  readonly daily: { readonly from: string; readonly to: string; readonly series: readonly DashboardDailySeries[] };
}

export const dashboardChannels = {
  /** Period figures per provider and in total (per currency), the 30-day daily series and commissions by level. */
  'dashboard:summary': channel<DashboardSummary>()(
    z.strictObject({
      provider: Provider.optional(),
      accountId: Id.optional(),
    }),
  ),
} as const;
