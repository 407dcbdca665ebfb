/** Order and card views shaped like the core's `orders:*` / `cards:*` results. */
import type { CardView, OrderDetailView, OrderListItemView, PageView } from '../../../src-main/api/contract.js';

export function orderItem(id: number, overrides: Partial<OrderListItemView> = {}): OrderListItemView {
  return {
    id,
    accountId: 7,
    accountName: '主店',
    provider: 'kasushou',
    orderNo: `D1007${String(id).padStart(19, '0')}`,
    externalOrderNo: null,
    status: 'completed',
    statusRaw: '3',
    title: '腾讯视频VIP会员月卡',
    buyer: null,
    total: { amount: '25.0000', currency: 'CNY' },
    paid: null,
    refunded: null,
    commission: null,
    createdAt: Date.UTC(2024, 5, 1, 2, 0, 0) - id * 60_000,
    updatedAt: Date.UTC(2024, 5, 1, 3, 0, 0),
    paidAt: null,
    missingSince: null,
    ...overrides,
  };
}

/** `count` orders with ids from `firstId` up, as one page. */
export function orderPage(firstId: number, count: number, nextCursor: string | null): PageView<OrderListItemView> {
  return { items: Array.from({ length: count }, (_, i) => orderItem(firstId + i)), nextCursor };
}

export function cardView(id: number, overrides: Partial<CardView> = {}): CardView {
  return {
    id,
    accountId: 7,
    accountName: '主店',
    provider: 'kasushou',
    orderId: 100 + id,
    orderNo: `D1007000000${id}`,
    orderStatus: 'completed',
    cardNo: `KS${String(id).padStart(12, '0')}`,
    showType: 1,
    expiresAt: null,
    firstSeenAt: Date.UTC(2024, 5, 1),
    lastSeenAt: Date.UTC(2024, 5, 2),
    passwordMasked: '••••••',
    ...overrides,
  };
}

export function orderDetail(overrides: Partial<OrderDetailView> = {}): OrderDetailView {
  return {
    ...orderItem(42, { externalOrderNo: 'EXT-42', buyer: 'wx_888', paid: { amount: '12.5000', currency: 'CNY' } }),
    items: [{ itemKey: '1', title: '星巴克中杯咖啡兑换券', sku: '1005', quantity: 2, unitPrice: { amount: '6.2500', currency: 'CNY' }, amount: { amount: '12.5000', currency: 'CNY' } }],
    cards: [cardView(5, { showType: 2, orderId: 42 })],
    commissions: [
      {
        id: 9,
        accountId: 7,
        accountName: '主店',
        provider: 'kasushou',
        orderId: 42,
        orderNo: 'D1007',
        beneficiary: 'u1002',
        level: 1,
        amount: { amount: '0.1234', currency: 'CNY' },
        status: 'settled',
        statusRaw: '2',
        earnedAt: Date.UTC(2024, 5, 1, 4, 0, 0),
      },
    ],
    history: [
      { field: 'status', oldValue: 'pending', newValue: 'completed', changedAt: Date.UTC(2024, 5, 1, 6, 30, 0), syncRunId: 3 },
      { field: 'total', oldValue: '10.0000 CNY', newValue: '12.5000 CNY', changedAt: Date.UTC(2024, 5, 1, 6, 30, 0), syncRunId: 3 },
      { field: 'title', oldValue: null, newValue: '星巴克', changedAt: Date.UTC(2024, 5, 1, 5, 0, 0), syncRunId: 2 },
    ],
    raw: '{"ordersn":100700000698239340541912,"total_price":"12.50","card_list":[{"card_no":"","card_show_type":2}]}',
    firstSeenAt: Date.UTC(2024, 5, 1, 5, 0, 0),
    lastSeenAt: Date.UTC(2024, 5, 1, 6, 30, 0),
    ...overrides,
  };
}
