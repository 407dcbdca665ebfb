import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import {
  mapDuomaiOrder,
  mapDuomaiOrders,
  mapDuomaiSettlement,
  mapDuomaiSettlements,
  settlementChangeKey,
} from '../../../../src-main/providers/duomai/mapping.js';
import { duomaiOrderRowSchema, duomaiSettlementRowSchema, type DuomaiOrderRow, type DuomaiSettlementRow } from '../../../../src-main/providers/duomai/schemas.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';

function orderRow(overrides: Record<string, unknown> = {}): DuomaiOrderRow {
  return duomaiOrderRowSchema.parse({
    id: 80000001,
    ads_id: '12688',
    ads_name: '天猫商城',
    site_id: '352718',
    link_id: '100200',
    euid: 'u1001',
    order_sn: '200000027689436943124126',
    parent_order_sn: '200000027689436943124000',
    order_time: '2024-03-01 08:30:15',
    orders_price: '1234.56',
    siter_commission: '61.73',
    currency: 'CNY',
    status: '2',
    confirm_price: '1200.0000',
    confirm_siter_commission: '60.0050',
    charge_currency: 'CNY',
    charge_time: '2024-03-05 10:00:00',
    details: [
      { goods_id: '111', goods_name: '京东E卡100元', goods_price: '100.00', goods_ta: '2', orders_price: '200.00' },
      { goods_id: '111', goods_name: '京东E卡100元', goods_price: '1034.56', goods_ta: '1', orders_price: '1034.56' },
    ],
    ...overrides,
  });
}

function settlementRow(overrides: Record<string, unknown> = {}): DuomaiSettlementRow {
  return duomaiSettlementRowSchema.parse({
    order_sn: '800000822765404426518272',
    order_time: '2024-03-01 11:48:28',
    euid: 'wx_888',
    confirm_price_old: null,
    modify_price: null,
    confirm_price: null,
    confirm_siter_commission_old: '1.6000',
    modify_siter_commission: '-0.1734',
    confirm_siter_commission: '1.4266',
    modify_at: '2024-03-01 12:24:38',
    ads_id: '15201',
    ads_name: '亚马逊海外购',
    charge_currency: 'USD',
    ...overrides,
  });
}

describe('duomai order mapping', () => {
  it('maps a settled order field by field', () => {
    const { order, commission } = mapDuomaiOrder(orderRow());
    expect(order).toMatchObject({
      orderNo: '200000027689436943124126',
      externalOrderNo: '200000027689436943124000',
      status: 'completed',
      statusRaw: '2',
      title: '京东E卡100元',
      buyer: 'u1001',
      total: { scaled: 12_345_600, currency: 'CNY' },
      paid: null,
      refunded: null,
      commission: { scaled: 600_050, currency: 'CNY' },
      createdAt: Date.UTC(2024, 2, 1, 0, 30, 15),
      updatedAt: Date.UTC(2024, 2, 5, 2, 0, 0),
      paidAt: null,
    });
    expect(order.items.map((i) => [i.itemKey, i.quantity, i.unitPrice?.scaled, i.amount?.scaled])).toEqual([
      ['111', 2, 1_000_000, 2_000_000],
      ['111#1', 1, 10_345_600, 10_345_600],
    ]);
    expect(JSON.parse(order.raw)).toMatchObject({ order_sn: '200000027689436943124126', orders_price: '1234.56' });
    expect(commission).toEqual({
      orderNo: '200000027689436943124126',
      beneficiary: 'site:352718',
      level: 0,
      amount: { scaled: 600_050, currency: 'CNY' },
      status: 'settled',
      statusRaw: '2',
      earnedAt: Date.UTC(2024, 2, 1, 0, 30, 15),
    });
  });

  it.each([
    ['-1', 'failed', 'invalid'],
    ['0', 'pending', 'estimated'],
    ['1', 'processing', 'confirmed'],
    ['2', 'completed', 'settled'],
    ['7', 'unknown', 'unknown'],
  ] as const)('maps status %s to %s / %s', (raw, orderStatus, commissionStatus) => {
    const { order, commission } = mapDuomaiOrder(orderRow({ status: raw }));
    expect(order.status).toBe(orderStatus);
    expect(order.statusRaw).toBe(raw);
    expect(commission?.status).toBe(commissionStatus);
  });

  it('accepts a numeric status', () => {
    expect(mapDuomaiOrder(orderRow({ status: -1 })).order.status).toBe('failed');
  });

  it('uses the estimated commission until the order is confirmed', () => {
    const { order } = mapDuomaiOrder(orderRow({ status: '0', confirm_price: null, confirm_siter_commission: null }));
    expect(order.commission).toEqual({ scaled: 617_300, currency: 'CNY' });
    const confirmedWithoutValue = mapDuomaiOrder(orderRow({ status: '1', confirm_siter_commission: '' })).order;
    expect(confirmedWithoutValue.commission).toEqual({ scaled: 617_300, currency: 'CNY' });
  });

  it('keeps USD rows in USD and never mixes currencies', () => {
    const { order, commission } = mapDuomaiOrder(orderRow({ currency: 'USD', charge_currency: 'USD' }));
    expect(order.total?.currency).toBe('USD');
    expect(order.commission?.currency).toBe('USD');
    expect(order.items.every((i) => i.amount?.currency === 'USD')).toBe(true);
    expect(commission?.amount.currency).toBe('USD');
  });

  it('takes order amounts in `currency` and confirmed amounts in `charge_currency`', () => {
    const { order } = mapDuomaiOrder(orderRow({ currency: 'USD', charge_currency: 'CNY' }));
    expect(order.total?.currency).toBe('USD');
    expect(order.commission?.currency).toBe('CNY');
    const onlyCharge = mapDuomaiOrder(orderRow({ currency: undefined, charge_currency: 'USD' })).order;
    expect(onlyCharge.total?.currency).toBe('USD');
  });

  it('accepts the `parentordersn` spelling and an empty parent', () => {
    expect(mapDuomaiOrder(orderRow({ parent_order_sn: undefined, parentordersn: 'P-1' })).order.externalOrderNo).toBe('P-1');
    expect(mapDuomaiOrder(orderRow({ parent_order_sn: '' })).order.externalOrderNo).toBeNull();
  });

  it('reads PHP zero dates as "not yet"', () => {
    const { order } = mapDuomaiOrder(orderRow({ status: '1', charge_time: '0000-00-00 00:00:00' }));
    expect(order.updatedAt).toBeNull();
  });

  it('keeps a 24-digit order number sent as a bare JSON number exactly', () => {
    const parsed = parseJsonLossless('{"order_sn":800001899391474564921134,"status":"0","orders_price":"1.00"}');
    const { order } = mapDuomaiOrder(duomaiOrderRowSchema.parse(parsed));
    expect(order.orderNo).toBe('800001899391474564921134');
  });

  it('falls back to the euid as beneficiary and skips a commission that is absent', () => {
    const noSite = mapDuomaiOrder(orderRow({ site_id: '' })).commission;
    expect(noSite?.beneficiary).toBe('u1001');
    const none = mapDuomaiOrder(orderRow({ status: '0', siter_commission: null, confirm_siter_commission: null }));
    expect(none.commission).toBeNull();
    expect(mapDuomaiOrders([orderRow({ status: '0', siter_commission: null })]).commissions).toEqual([]);
  });

  it('fails the page with bad_response and the raw row when a value cannot be read', () => {
    let caught: unknown;
    try {
      mapDuomaiOrders([orderRow(), orderRow({ orders_price: '12,3x' })]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderError);
    expect((caught as ProviderError).kind).toBe('bad_response');
    expect((caught as ProviderError).raw).toContain('12,3x');
    expect(() => mapDuomaiOrders([orderRow({ currency: 'EUR' })])).toThrow(ProviderError);
    expect(() => mapDuomaiOrders([orderRow({ order_time: '2024-02-30 00:00:00' })])).toThrow(ProviderError);
  });
});

describe('duomai settlement mapping', () => {
  it('maps a commission-only revision with nulls kept as null', () => {
    const s = mapDuomaiSettlement(settlementRow());
    expect(s).toMatchObject({
      orderNo: '800000822765404426518272',
      orderTime: Date.UTC(2024, 2, 1, 3, 48, 28),
      modifiedAt: Date.UTC(2024, 2, 1, 4, 24, 38),
      priceOld: null,
      priceDelta: null,
      priceNew: null,
      commissionOld: { scaled: 16_000, currency: 'USD' },
      commissionDelta: { scaled: -1_734, currency: 'USD' },
      commissionNew: { scaled: 14_266, currency: 'USD' },
      adsId: '15201',
      adsName: '亚马逊海外购',
      euid: 'wx_888',
      currency: 'USD',
    });
    expect(s.changeKey).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.parse(s.raw)).toMatchObject({ confirm_price_old: null, modify_siter_commission: '-0.1734' });
  });

  it('maps price and commission old/delta/new exactly', () => {
    const s = mapDuomaiSettlement(
      settlementRow({ confirm_price_old: '40.0500', modify_price: '1.9615', confirm_price: '42.0115', charge_currency: 'CNY' }),
    );
    expect([s.priceOld?.scaled, s.priceDelta?.scaled, s.priceNew?.scaled]).toEqual([400_500, 19_615, 420_115]);
    expect(s.priceNew?.currency).toBe('CNY');
  });

  it('gives the same revision the same key however its decimals are typed', () => {
    const a = settlementChangeKey(settlementRow());
    expect(settlementChangeKey(settlementRow({ confirm_siter_commission_old: 1.6, confirm_siter_commission: '1.42660' }))).toBe(a);
  });

  it('distinguishes null from zero and a different modify time', () => {
    const a = settlementChangeKey(settlementRow());
    expect(settlementChangeKey(settlementRow({ confirm_price_old: '0.0000' }))).not.toBe(a);
    expect(settlementChangeKey(settlementRow({ modify_at: '2024-03-01 12:24:39' }))).not.toBe(a);
    expect(settlementChangeKey(settlementRow({ modify_siter_commission: '0.1734' }))).not.toBe(a);
  });

  it('maps a page and fails it with bad_response on an unreadable amount', () => {
    expect(mapDuomaiSettlements([settlementRow(), settlementRow({ modify_at: '2024-03-02 00:00:00' })]).settlements).toHaveLength(2);
    expect(() => mapDuomaiSettlements([settlementRow({ modify_price: 'abc' })])).toThrow(ProviderError);
  });
});
