/**
 * The dashboard use-case: folds the rollups' daily rows (at most 31 days × providers × currencies)
 * into the four periods, per provider and in total, per currency, with BigInt sums — see
 * channels/dashboard.ts for what every figure means.
 */
import type {
  DashboardDailySeries,
  DashboardFigures,
  DashboardLevelFigures,
  DashboardPeriod,
  DashboardPeriodView,
  DashboardProviderFigures,
  DashboardSummary,
} from '../api/channels/dashboard.js';
import { DASHBOARD_PERIODS } from '../api/channels/dashboard.js';
import type { Handlers } from '../api/dispatch.js';
import type { Db } from '../db/connection.js';
import {
  DashboardRepository,
  dayNumberOf,
  dayNumberText,
  shanghaiDayNumber,
  type CommissionDayRow,
  type OrderDayRow,
  type SettlementDayRow,
} from '../db/repositories/dashboard-repository.js';
import { CURRENCIES, type Currency } from '../domain/money.js';
import { PROVIDER_SLUGS, type ProviderSlug } from '../domain/models.js';
import { toMoneyView } from './money-view.js';

export interface DashboardArgs {
  readonly provider?: ProviderSlug | undefined;
  readonly accountId?: number | undefined;
}

interface Acc {
  orders: number;
  voidOrders: number;
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

const emptyAcc = (): Acc => ({ orders: 0, voidOrders: 0, refundedOrders: 0, revenue: 0n, refunds: 0n, commissionCount: 0, owed: 0n, paid: 0n, revisions: 0, up: 0n, down: 0n });

interface DayRows {
  readonly orders: readonly OrderDayRow[];
  readonly commissions: readonly CommissionDayRow[];
  readonly settlements: readonly SettlementDayRow[];
}

const SERIES_DAYS = 30;

function currencyRank(currency: string): number {
  const i = (CURRENCIES as readonly string[]).indexOf(currency);
  return i === -1 ? CURRENCIES.length : i;
}

const byCurrency = (a: { currency: string }, b: { currency: string }) => currencyRank(a.currency) - currencyRank(b.currency);

function figuresOf(currency: string, a: Acc): DashboardFigures {
  const m = (scaled: bigint) => toMoneyView(scaled, currency);
  return {
    currency: currency as Currency,
    orders: a.orders,
    voidOrders: a.voidOrders,
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

/** Accumulators per key, created on first use. */
class Buckets<K> {
  readonly map = new Map<string, { key: K; acc: Acc }>();
  constructor(private readonly id: (key: K) => string) {}
  at(key: K): Acc {
    const id = this.id(key);
    let entry = this.map.get(id);
    if (!entry) {
      entry = { key, acc: emptyAcc() };
      this.map.set(id, entry);
    }
    return entry.acc;
  }
}

function foldPeriod(rows: DayRows, period: DashboardPeriod, from: number, to: number): DashboardPeriodView {
  const cells = new Buckets<{ provider: ProviderSlug; currency: string }>((k) => `${k.provider}|${k.currency}`);
  const totals = new Buckets<string>((c) => c);
  const levels = new Buckets<{ level: number; currency: string }>((k) => `${k.level}|${k.currency}`);
  const inPeriod = (r: { day: number }) => r.day >= from && r.day <= to;
  for (const r of rows.orders.filter(inPeriod)) {
    for (const a of [cells.at(r), totals.at(r.currency)]) {
      a.orders += r.orders;
      a.voidOrders += r.voidOrders;
      a.refundedOrders += r.refundedOrders;
      a.revenue += r.revenue;
      a.refunds += r.refunds;
    }
  }
  for (const r of rows.commissions.filter(inPeriod)) {
    for (const a of [cells.at(r), totals.at(r.currency), levels.at(r)]) {
      a.commissionCount += r.count;
      a.owed += r.owed;
      a.paid += r.paid;
    }
  }
  for (const r of rows.settlements.filter(inPeriod)) {
    for (const a of [cells.at(r), totals.at(r.currency)]) {
      a.revisions += r.revisions;
      a.up += r.up;
      a.down += r.down;
    }
  }
  return {
    period,
    from: dayNumberText(from),
    to: dayNumberText(to),
    total: [...totals.map.values()].map((e) => figuresOf(e.key, e.acc)).sort(byCurrency),
    providers: providerFigures(cells),
    commissionsByLevel: [...levels.map.values()]
      .map(({ key, acc }): DashboardLevelFigures => ({
        level: key.level,
        currency: key.currency as Currency,
        count: acc.commissionCount,
        owed: toMoneyView(acc.owed, key.currency),
        paid: toMoneyView(acc.paid, key.currency),
        total: toMoneyView(acc.owed + acc.paid, key.currency),
      }))
      .sort((a, b) => a.level - b.level || byCurrency(a, b)),
  };
}

function providerFigures(cells: Buckets<{ provider: ProviderSlug; currency: string }>): DashboardProviderFigures[] {
  return PROVIDER_SLUGS.flatMap((provider) => {
    const figures = [...cells.map.values()]
      .filter((e) => e.key.provider === provider)
      .map((e) => figuresOf(e.key.currency, e.acc))
      .sort(byCurrency);
    return figures.length ? [{ provider, figures }] : [];
  });
}

/** Zero-filled daily revenue, refunds and order counts per currency over [from, to]. */
function dailySeries(orders: readonly OrderDayRow[], from: number, to: number): DashboardDailySeries[] {
  const perCurrency = new Map<string, Map<number, { orders: number; revenue: bigint; refunds: bigint }>>();
  for (const r of orders) {
    if (r.day < from || r.day > to) continue;
    const days = perCurrency.get(r.currency) ?? new Map();
    perCurrency.set(r.currency, days);
    const point = days.get(r.day) ?? { orders: 0, revenue: 0n, refunds: 0n };
    point.orders += r.orders;
    point.revenue += r.revenue;
    point.refunds += r.refunds;
    days.set(r.day, point);
  }
  return [...perCurrency.entries()]
    .map(([currency, days]) => ({
      currency: currency as Currency,
      points: Array.from({ length: to - from + 1 }, (_, i) => {
        const p = days.get(from + i);
        return {
          day: dayNumberText(from + i),
          orders: p?.orders ?? 0,
          revenue: toMoneyView(p?.revenue ?? 0n, currency),
          refunds: toMoneyView(p?.refunds ?? 0n, currency),
        };
      }),
    }))
    .sort(byCurrency);
}

export class DashboardService {
  constructor(
    private readonly deps: { readonly repo: DashboardRepository; readonly now: () => number },
  ) {}

  summary(args: DashboardArgs = {}): DashboardSummary {
    const today = shanghaiDayNumber(this.deps.now());
    const todayText = dayNumberText(today);
    const monthStart = dayNumberOf(`${todayText.slice(0, 8)}01`);
    const ranges: Record<DashboardPeriod, readonly [number, number]> = {
      today: [today, today],
      last7: [today - 6, today],
      last30: [today - (SERIES_DAYS - 1), today],
      month: [monthStart, today],
    };
    const scope = {
      fromDay: Math.min(today - (SERIES_DAYS - 1), monthStart),
      toDay: today,
      provider: args.provider ?? null,
      accountId: args.accountId ?? null,
    };
    const rows: DayRows = {
      orders: this.deps.repo.orderDays(scope),
      commissions: this.deps.repo.commissionDays(scope),
      settlements: this.deps.repo.settlementDays(scope),
    };
    const periods = Object.fromEntries(DASHBOARD_PERIODS.map((p) => [p, foldPeriod(rows, p, ranges[p][0], ranges[p][1])])) as Record<DashboardPeriod, DashboardPeriodView>;
    const seriesFrom = today - (SERIES_DAYS - 1);
    return {
      today: todayText,
      timeZone: 'Asia/Shanghai',
      provider: scope.provider,
      accountId: scope.accountId,
      periods,
      daily: { from: dayNumberText(seriesFrom), to: todayText, series: dailySeries(rows.orders, seriesFrom, today) },
    };
  }
}

export function createDashboardService(deps: { readonly db: Db; readonly now: () => number }): DashboardService {
  return new DashboardService({ repo: new DashboardRepository(deps.db), now: deps.now });
}

export function dashboardHandlers(s: DashboardService): Pick<Handlers, 'dashboard:summary'> {
  return {
    'dashboard:summary': (args) => s.summary(args),
  };
}
