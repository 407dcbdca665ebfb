/** Reports, findings and backups shaped like the core's answers (amounts as exact decimal text). */
import type { BackupListView, FindingView, ReportDrilldownView, ReportView } from '../../../src-main/api/contract.js';

const cny = (amount: string) => ({ amount, currency: 'CNY' as const });
const usd = (amount: string) => ({ amount, currency: 'USD' as const });

/** Two days of revenue in CNY (two providers) and one row in USD; totals per currency. */
export function revenueView(overrides: Partial<ReportView<'revenue'>> = {}): ReportView<'revenue'> {
  return {
    kind: 'revenue',
    from: '2024-06-01',
    to: '2024-06-02',
    group: 'day',
    provider: null,
    accountId: null,
    rows: [
      {
        key: 'revenue|2024-06-01|2024-06-01|*|*|kasushou|CNY',
        period: '2024-06-01',
        from: '2024-06-01',
        to: '2024-06-01',
        dims: { provider: 'kasushou', currency: 'CNY' },
        money: { revenue: cny('100.1000'), refunds: cny('30.0000'), net: cny('70.1000') },
        counts: { orders: 3, refundedOrders: 1 },
      },
      {
        key: 'revenue|2024-06-01|2024-06-01|*|*|kuaimai|CNY',
        period: '2024-06-01',
        from: '2024-06-01',
        to: '2024-06-01',
        dims: { provider: 'kuaimai', currency: 'CNY' },
        money: { revenue: cny('0.2000'), refunds: cny('0.0000'), net: cny('0.2000') },
        counts: { orders: 1, refundedOrders: 0 },
      },
      {
        key: 'revenue|2024-06-02|2024-06-02|*|*|kasushou|USD',
        period: '2024-06-02',
        from: '2024-06-02',
        to: '2024-06-02',
        dims: { provider: 'kasushou', currency: 'USD' },
        money: { revenue: usd('12.0000'), refunds: usd('0.0000'), net: usd('12.0000') },
        counts: { orders: 2, refundedOrders: 0 },
      },
    ],
    totals: [
      { currency: 'CNY', money: { revenue: cny('100.3000'), refunds: cny('30.0000'), net: cny('70.3000') }, counts: { orders: 4, refundedOrders: 1 } },
      { currency: 'USD', money: { revenue: usd('12.0000'), refunds: usd('0.0000'), net: usd('12.0000') }, counts: { orders: 2, refundedOrders: 0 } },
    ],
    ...overrides,
  };
}

export function cardsView(): ReportView<'cards'> {
  return {
    kind: 'cards',
    from: '2024-06-01',
    to: '2024-06-01',
    group: 'day',
    provider: null,
    accountId: null,
    rows: [{ key: 'cards|2024-06-01|2024-06-01|*|*|kasushou', period: '2024-06-01', from: '2024-06-01', to: '2024-06-01', dims: { provider: 'kasushou' }, money: {}, counts: { cards: 0 } }],
    totals: [{ currency: null, money: {}, counts: { cards: 0 } }],
  };
}

export function drillPage(ids: readonly number[], nextAfter: number | null): ReportDrilldownView {
  return {
    kind: 'revenue',
    entity: 'order',
    figure: 'refunds',
    items: ids.map((id) => ({
      id,
      accountId: 7,
      ref: `D${id}`,
      at: Date.UTC(2024, 5, 1, 2, 0, 0),
      status: 'refunded',
      money: { revenue: cny('15.0000'), refunds: cny('15.0000'), net: cny('0.0000') },
    })),
    nextAfter,
  };
}

export function findingView(overrides: Partial<FindingView> = {}): FindingView {
  return {
    id: 1,
    key: 'kuaimai_flow_mismatch:2:FXG-1:CNY',
    check: 'kuaimai_flow_mismatch',
    accountId: 2,
    accountName: '快麦店',
    provider: 'kuaimai',
    subject: 'FXG-1',
    message: '快麦 FXG-1 流水扣款 604.0100 CNY 与订单金额 606.8400 CNY 不符 (flows disagree with the trade)',
    reasons: ['debit_mismatch'],
    expected: cny('606.8400'),
    actual: cny('604.0100'),
    difference: cny('-2.8300'),
    links: { orderIds: [366], orderNos: ['3000000000058703260'], flowIds: [78], settlementIds: [], commissionIds: [] },
    state: 'open',
    reviewed: false,
    reviewedAt: null,
    reviewedBy: null,
    reviewNote: null,
    changedSinceReview: false,
    firstSeenAt: Date.UTC(2024, 5, 1),
    lastSeenAt: Date.UTC(2024, 5, 1),
    resolvedAt: null,
    ...overrides,
  };
}

export function backupList(): BackupListView {
  return {
    folder: '/home/me/.ledger/backups',
    backups: [
      { name: 'manual-2024-06-01T02-00-00-000Z.sqlite3', kind: 'manual', createdAt: Date.UTC(2024, 5, 1, 2), sizeBytes: 1_728_512, schemaVersion: 4 },
      { name: 'daily-2024-05-31T02-00-00-000Z.sqlite3', kind: 'daily', createdAt: Date.UTC(2024, 4, 31, 2), sizeBytes: 1_600_000, schemaVersion: 4 },
    ],
  };
}
