/** `dashboard:summary` results shaped like the core's (exact decimal strings, CNY before USD). */
import type {
  DashboardDailySeries,
  DashboardFigures,
  DashboardLevelFigures,
  DashboardPeriod,
  DashboardPeriodView,
  DashboardSummary,
  MoneyView,
} from '../../../src-main/api/contract.js';
import { sumDecimals } from '../../../src-renderer/src/composables/decimal.js';

type Currency = MoneyView['currency'];
const m = (amount: string, currency: Currency = 'CNY'): MoneyView => ({ amount, currency });

export function figures(currency: Currency = 'CNY', overrides: Partial<DashboardFigures> = {}): DashboardFigures {
  return {
    currency,
    orders: 12,
    voidOrders: 2,
    refundedOrders: 1,
    revenue: m('1055.0000', currency),
    refunds: m('55.0000', currency),
    net: m('1000.0000', currency),
    commissionCount: 3,
    commissions: m('30.5000', currency),
    commissionsOwed: m('5.5000', currency),
    commissionsPaid: m('25.0000', currency),
    settlementRevisions: 2,
    settlementUp: m('0.1400', currency),
    settlementDown: m('-0.2500', currency),
    settlementNet: m('-0.1100', currency),
    ...overrides,
  };
}

export function level(levelNo: number, currency: Currency = 'CNY', owed = '5.5000', paid = '25.0000'): DashboardLevelFigures {
  const total = sumDecimals([owed, paid]);
  return { level: levelNo, currency, count: 2, owed: m(owed, currency), paid: m(paid, currency), total: m(total, currency) };
}

export function periodView(period: DashboardPeriod, overrides: Partial<DashboardPeriodView> = {}): DashboardPeriodView {
  return {
    period,
    from: '2024-03-04',
    to: '2024-03-10',
    total: [figures('CNY'), figures('USD', { revenue: m('12.3456', 'USD'), orders: 1, voidOrders: 0 })],
    providers: [
      { provider: 'kasushou', figures: [figures('CNY', { revenue: m('800.0000'), orders: 9 })] },
      { provider: 'duomai', figures: [figures('CNY', { revenue: m('255.0000'), orders: 3 }), figures('USD', { revenue: m('12.3456', 'USD'), orders: 1 })] },
    ],
    commissionsByLevel: [level(0), level(1, 'CNY', '1.0000', '0.0000'), level(1, 'USD', '0.0300', '0.0000')],
    ...overrides,
  };
}

export function dailySeries(currency: Currency = 'CNY', days = 30): DashboardDailySeries {
  return {
    currency,
    points: Array.from({ length: days }, (_, i) => {
      const day = `2024-02-${String(10 + i).padStart(2, '0')}`;
      return { day, orders: i, revenue: m(`${i * 10}.5000`, currency), refunds: m(i % 5 === 0 ? '3.0000' : '0.0000', currency) };
    }),
  };
}

export function summary(overrides: Partial<DashboardSummary> = {}): DashboardSummary {
  return {
    today: '2024-03-10',
    timeZone: 'Asia/Shanghai',
    provider: null,
    accountId: null,
    periods: {
      today: periodView('today', { from: '2024-03-10', to: '2024-03-10', total: [], providers: [], commissionsByLevel: [] }),
      last7: periodView('last7'),
      last30: periodView('last30', { from: '2024-02-10', total: [figures('CNY', { revenue: m('123456789.1200'), orders: 4000 })] }),
      month: periodView('month', { from: '2024-03-01' }),
    },
    daily: { from: '2024-02-10', to: '2024-03-10', series: [dailySeries('CNY'), dailySeries('USD')] },
    ...overrides,
  };
}
