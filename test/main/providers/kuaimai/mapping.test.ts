import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../../src-main/providers/json.js';
import {
  mapMoneyRecords,
  mapSysStatus,
  mapTrade,
  netFlow,
  parseKuaimaiTime,
} from '../../../../src-main/providers/kuaimai/mapping.js';
import type { KuaimaiMoneyRecord, KuaimaiTrade } from '../../../../src-main/providers/kuaimai/schemas.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';

// The response example of seed 002, verbatim.
const SEED_RESPONSE = `{ "traceId": "3042357545355406144", "list": [ { "amount": -4.4, "created": "2023-11-15 16:13:12", "detail": { "acPayment": "4.40", "payment": "4.40", "orders": [ { "acPayment": "4.40", "price": "12.9", "sourceOrderCode": "6923753248120509977", "num": 1, "sysOuterId": "SBBPC-001", "subSourceOrderCode": "6923753248120509977", "platformItemId": "3647679373315804299" } ], "tid": "FXG-1461914536" }, "flowType": 1 } ], "total": 1, "success": true }`;

function seedRecords(): KuaimaiMoneyRecord[] {
  return (parseJsonLossless(SEED_RESPONSE) as { list: KuaimaiMoneyRecord[] }).list;
}

describe('mapMoneyRecords (seed example)', () => {
  it('maps the seed record exactly', () => {
    const [flow] = mapMoneyRecords('FXG-1461914536', seedRecords());
    expect(flow).toBeDefined();
    expect(flow!.tid).toBe('FXG-1461914536');
    expect(flow!.flowType).toBe(1);
    expect(flow!.amount).toEqual({ scaled: -44_000, currency: 'CNY' });
    expect(flow!.createdAt).toBe(Date.UTC(2023, 10, 15, 8, 13, 12));
    expect(flow!.payment).toEqual({ scaled: 44_000, currency: 'CNY' });
    expect(flow!.paid).toEqual({ scaled: 44_000, currency: 'CNY' });
    expect(flow!.postFee).toBeNull();
    expect(flow!.items).toHaveLength(1);
    expect(flow!.items[0]).toMatchObject({
      itemKey: '6923753248120509977',
      title: null,
      sku: 'SBBPC-001',
      quantity: 1,
      unitPrice: { scaled: 129_000, currency: 'CNY' },
      amount: { scaled: 44_000, currency: 'CNY' },
    });
    expect(JSON.parse(flow!.raw)).toMatchObject({ amount: -4.4, flowType: 1, created: '2023-11-15 16:13:12' });
    expect(flow!.flowKey).toMatch(/^[0-9a-f]{40}$/);
  });

  it('gives stable keys: identical flows differ by occurrence, appended flows do not shift earlier keys', () => {
    const record = seedRecords()[0]!;
    const twice = mapMoneyRecords('FXG-1461914536', [record, record]);
    expect(twice[0]!.flowKey).not.toBe(twice[1]!.flowKey);
    const refund = { ...record, amount: 4.4, flowType: 2, created: '2023-11-16 10:00:00' };
    const later = mapMoneyRecords('FXG-1461914536', [record, record, refund]);
    expect(later.slice(0, 2).map((f) => f.flowKey)).toEqual(twice.map((f) => f.flowKey));
    expect(mapMoneyRecords('FXG-1461914536', [record])[0]!.flowKey).toBe(twice[0]!.flowKey);
    expect(netFlow(later).scaled).toBe(-44_000);
  });

  it('reads amounts as exact decimals, whether number or string', () => {
    const record = seedRecords()[0]!;
    const flows = mapMoneyRecords('X', [
      { ...record, amount: 0.1 },
      { ...record, amount: '-1234.56' },
      { ...record, amount: -0.07 },
    ]);
    expect(flows.map((f) => f.amount.scaled)).toEqual([1000, -12_345_600, -700]);
  });

  it('turns an unreadable value into bad_response with the record kept', () => {
    const record = { ...seedRecords()[0]!, created: '15/11/2023' };
    let error: unknown;
    try {
      mapMoneyRecords('FXG-1461914536', [record]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('bad_response');
    expect((error as ProviderError).raw).toContain('15/11/2023');
  });
});

describe('mapTrade', () => {
  const TRADE_JSON = `{"sid":3000000000000001234,"tid":"PDD-0123456789","source":"pdd","sysStatus":"FINISHED","buyerNick":"王**12",
    "created":1709254800000,"modified":"2024-03-01 10:00:00","payTime":"2024-03-01 09:01:02","payment":"129.90","postFee":"0.00",
    "orders":[{"oid":5000000000000000004,"title":"京东E卡100元","sysOuterId":"SBBPC-003","outerSkuId":"SBBPC-003","num":2,"price":"65","payment":"129.90"}]}`;

  it('keeps 19-digit ids as strings and converts money and both time forms', () => {
    const order = mapTrade(parseJsonLossless(TRADE_JSON) as KuaimaiTrade);
    expect(order.orderNo).toBe('3000000000000001234');
    expect(order.externalOrderNo).toBe('PDD-0123456789');
    expect(order.status).toBe('completed');
    expect(order.statusRaw).toBe('FINISHED');
    expect(order.title).toBe('京东E卡100元');
    expect(order.buyer).toBe('王**12');
    expect(order.total).toEqual({ scaled: 1_299_000, currency: 'CNY' });
    expect(order.paid).toBeNull();
    expect(order.createdAt).toBe(1709254800000);
    expect(order.updatedAt).toBe(Date.UTC(2024, 2, 1, 2, 0, 0));
    expect(order.paidAt).toBe(Date.UTC(2024, 2, 1, 1, 1, 2));
    expect(order.items).toEqual([
      expect.objectContaining({
        itemKey: '5000000000000000004',
        title: '京东E卡100元',
        sku: 'SBBPC-003',
        quantity: 2,
        unitPrice: { scaled: 650_000, currency: 'CNY' },
        amount: { scaled: 1_299_000, currency: 'CNY' },
      }),
    ]);
    expect(JSON.parse(order.raw).sid).toBe('3000000000000001234');
  });

  it('falls back to updTime and tolerates missing optional fields', () => {
    const order = mapTrade({ sid: 42, updTime: 1709254800000 } as KuaimaiTrade);
    expect(order.orderNo).toBe('42');
    expect(order.updatedAt).toBe(1709254800000);
    expect(order.status).toBe('unknown');
    expect(order.items).toEqual([]);
    expect(order.total).toBeNull();
  });

  it('maps every documented sysStatus', () => {
    expect(mapSysStatus('WAIT_BUYER_PAY')).toBe('pending');
    for (const s of ['WAIT_AUDIT', 'WAIT_FINANCE_AUDIT', 'FINISHED_AUDIT', 'WAIT_EXPRESS_PRINT', 'WAIT_PACKAGE', 'WAIT_WEIGHT', 'WAIT_SEND_GOODS', 'SELLER_SEND_GOODS']) {
      expect(mapSysStatus(s)).toBe('processing');
    }
    expect(mapSysStatus('FINISHED')).toBe('completed');
    expect(mapSysStatus('CLOSED')).toBe('cancelled');
    expect(mapSysStatus('SOMETHING_NEW')).toBe('unknown');
    expect(mapSysStatus(null)).toBe('unknown');
  });
});

describe('parseKuaimaiTime', () => {
  it('reads epoch ms, Unix seconds and GMT+8 wall time', () => {
    expect(parseKuaimaiTime(1709254800000)).toBe(1709254800000);
    expect(parseKuaimaiTime('1709254800000')).toBe(1709254800000);
    expect(parseKuaimaiTime(1709254800)).toBe(1709254800000);
    expect(parseKuaimaiTime('2024-03-01 09:00:00')).toBe(Date.UTC(2024, 2, 1, 1, 0, 0));
    expect(parseKuaimaiTime(null)).toBeNull();
    expect(parseKuaimaiTime('')).toBeNull();
  });
});
