import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../src-main/domain/time.js';
import { KUAIMAI_CONTENT_TYPE, type KuaimaiClient } from '../../../../src-main/providers/kuaimai/client.js';
import { mapMoneyRecords, mapTrades } from '../../../../src-main/providers/kuaimai/mapping.js';
import { signParams } from '../../../../src-main/providers/kuaimai/sign.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import type { FetchLike } from '../../../../src-main/providers/http.js';
import { DAY2_END, DAY2_START, SIM_NOW, clientFor, sentFields, startTestSimulator, type TestSim } from './fixtures.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(async () => {
  await t.sim.close();
});
beforeEach(() => {
  t.sim.clearFaults();
  t.clock.now = SIM_NOW;
});

const WINDOW = { timeType: 'upd_time', startTime: DAY2_START, endTime: DAY2_END } as const;

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('kuaimai client requests', () => {
  it('posts exactly the signed params as a urlencoded form, with no empty params', async () => {
    const client = clientFor(t.sim);
    await client.tradeList({ ...WINDOW, pageNo: 1, pageSize: 50 });
    const req = t.sim.requests.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/router');
    expect(req.headers['content-type']).toBe(KUAIMAI_CONTENT_TYPE);
    const fields = sentFields(req.bodyText);
    expect(fields).toEqual({
      method: 'erp.trade.list.query',
      appKey: t.sim.credentials.appKey,
      timestamp: '2024-03-08 12:00:00',
      format: 'json',
      version: '1.0',
      sign_method: 'hmac',
      session: t.sim.credentials.session,
      timeType: 'upd_time',
      startTime: '2024-03-02 00:00:00',
      endTime: '2024-03-02 23:59:59',
      pageNo: '1',
      pageSize: '50',
      sign: fields['sign'],
    });
    expect(fields['sign']).toBe(signParams(fields, t.sim.credentials.appSecret, 'hmac'));

    await client.moneyRecords('FXG-0000000001');
    const moneyFields = sentFields(t.sim.requests.at(-1)!.bodyText);
    expect(Object.keys(moneyFields)).not.toContain('supplierCompanyId');
    expect(Object.keys(moneyFields)).not.toContain('distributorCompanyId');
    expect(moneyFields['tid']).toBe('FXG-0000000001');
  });

  it.each(['md5', 'hmac-sha256'] as const)('signs with %s and the gateway accepts it', async (signMethod) => {
    const page = await clientFor(t.sim, { signMethod }).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 });
    expect(page.list).toHaveLength(2);
    const fields = sentFields(t.sim.requests.at(-1)!.bodyText);
    expect(fields['sign_method']).toBe(signMethod);
    expect(fields['sign']).toHaveLength(signMethod === 'md5' ? 32 : 64);
  });

  it('refuses a window over one day, a bad page size or an inverted window before sending', async () => {
    const client = clientFor(t.sim);
    const before = t.sim.requests.length;
    const tooLong = await failure(client.tradeList({ ...WINDOW, endTime: DAY2_START + DAY_MS + 1000, pageNo: 1, pageSize: 50 }));
    expect(tooLong.kind).toBe('rejected');
    expect(tooLong.message).toContain('不能超过 1 天');
    expect((await failure(client.tradeList({ ...WINDOW, pageNo: 1, pageSize: 201 }))).kind).toBe('rejected');
    expect((await failure(client.tradeList({ ...WINDOW, pageNo: 1, pageSize: 1 }))).kind).toBe('rejected');
    expect((await failure(client.tradeList({ ...WINDOW, pageNo: 0, pageSize: 50 }))).kind).toBe('rejected');
    expect((await failure(client.tradeList({ ...WINDOW, startTime: DAY2_END, endTime: DAY2_START, pageNo: 1, pageSize: 50 }))).kind).toBe('rejected');
    expect(t.sim.requests.length).toBe(before);
    // Exactly one day of wall time is allowed.
    await expect(client.tradeList({ ...WINDOW, endTime: DAY2_START + DAY_MS, pageNo: 1, pageSize: 2 })).resolves.toBeDefined();
  });
});

describe('kuaimai client mapping of simulator pages', () => {
  it('maps one trade page field by field against the ground truth', async () => {
    const page = await clientFor(t.sim).tradeList({ ...WINDOW, pageNo: 1, pageSize: 20 });
    const truth = t.sim.dataset.tradesInWindow('upd_time', DAY2_START, DAY2_END);
    expect(page.total).toBe(truth.length);
    const orders = mapTrades(page.list);
    expect(orders).toHaveLength(20);
    orders.forEach((order, i) => {
      const expected = truth[i]!;
      expect(order.orderNo).toBe(expected.sid);
      expect(order.orderNo).toMatch(/^\d{19}$/);
      expect(order.externalOrderNo).toBe(expected.tid);
      expect(order.statusRaw).toBe(expected.sysStatus);
      expect(order.total).toEqual({ scaled: expected.paymentFen * 100, currency: 'CNY' });
      expect(order.createdAt).toBe(expected.createdMs);
      expect(order.updatedAt).toBe(expected.modifiedMs);
      expect(order.paidAt).toBe(expected.payTimeMs);
      expect(order.buyer).toBe(expected.buyerNick);
      expect(order.items.map((item) => [item.itemKey, item.title, item.sku, item.quantity, item.unitPrice?.scaled, item.amount?.scaled])).toEqual(
        expected.orders.map((o) => [o.oid, o.title, o.sysOuterId, o.num, o.priceFen * 100, o.paymentFen * 100]),
      );
    });
  });

  it('maps the money records of a tid against the ground truth', async () => {
    const truth = t.sim.dataset.tradesInWindow('upd_time', DAY2_START, DAY2_END).find((trade) => trade.flows.length >= 2)!;
    expect(truth).toBeDefined();
    const page = await clientFor(t.sim).moneyRecords(truth.tid, { supplierCompanyId: t.sim.credentials.supplierCompanyId });
    const flows = mapMoneyRecords(truth.tid, page.list);
    expect(page.total).toBe(truth.flows.length);
    expect(flows.map((f) => [f.flowType, f.amount.scaled, f.createdAt])).toEqual(
      truth.flows.map((f) => [f.flowType, f.amountFen * 100, f.createdMs]),
    );
    expect(flows[0]!.amount.scaled).toBeLessThan(0);
    for (const flow of flows) {
      expect(flow.tid).toBe(truth.tid);
      expect(flow.payment?.scaled).toBe(truth.paymentFen * 100);
      expect(flow.paid?.scaled).toBe(truth.acPaymentFen * 100);
      expect(flow.postFee?.scaled).toBe(truth.postFeeFen * 100);
      expect(flow.items.map((i) => i.itemKey)).toEqual(truth.orders.map((o) => o.subSourceOrderCode));
    }
  });

  it('gets no flows for another supplier or an unknown tid', async () => {
    const client = clientFor(t.sim);
    const tid = t.sim.dataset.trade(5).tid;
    expect((await client.moneyRecords(tid, { supplierCompanyId: 'other' })).list).toEqual([]);
    expect((await client.moneyRecords('FXG-9999999999')).list).toEqual([]);
  });
});

describe('kuaimai client error mapping', () => {
  it('maps an invalid signature (code 25) to auth, keeping the code', async () => {
    const error = await failure(clientFor(t.sim, { appSecret: 'wrong' }).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 }));
    expect(error.kind).toBe('auth');
    expect(error.providerCode).toBe('25');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^签名无效/);
  });

  it('maps an expired session on the simulator clock to auth 27', async () => {
    t.clock.now = t.sim.sessionExpiresAt() + 1000;
    const error = await failure(clientFor(t.sim, { now: () => t.clock.now }).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 }));
    expect(error.kind).toBe('auth');
    expect(error.providerCode).toBe('27');
  });

  it('maps a timestamp outside ±10 minutes to rejected 31', async () => {
    const error = await failure(clientFor(t.sim, { now: () => SIM_NOW + 11 * 60_000 }).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 }));
    expect(error.kind).toBe('rejected');
    expect(error.providerCode).toBe('31');
    expect(error.message).toContain('校准电脑时间');
  });

  it('maps a rate-limit envelope (code 7) to retryable rate_limit', async () => {
    const body = JSON.stringify({ code: '7', msg: 'App Call Limited', success: false, trace_id: '1' });
    t.sim.injectFault({ kind: 'status', status: 200, body }, 1, 'erp.trade.list.query');
    const error = await failure(clientFor(t.sim).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 }));
    expect(error.kind).toBe('rate_limit');
    expect(error.retryable).toBe(true);
    expect(error.providerCode).toBe('7');
  });

  it('maps other business codes to rejected and keeps the raw body', async () => {
    const body = JSON.stringify({ code: '33', msg: '非法店铺编号', success: false, trace_id: '2' });
    t.sim.injectFault({ kind: 'status', status: 200, body }, 1, 'erp.trade.list.query');
    const error = await failure(clientFor(t.sim).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 }));
    expect(error.kind).toBe('rejected');
    expect(error.providerCode).toBe('33');
    expect(error.message).toContain('非法店铺编号');
    expect(error.raw).toBe(body);
  });

  it('maps a success envelope with the wrong shape to bad_response', async () => {
    const body = JSON.stringify({ success: true, total: 1, list: [{ tid: 'no sid here' }], traceId: '3' });
    t.sim.injectFault({ kind: 'status', status: 200, body }, 1, 'erp.trade.list.query');
    const error = await failure(clientFor(t.sim).tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 }));
    expect(error.kind).toBe('bad_response');
    expect(error.raw).toBe(body);
  });

  it('refuses to build a client without a session', () => {
    let error: unknown;
    try {
      clientFor({ ...t.sim, credentials: { ...t.sim.credentials, session: '' } } as typeof t.sim);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
  });
});

describe('kuaimai session refresh', () => {
  it('extends an expired session by 30 days and reports the new expiry for the vault', async () => {
    const renewed: unknown[] = [];
    t.clock.now = t.sim.sessionExpiresAt() + 5000;
    const now = t.clock.now;
    const client = clientFor(t.sim, { now: () => t.clock.now, onCredentialsRenewed: (c) => void renewed.push(c) });
    await expect(client.tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 })).rejects.toMatchObject({ kind: 'auth', providerCode: '27' });
    const result = await client.refreshToken();
    expect(result).toEqual({ sessionExpiresAt: now + 30 * DAY_MS, persisted: true });
    expect(t.sim.sessionExpiresAt()).toBe(now + 30 * DAY_MS);
    expect(renewed).toEqual([
      {
        secrets: { session: t.sim.credentials.session, refreshToken: t.sim.credentials.refreshToken },
        settings: { sessionExpiresAt: String(now + 30 * DAY_MS) },
      },
    ]);
    expect(client.sessionExpiresAt).toBe(now + 30 * DAY_MS);
    expect(sentFields(t.sim.requests.at(-1)!.bodyText)['refreshToken']).toBe(t.sim.credentials.refreshToken);
    await expect(client.tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 })).resolves.toBeDefined();
  });

  it('maps a wrong refresh token to auth', async () => {
    const error = await failure(clientFor(t.sim, { refreshToken: 'stale' }).refreshToken());
    expect(error.kind).toBe('auth');
  });

  it('keeps using new token values even when persisting them fails', async () => {
    const bodies: string[] = [];
    const fakeFetch: FetchLike = async (_url, init) => {
      bodies.push(String(init?.body));
      const isRefresh = String(init?.body).includes('method=open.token.refresh');
      const body = isRefresh
        ? { success: true, session: { accessToken: 'new-session', refreshToken: 'new-refresh', expiresIn: 2_592_000 }, traceId: '9' }
        : { success: true, total: 0, list: [], traceId: '10' };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client: KuaimaiClient = clientFor(t.sim, {
      fetch: fakeFetch,
      onCredentialsRenewed: () => {
        throw new Error('vault locked');
      },
    });
    expect(client.needsSessionRefresh()).toBe(false);
    const result = await client.refreshToken();
    expect(result.persisted).toBe(false);
    expect(result.sessionExpiresAt).toBe(SIM_NOW + 2_592_000_000);
    await client.tradeList({ ...WINDOW, pageNo: 1, pageSize: 2 });
    const last = sentFields(bodies.at(-1)!);
    expect(last['session']).toBe('new-session');
    expect(last['sign']).toBe(signParams(last, t.sim.credentials.appSecret, 'hmac'));
    expect(client.needsSessionRefresh(31 * DAY_MS)).toBe(true);
  });
});
