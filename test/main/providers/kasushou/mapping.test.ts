import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import {
  REDACTED,
  mapAdminOrderRow,
  mapCards,
  mapOrderInfoItem,
  mapOrderInfoItems,
  mapStatus,
  parseExpiry,
} from '../../../../src-main/providers/kasushou/mapping.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import {
  adminOrderRowSchema,
  orderInfoItemSchema,
  type KasushouAdminOrderRow,
  type KasushouOrderInfoItem,
} from '../../../../src-main/providers/kasushou/schemas.js';

function infoItem(json: string): KasushouOrderInfoItem {
  const value = parseJsonLossless(json);
  orderInfoItemSchema.parse(value);
  return value as KasushouOrderInfoItem;
}

function adminRow(json: string): KasushouAdminOrderRow {
  const value = parseJsonLossless(json);
  adminOrderRowSchema.parse(value);
  return value as KasushouAdminOrderRow;
}

describe('kasushou status mapping', () => {
  it.each([
    [-1, 'failed'],
    ['-1', 'failed'],
    [1, 'pending'],
    [2, 'processing'],
    ['3', 'completed'],
    [4, 'cancelled'],
    [5, 'refunded'],
    [9, 'unknown'],
  ] as const)('status %s → %s', (raw, expected) => {
    expect(mapStatus(raw)).toEqual({ status: expected, statusRaw: String(raw) });
  });
});

describe('kasushou order/info mapping', () => {
  it('maps the seed 卡密 example (refunded, card without number, show type 1)', () => {
    const item = infoItem(
      '{"ordersn":"D100759274105949519872","external_orderno":"","recharge_info":[],"recharge_hints":"订单已取消,资金已退回商城余额!","status":5,"card_list":[{"card_no":"","card_password":"1","card_show_type":1}]}',
    );
    const { order, cards } = mapOrderInfoItem(item);
    expect(order.orderNo).toBe('D100759274105949519872');
    expect(order.externalOrderNo).toBeNull();
    expect(order.status).toBe('refunded');
    expect(order.statusRaw).toBe('5');
    expect(order.total).toBeNull();
    expect(order.refunded).toBeNull();
    expect(order.createdAt).toBeNull();
    expect(order.items).toEqual([]);
    expect(cards).toEqual([{ orderNo: 'D100759274105949519872', cardKey: '#1', cardNo: '', password: '1', showType: 1, expiresAt: null }]);
  });

  it('keeps recharge_info in raw but never the card password', () => {
    const item = infoItem(
      '{"ordersn":"D1","external_orderno":"EXT-9","recharge_info":[{"n":"充值账号","v":"13800000000","k":"recharge_account"}],"status":3,"total_price":"3.05","has_back_money":"0.00","card_list":[{"card_no":"KS1","card_password":"SECRET-PW"}]}',
    );
    const { order, cards } = mapOrderInfoItem(item);
    expect(order.raw).toContain('"recharge_account"');
    expect(order.raw).toContain('13800000000');
    expect(order.raw).not.toContain('SECRET-PW');
    expect(JSON.parse(order.raw).card_list[0].card_password).toBe(REDACTED);
    expect(cards[0]?.password).toBe('SECRET-PW');
    expect(order.externalOrderNo).toBe('EXT-9');
    expect(order.total).toEqual({ scaled: 30500, currency: 'CNY' });
    expect(order.refunded).toEqual({ scaled: 0, currency: 'CNY' });
  });

  it('reads numeric total_price exactly and a 24-digit numeric ordersn losslessly', () => {
    const item = infoItem('{"ordersn":100712345678901234567890,"status":"3","total_price":1,"has_back_money":12.3}');
    const { order } = mapOrderInfoItem(item);
    expect(order.orderNo).toBe('100712345678901234567890');
    expect(order.total?.scaled).toBe(10000);
    expect(order.refunded?.scaled).toBe(123000);
    expect(order.status).toBe('completed');
  });

  it('turns an unreadable amount into bad_response with the raw record', () => {
    const item = infoItem('{"ordersn":"D2","status":3,"total_price":"abc"}');
    let error: unknown;
    try {
      mapOrderInfoItem(item);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('bad_response');
    expect((error as ProviderError).raw).toContain('"abc"');
  });

  it('batches orders and cards', () => {
    const batch = mapOrderInfoItems([
      infoItem('{"ordersn":"A","status":3,"card_list":[{"card_no":"1","card_password":"p"},{"card_no":"2","card_password":"q"}]}'),
      infoItem('{"ordersn":"B","status":2}'),
    ]);
    expect(batch.orders.map((o) => o.orderNo)).toEqual(['A', 'B']);
    expect(batch.cards.map((c) => `${c.orderNo}/${c.cardKey}`)).toEqual(['A/1', 'A/2']);
    expect(batch.commissions).toEqual([]);
  });
});

describe('kasushou card mapping', () => {
  it('show types 1/2/3, default 1 when absent, numbers or strings', () => {
    const cards = mapCards('O', [
      { card_no: 'a', card_password: 'x' },
      { card_no: 'b', card_password: 'https://img/qr.png', card_show_type: 2 },
      { card_no: 'c', card_password: '123', card_show_type: '3' },
      { card_no: 'd', card_password: 'y', card_show_type: null },
    ]);
    expect(cards.map((c) => c.showType)).toEqual([1, 2, 3, 1]);
  });

  it('keys repeated or empty card numbers by position', () => {
    const cards = mapCards('O', [
      { card_no: 'same', card_password: '1' },
      { card_no: 'same', card_password: '2' },
      { card_no: '', card_password: '3' },
    ]);
    expect(cards.map((c) => c.cardKey)).toEqual(['same', 'same#2', '#3']);
  });

  it('end_time: Shanghai wall time, epoch digits, "" → null', () => {
    expect(parseExpiry('2025-06-30 23:59:59')).toBe(Date.UTC(2025, 5, 30, 15, 59, 59));
    expect(parseExpiry('1751299199')).toBe(1751299199000);
    expect(parseExpiry('1751299199000')).toBe(1751299199000);
    expect(parseExpiry('')).toBeNull();
    expect(parseExpiry(0)).toBeNull();
    expect(parseExpiry(undefined)).toBeNull();
    const [card] = mapCards('O', [{ card_no: 'n', card_password: 'p', end_time: '2025-06-30 23:59:59' }]);
    expect(card?.expiresAt).toBe(Date.UTC(2025, 5, 30, 15, 59, 59));
  });
});

describe('kasushou admin order list mapping', () => {
  it('maps a row: Shanghai create time, goods item, string status, scaled money', () => {
    const order = mapAdminOrderRow(
      adminRow(
        '{"ordersn":"D100700000420000000001","external_orderno":"EXT-1","goods_id":1003,"goods_name":"京东E卡100元","quantity":2,"goods_price":"98.50","total_price":"197.00","has_back_money":"0.00","status":"2","create_time":"2024-06-30 12:00:00","update_time":"2024-06-30 12:05:30"}',
      ),
    );
    expect(order.orderNo).toBe('D100700000420000000001');
    expect(order.status).toBe('processing');
    expect(order.statusRaw).toBe('2');
    expect(order.title).toBe('京东E卡100元');
    expect(order.total).toEqual({ scaled: 1_970_000, currency: 'CNY' });
    expect(order.refunded).toEqual({ scaled: 0, currency: 'CNY' });
    expect(order.createdAt).toBe(Date.UTC(2024, 5, 30, 4, 0, 0));
    expect(order.updatedAt).toBe(Date.UTC(2024, 5, 30, 4, 5, 30));
    expect(order.items).toHaveLength(1);
    expect(order.items[0]).toMatchObject({ itemKey: '1003', sku: '1003', quantity: 2, title: '京东E卡100元' });
    expect(order.items[0]?.unitPrice).toEqual({ scaled: 985_000, currency: 'CNY' });
    expect(order.items[0]?.amount).toEqual({ scaled: 1_970_000, currency: 'CNY' });
  });

  it('tolerates a minimal row (no goods, no times)', () => {
    const order = mapAdminOrderRow(adminRow('{"ordersn":"X","status":-1}'));
    expect(order.status).toBe('failed');
    expect(order.items).toEqual([]);
    expect(order.createdAt).toBeNull();
    expect(order.total).toBeNull();
  });
});
