import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import { envelopeSchema, orderDetailSchema, parseUnionhomeTime, type JsonObject } from '../../../../src-main/providers/unionhome/schemas.js';
import { SEED_SUCCESS_REPAIRED } from '../../../../src-main/providers/unionhome/simulator-seed.js';

const seed = (): JsonObject => (parseJsonLossless(SEED_SUCCESS_REPAIRED) as { data: JsonObject }).data;

describe('parseUnionhomeTime', () => {
  it.each([
    ['2020-07-11 09:40:09', 1_594_431_609_000],
    ['1594432311', 1_594_432_311_000],
    [1594432311, 1_594_432_311_000],
    ['1594432311000', 1_594_432_311_000],
    ['', null],
    ['0', null],
    [0, null],
    ['0000-00-00 00:00:00', null],
    [null, null],
  ] as const)('%j → %j', (input, expected) => {
    expect(parseUnionhomeTime(input)).toBe(expected);
  });

  it('throws on text that is no time', () => {
    expect(() => parseUnionhomeTime('yesterday')).toThrow();
  });
});

describe('orderDetailSchema', () => {
  it('accepts the seed example with its real types (objects, int exp_time, boolean flag)', () => {
    const detail = orderDetailSchema.parse(seed());
    expect(detail.goods_order_num).toBe('202007110940097797825832');
    expect(detail.uid).toBe('4');
    expect(detail.exp_time).toBe(0);
    expect(detail.show_save_img_btn).toBe(false);
    expect(detail.order_status).toBe(7);
    expect(Object.keys(detail.goods_json)).toContain('fruidtitle');
  });

  it('accepts the documented variants: JSON-text objects, [] for empty, string int and boolean, numeric ids', () => {
    const data = seed();
    const detail = orderDetailSchema.parse({
      ...data,
      order_id: '1',
      goods_json: JSON.stringify(data.goods_json),
      goods_form: '',
      goods_address: [],
      exp_time: '1800',
      order_status: '8',
      show_save_img_btn: 'true',
      pay_order_num: 4200000598,
      paid_pay: 0.01,
      closing_at: '2020-07-11 10:10:09',
    });
    expect(detail.order_id).toBe(1);
    expect(detail.goods_json).toEqual(data.goods_json);
    expect(detail.goods_form).toEqual({});
    expect(detail.goods_address).toEqual({});
    expect(detail.exp_time).toBe(1800);
    expect(detail.order_status).toBe(8);
    expect(detail.show_save_img_btn).toBe(true);
    expect(detail.pay_order_num).toBe('4200000598');
  });

  it('keeps unknown extra fields', () => {
    expect(orderDetailSchema.parse({ ...seed(), refund_price: '1.00' })).toMatchObject({ refund_price: '1.00' });
  });

  it.each([
    ['goods_pay_price', 'abc'],
    ['create_at', '昨天'],
    ['pay_at', 'soon'],
    ['order_status', 'paid'],
    ['goods_order_num', '2020-07-11'],
    ['goods_json', '{not json'],
    ['show_save_img_btn', 'maybe'],
    ['order_id', 0],
  ])('rejects %s = %j', (field, value) => {
    expect(orderDetailSchema.safeParse({ ...seed(), [field]: value }).success).toBe(false);
  });

  it('requires the natural key', () => {
    const data = seed();
    delete data.goods_order_num;
    expect(orderDetailSchema.safeParse(data).success).toBe(false);
  });
});

describe('envelopeSchema', () => {
  it('reads both envelopes of the seed', () => {
    expect(envelopeSchema.parse({ status: 0, msg: 'token过期', data: [] })).toMatchObject({ status: 0, msg: 'token过期' });
    expect(envelopeSchema.parse({ status: '200', msg: '成功', data: {}, other: [] }).status).toBe(200);
  });

  it('rejects a body without a status', () => {
    expect(envelopeSchema.safeParse({ code: 0, data: [] }).success).toBe(false);
  });
});
