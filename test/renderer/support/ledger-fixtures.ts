/** Report rows, revisions and flows shaped like the core's answers (made-up values). */
import type { CommissionSummaryView, CommissionView, FlowView, ReportRow, ReportView, SettlementView } from '../../../src-main/api/contract.js';

type Currency = 'CNY' | 'USD';
const money = (amount: string, currency: Currency = 'CNY') => ({ amount, currency });
/** The days a row covers: "2024-06-01..2024-06-30" spans a range, a single day covers itself. */
const daysOf = (period: string) => {
  const [from, to = from] = period.split('..') as [string, string?];
  return { from, to };
};

export function commissionRow(
  beneficiary: string,
  level: 0 | 1 | 2 | 3,
  owed: string,
  paid: string,
  options: { provider?: 'itboye' | 'duomai'; currency?: Currency; owedCount?: number; paidCount?: number } = {},
): ReportRow<'commissions'> {
  const currency = options.currency ?? 'CNY';
  const provider = options.provider ?? 'itboye';
  return {
    key: `commissions|2024-06-01|2024-06-30|*|*|${provider}|${beneficiary}|${level}|${currency}`,
    period: '2024-06-01..2024-06-30',
    from: '2024-06-01',
    to: '2024-06-30',
    dims: { provider, beneficiary, level, currency },
    money: { owed: money(owed, currency), paid: money(paid, currency) },
    counts: { owedCount: options.owedCount ?? 1, paidCount: options.paidCount ?? (paid === '0.0000' ? 0 : 1) },
  };
}

export function commissionReport(rows: ReportRow<'commissions'>[]): ReportView<'commissions'> {
  return {
    kind: 'commissions',
    from: '2024-06-01',
    to: '2024-06-30',
    group: 'period',
    provider: null,
    accountId: null,
    rows,
    totals: [
      { currency: 'CNY', money: { owed: money('100.0000'), paid: money('20.0000') }, counts: { owedCount: 3, paidCount: 1 } },
      { currency: 'USD', money: { owed: money('5.0000', 'USD'), paid: money('0.0000', 'USD') }, counts: { owedCount: 1, paidCount: 0 } },
    ],
  };
}

export function summaryRow(beneficiary: string, amount: string, count: number, currency: Currency = 'CNY'): CommissionSummaryView {
  return { beneficiary, level: 0, amount: money(amount, currency), count };
}

export function commissionView(overrides: Partial<CommissionView> = {}): CommissionView {
  return {
    id: 1,
    accountId: 3,
    accountName: '多麦',
    provider: 'duomai',
    orderId: 10,
    orderNo: '6000199541287306423',
    beneficiary: 'site:1',
    level: 0,
    amount: money('4.4000'),
    status: 'estimated',
    statusRaw: '0',
    earnedAt: Date.UTC(2024, 5, 1, 2),
    ...overrides,
  };
}

export function settlementRow(period: string, currency: Currency, up: string, down: string, net: string): ReportRow<'settlements'> {
  return {
    key: `settlements|${daysOf(period).from}|${daysOf(period).to}|*|*|${currency}`,
    period,
    ...daysOf(period),
    dims: { currency },
    money: { up: money(up, currency), down: money(down, currency), net: money(net, currency) },
    counts: { revisions: 2, upCount: 1, downCount: 1 },
  };
}

export function settlementReport(rows: ReportRow<'settlements'>[], group: 'day' | 'month' | 'period' = 'day'): ReportView<'settlements'> {
  return { kind: 'settlements', from: '2024-06-01', to: '2024-06-30', group, provider: null, accountId: null, rows, totals: [] };
}

export function settlementView(overrides: Partial<SettlementView> = {}): SettlementView {
  return {
    id: 1,
    accountId: 3,
    accountName: '多麦',
    changeKey: 'k1',
    orderNo: 'DM-1',
    orderTime: Date.UTC(2024, 5, 1, 1),
    modifiedAt: Date.UTC(2024, 5, 2, 1),
    priceOld: money('100.0000'),
    priceDelta: money('-10.0000'),
    priceNew: money('90.0000'),
    commissionOld: money('10.0000'),
    commissionDelta: money('-1.2345'),
    commissionNew: money('8.7655'),
    adsId: '12731',
    adsName: '京东联盟',
    euid: 'u1',
    ...overrides,
  };
}

export function flowRow(period: string, net: string, currency: Currency = 'CNY', flows = 2): ReportRow<'flows'> {
  return {
    key: `flows|${daysOf(period).from}|${daysOf(period).to}|*|*|${currency}`,
    period,
    ...daysOf(period),
    dims: { currency },
    money: { payments: money(net.startsWith('-') ? net : '0.0000', currency), refunds: money(net.startsWith('-') ? '0.0000' : net, currency), other: money('0.0000', currency), net: money(net, currency) },
    counts: { flows, paymentCount: 1, refundCount: 1 },
  };
}

export function flowReport(rows: ReportRow<'flows'>[], group: 'day' | 'month' | 'period' = 'day'): ReportView<'flows'> {
  return { kind: 'flows', from: '2024-06-01', to: '2024-06-30', group, provider: null, accountId: null, rows, totals: [] };
}

export function flowView(overrides: Partial<FlowView> = {}): FlowView {
  return {
    id: 1,
    accountId: 2,
    accountName: '快麦',
    tid: 'JD-1',
    flowType: 1,
    amount: money('-237.6300'),
    payment: money('237.6300'),
    paid: money('237.6300'),
    postFee: money('0.0000'),
    createdAt: Date.UTC(2024, 5, 1, 3),
    items: [
      { itemKey: 'i1', title: '优酷VIP会员周卡', sku: 'SB-9', quantity: 2, unitPrice: money('6.0000'), amount: money('12.0000') },
      { itemKey: 'i2', title: '索尼耳机', sku: 'SB-6', quantity: 1, unitPrice: money('225.6300'), amount: money('225.6300') },
    ],
    ...overrides,
  };
}
