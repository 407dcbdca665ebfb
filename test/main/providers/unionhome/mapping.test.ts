import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import { mapOrderStatus, mapUnionhomeOrder, type UnionhomeOrder } from '../../../../src-main/providers/unionhome/mapping.js';
import { orderDetailSchema, type JsonObject } from '../../../../src-main/providers/unionhome/schemas.js';
import { SEED_SUCCESS_REPAIRED } from '../../../../src-main/providers/unionhome/simulator-seed.js';

function seedData(): JsonObject {
  return (parseJsonLossless(SEED_SUCCESS_REPAIRED) as { data: JsonObject }).data;
}

function orderOf(data: JsonObject): UnionhomeOrder {
  return { detail: orderDetailSchema.parse(data), data };
}

const CNY = (scaled: number) => ({ scaled, currency: 'CNY' });

describe('mapUnionhomeOrder — the seed example (repaired)', () => {
  const { record, masked } = mapUnionhomeOrder(orderOf(seedData()));

  it('maps ids, status, money and times exactly', () => {
    expect(record.orderNo).toBe('202007110940097797825832');
    expect(record.externalOrderNo).toBe('1');
    expect(record.status).toBe('processing');
    expect(record.statusRaw).toBe('7');
    expect(record.total).toEqual(CNY(333_000_000));
    expect(record.paid).toEqual(CNY(100)); // 0.01 paid although the deposit is 33300.00
    expect(record.refunded).toBeNull();
    expect(record.commission).toBeNull();
    expect(record.createdAt).toBe(1_594_431_609_000); // 2020-07-11 09:40:09 Asia/Shanghai
    expect(record.paidAt).toBe(1_594_432_311_000); // "1594432311" Unix seconds
    expect(record.updatedAt).toBeNull();
    expect(record.buyer).toBe('4');
    expect(record.title).toBe('28孔基础款调料台');
  });

  it('turns priced goods_json options into items, including the fruidtitle/fruitsvalue quirk', () => {
    expect(record.items).toHaveLength(6);
    const [base, fruit] = record.items;
    expect(base).toMatchObject({ itemKey: 'kwobjsize', title: '28孔基础款调料台', sku: 'KLD28BDF-6F', quantity: 1 });
    expect(base?.amount).toEqual(CNY(208_000_000));
    expect(base?.unitPrice).toEqual(CNY(208_000_000));
    expect(fruit).toMatchObject({ itemKey: 'fruidtitle', title: '冷藏冰鲜水果台', sku: null, quantity: 6 });
    expect(fruit?.amount).toEqual(CNY(45_000_000));
    expect(fruit?.unitPrice).toEqual(CNY(7_500_000));
    expect(JSON.parse(fruit?.raw ?? '')).toEqual({ title: '冷藏冰鲜水果台', fruitsvalue: '数量(6)', fruidprice: '总价¥4500' });
    const sum = record.items.reduce((acc, i) => acc + (i.amount?.scaled ?? 0), 0);
    expect(sum).toBe(record.total?.scaled); // the 合计 line is not an item
    expect(record.items.some((i) => i.itemKey === 'allprice' || i.itemKey === 'num')).toBe(false);
  });

  it('masks phones and e-mails in the masked view and keeps the raw payload complete', () => {
    expect(masked.goodsForm).toEqual({
      accounttype: '公司',
      username: '高海龙',
      conpanyname: '深圳联盟之都',
      userphone: '157****8260',
      wechatnum: 'gaohail',
      emailnum: '1***@qq.com',
    });
    expect(masked.goodsAddress.phone).toBe('157****8260');
    expect(masked.goodsAddress.address).toBe('爱南路366号启正源商务中心701室');
    const normalized = JSON.stringify({ ...record, raw: '' });
    expect(normalized).not.toContain('15768868260');
    expect(normalized).not.toContain('1482418657@qq.com');
    expect(JSON.parse(record.raw)).toEqual(JSON.parse(SEED_SUCCESS_REPAIRED).data);
  });
});

describe('order_status', () => {
  it.each([
    [0, 'pending'],
    [1, 'processing'],
    [2, 'failed'],
    [3, 'cancelled'],
    [4, 'processing'],
    [5, 'refunded'],
    [6, 'processing'],
    [7, 'processing'],
    [8, 'completed'],
    [9, 'processing'],
    [10, 'completed'],
    [11, 'completed'],
    [12, 'unknown'],
    [-1, 'unknown'],
  ] as const)('%i → %s', (code, status) => {
    expect(mapOrderStatus(code)).toBe(status);
  });

  it('keeps the raw status text and accepts it as a string', () => {
    const { record } = mapUnionhomeOrder(orderOf({ ...seedData(), order_status: '5' }));
    expect([record.status, record.statusRaw]).toEqual(['refunded', '5']);
  });
});

describe('variants and fallbacks', () => {
  it('keeps a bare 24-digit goods_order_num exact', () => {
    const text = SEED_SUCCESS_REPAIRED.replace('"202007110940097797825832"', '202007110940097797825832');
    const data = (parseJsonLossless(text) as { data: JsonObject }).data;
    const { record } = mapUnionhomeOrder(orderOf(data));
    expect(record.orderNo).toBe('202007110940097797825832');
  });

  it('reads swapped time formats and an unpaid order', () => {
    const { record } = mapUnionhomeOrder(
      orderOf({ ...seedData(), create_at: '1594431609', pay_at: '', paid_pay: '0.00', order_status: 0 }),
    );
    expect(record.createdAt).toBe(1_594_431_609_000);
    expect(record.paidAt).toBeNull();
    expect(record.paid).toEqual(CNY(0));
    expect(record.status).toBe('pending');
  });

  it('falls back to goods_title and one whole-order item when goods_json has no prices', () => {
    const { record } = mapUnionhomeOrder(orderOf({ ...seedData(), goods_json: [] }));
    expect(record.title).toBe('KLD28BDF-6F');
    expect(record.items).toHaveLength(1);
    expect(record.items[0]).toMatchObject({ itemKey: 'order', sku: 'KLD28BDF-6F', quantity: 1 });
    expect(record.items[0]?.amount).toEqual(CNY(333_000_000));
  });

  it('masks PII in remarks too', () => {
    const { masked } = mapUnionhomeOrder(orderOf({ ...seedData(), order_remark: '送货前联系 13912345678 或 li.na@163.com' }));
    expect(masked.orderRemark).toBe('送货前联系 139****5678 或 l***@163.com');
  });
});
