import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import { mapCommissions, mapOrder, mapOrdersResult } from '../../../../src-main/providers/itboye/mapping.js';
import { orderSchema, type ItboyeOrder } from '../../../../src-main/providers/itboye/schemas.js';
import { SEED_EXAMPLE_BODY } from '../../../../src-main/providers/itboye/simulator-fixtures.js';

/** The seed example made valid the obvious way: comments dropped, the missing comma added. */
function seedOrders(): ItboyeOrder[] {
  const text = SEED_EXAMPLE_BODY.replace(/\/\/[^\n]*/g, '').replace(/("ppp_user_commission": 40)(\s*\n\s*"price")/, '$1,$2');
  const body = parseJsonLossless(text) as { data: unknown[] };
  return body.data.map(validated);
}

/** Validates like the client does and keeps the object as received (key order included). */
function validated(o: unknown): ItboyeOrder {
  orderSchema.parse(o);
  return o as ItboyeOrder;
}

const CNY = (scaled: number) => ({ scaled, currency: 'CNY' });

describe('itboye mapping of the seed records', () => {
  const [dachui, dbh, yaonana] = seedOrders();

  it('maps the first seed record field by field', () => {
    expect(mapOrder(dachui!, 'success')).toEqual({
      orderNo: '202012040233020N5172ECCBC8',
      externalOrderNo: '12',
      status: 'completed',
      statusRaw: 'success',
      title: 'Sony WH-1000XM4 Wireless Noise-Cancelling Over-the-Ear Headphones - Blue',
      buyer: 'dachui3',
      total: CNY(5_000_000),
      paid: null,
      refunded: null,
      commission: CNY(100_000),
      createdAt: 1_607_049_182_000,
      updatedAt: null,
      paidAt: null,
      items: [],
      raw: JSON.stringify(dachui),
    });
  });

  it('takes the time from create_time, which agrees with the UTC stamp inside order_no', () => {
    const order = mapOrder(dachui!, 'all');
    expect(order.createdAt).toBe(Date.UTC(2020, 11, 4, 2, 33, 2));
    expect(mapOrder(dbh!, 'all').createdAt).toBe(Date.UTC(2020, 11, 2, 6, 10, 32));
    expect(mapOrder(yaonana!, 'all').createdAt).toBe(Date.UTC(2020, 11, 2, 2, 51, 53));
  });

  it('keeps the raw record with its own key order', () => {
    const raw = JSON.parse(mapOrder(dbh!, 'wait').raw) as Record<string, unknown>;
    expect(Object.keys(raw).slice(0, 3)).toEqual(['id', 'username', 'user_level']);
    expect(raw.price).toBe('50000');
    expect(raw.p_user_commission).toBe(160);
  });

  it('gives the user and three upline levels their commissions', () => {
    const base = { orderNo: '202012040233020N5172ECCBC8', status: 'confirmed', statusRaw: 'success', earnedAt: 1_607_049_182_000 };
    expect(mapCommissions(dachui!, 'success')).toEqual([
      { ...base, beneficiary: 'dachui3', level: 0, amount: CNY(100_000) },
      { ...base, beneficiary: '108', level: 1, amount: CNY(16_000) },
      { ...base, beneficiary: '80', level: 2, amount: CNY(10_000) },
      { ...base, beneficiary: '2', level: 3, amount: CNY(4_000) },
    ]);
  });

  it('gives no upline commission where the upline user is "0"', () => {
    const records = mapCommissions(yaonana!, 'fail');
    expect(records).toEqual([
      {
        orderNo: '202012020251530M4857A87FF6',
        beneficiary: 'yaonana',
        level: 0,
        amount: CNY(100_000),
        status: 'invalid',
        statusRaw: 'fail',
        earnedAt: 1_606_877_513_000,
      },
    ]);
    expect(mapOrder(yaonana!, 'fail').total).toEqual(CNY(6_000_000));
  });

  it('maps the query status to order and commission statuses', () => {
    const cases = [
      ['success', 'completed', 'confirmed'],
      ['fail', 'failed', 'invalid'],
      ['wait', 'pending', 'pending'],
      ['all', 'unknown', 'unknown'],
    ] as const;
    for (const [query, order, commission] of cases) {
      expect(mapOrder(dachui!, query)).toMatchObject({ status: order, statusRaw: query });
      expect(mapCommissions(dachui!, query).every((c) => c.status === commission && c.statusRaw === query)).toBe(true);
    }
  });

  it('maps a whole result into one batch', () => {
    const batch = mapOrdersResult({ username: 'x', status: 'wait', orders: [dachui!, dbh!, yaonana!] });
    expect(batch.orders.map((o) => o.orderNo)).toEqual([
      '202012040233020N5172ECCBC8',
      '202012020610320K1998ECCBC8',
      '202012020251530M4857A87FF6',
    ]);
    expect(batch.commissions).toHaveLength(4 + 4 + 1);
    expect(batch.cards).toEqual([]);
  });
});

describe('itboye mapping of odd values', () => {
  it('keeps a huge id exactly (lossless JSON) and accepts numeric upline ids and fen as numbers', () => {
    const body = parseJsonLossless(
      '{"id":123456789012345678901,"order_no":"N1","username":"u","price":50000,"commission_amount":"7",' +
        '"parent_user":108,"pp_user":null,"ppp_user":"0","p_user_commission":"3","pp_user_commission":5,"create_time":1606877513}',
    );
    const order = validated(body);
    const mapped = mapOrder(order, 'success');
    expect(mapped.externalOrderNo).toBe('123456789012345678901');
    expect(mapped.total).toEqual(CNY(5_000_000));
    expect(mapped.title).toBeNull();
    expect(mapCommissions(order, 'success').map((c) => [c.level, c.beneficiary, c.amount.scaled])).toEqual([
      [0, 'u', 700],
      [1, '108', 300],
    ]);
  });

  it('converts any fen amount exactly (¥0.01 steps, no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (fen) => {
        const order = validated({ id: 1, order_no: 'N', username: 'u', price: String(fen), commission_amount: fen, create_time: '1' });
        expect(mapOrder(order, 'all').total?.scaled).toBe(fen * 100);
        expect(mapCommissions(order, 'all')[0]?.amount.scaled).toBe(fen * 100);
      }),
    );
  });

  it('refuses amounts that are not integer fen', () => {
    const base = { id: 1, order_no: 'N', username: 'u', create_time: '1' };
    expect(orderSchema.safeParse({ ...base, price: '500.00' }).success).toBe(false);
    expect(orderSchema.safeParse({ ...base, price: 12.5 }).success).toBe(false);
    expect(orderSchema.safeParse({ ...base, price: '50000', create_time: '-5' }).success).toBe(false);
  });
});
