import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuomaiClient, DUOMAI_ORDERS_SERVICE, DUOMAI_SETTLEMENT_SERVICE } from '../../../../src-main/providers/duomai/client.js';
import { mapDuomaiOrders, mapDuomaiSettlements } from '../../../../src-main/providers/duomai/mapping.js';
import { signDuomai } from '../../../../src-main/providers/duomai/sign.js';
import { startDuomaiSimulator, type DuomaiSimulator } from '../../../../src-main/providers/duomai/simulator.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { parseShanghaiWallTime } from '../../../../src-main/domain/time.js';
import { clientFor } from './helpers.js';

const sec = (wall: string): number => (parseShanghaiWallTime(wall) ?? 0) / 1000;

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

function fakeClient(status: number, body: string, headers: Record<string, string> = {}): DuomaiClient {
  return new DuomaiClient({
    fetch: () => Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } })),
    baseUrl: 'https://open.duomai.test/apis',
    appKey: 'k',
    appSecret: 's',
    timeoutMs: 1000,
    now: () => 1_709_222_400_000,
  });
}

const window = { stime: 1_709_222_400, etime: 1_709_222_400 + 3600, page: 1, page_size: 20 };

describe('duomai client against the simulator', () => {
  let sim: DuomaiSimulator;
  beforeAll(async () => {
    sim = await startDuomaiSimulator({ count: 500, periodDays: 3 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('fetches one page of orders and maps the known USD order exactly', async () => {
    const stime = sec('2024-03-02 05:30:00');
    const etime = sec('2024-03-02 06:30:00');
    const page = await clientFor(sim).ordersQuery({ stime, etime, page: 1, page_size: 200 });
    expect(page.rows).toHaveLength(sim.expectedOrders(stime, etime).length);
    const batch = mapDuomaiOrders(page.rows);
    const order = batch.orders.find((o) => o.orderNo === '800001899391474564921134');
    expect(order).toMatchObject({
      externalOrderNo: null,
      status: 'completed',
      statusRaw: '2',
      title: '美团外卖红包15元',
      buyer: 'wx_888',
      total: { scaled: 6_790_700, currency: 'USD' },
      commission: { scaled: 184_533, currency: 'USD' },
      createdAt: Date.UTC(2024, 2, 1, 19, 12, 57),
      updatedAt: Date.UTC(2024, 2, 1, 21, 59, 39),
      paidAt: null,
    });
    expect(order?.items.map((i) => [i.itemKey, i.title, i.quantity, i.unitPrice, i.amount])).toEqual([
      ['5400541185', '美团外卖红包15元', 3, { scaled: 1_238_200, currency: 'USD' }, { scaled: 3_714_600, currency: 'USD' }],
      ['5216050960', '索尼 WH-1000XM4 无线降噪耳机', 1, { scaled: 616_500, currency: 'USD' }, { scaled: 616_500, currency: 'USD' }],
      ['5900994540', '星巴克中杯咖啡兑换券', 2, { scaled: 1_229_800, currency: 'USD' }, { scaled: 2_459_600, currency: 'USD' }],
    ]);
    // The gateway sent this order number as a bare 24-digit JSON number; raw keeps it exact as text.
    expect(order?.raw).toContain('"order_sn":"800001899391474564921134"');
    expect(batch.commissions.find((c) => c.orderNo === order?.orderNo)).toEqual({
      orderNo: '800001899391474564921134',
      beneficiary: 'site:352718',
      level: 0,
      amount: { scaled: 184_533, currency: 'USD' },
      status: 'settled',
      statusRaw: '2',
      earnedAt: Date.UTC(2024, 2, 1, 19, 12, 57),
    });
  });

  it('fetches settlement changes by order time and keeps nulls and 4-dp values exact', async () => {
    const t = sec('2024-03-01 11:48:28');
    const page = await clientFor(sim).settlementChanges({ stime: t, etime: t, page: 1, page_size: 200, order_sn: '800000822765404426518272' });
    const [first, second] = mapDuomaiSettlements(page.rows).settlements;
    expect(page.rows).toHaveLength(2);
    expect(first).toMatchObject({
      orderNo: '800000822765404426518272',
      orderTime: Date.UTC(2024, 2, 1, 3, 48, 28),
      modifiedAt: Date.UTC(2024, 2, 1, 4, 24, 38),
      priceOld: null,
      priceDelta: null,
      priceNew: null,
      commissionOld: { scaled: 16_000, currency: 'USD' },
      commissionDelta: { scaled: -1_734, currency: 'USD' },
      commissionNew: { scaled: 14_266, currency: 'USD' },
      adsName: '亚马逊海外购',
    });
    expect(second).toMatchObject({
      priceOld: { scaled: 400_500, currency: 'USD' },
      priceDelta: { scaled: 19_615, currency: 'USD' },
      priceNew: { scaled: 420_115, currency: 'USD' },
      commissionOld: { scaled: 14_266, currency: 'USD' },
      commissionNew: { scaled: 18_372, currency: 'USD' },
    });
    expect(first?.changeKey).not.toBe(second?.changeKey);
  });

  it('posts the exact signed JSON body with public params in the query string', async () => {
    await clientFor(sim).ordersQuery({ ...window, status: 2, euid: undefined });
    const req = sim.requests.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/apis');
    expect(req.headers['content-type']).toBe('application/json');
    expect([...req.query.keys()]).toEqual(['app_key', 'timestamp', 'service', 'sign']);
    expect(req.query.get('service')).toBe(DUOMAI_ORDERS_SERVICE);
    expect(req.bodyText).toBe(`{"stime":${window.stime},"etime":${window.etime},"page":1,"page_size":20,"status":2}`);
    const params = { app_key: sim.credentials.appKey, service: DUOMAI_ORDERS_SERVICE, timestamp: req.query.get('timestamp')! };
    expect(req.query.get('sign')).toBe(signDuomai(sim.credentials.appSecret, params, req.bodyText));
  });

  it('passes filters through: status and order_sn', async () => {
    const page = await clientFor(sim).ordersQuery({ stime: sec('2024-03-01 00:00:00'), etime: sec('2024-03-02 00:00:00'), page: 1, page_size: 200, status: 0 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.status === '0')).toBe(true);
    const s = await clientFor(sim).settlementChanges({ stime: 0, etime: 1, page: 1, page_size: 5 });
    expect(s.rows).toEqual([]);
    expect(sim.requests.at(-1)?.query.get('service')).toBe(DUOMAI_SETTLEMENT_SERVICE);
  });

  it('reports hasMore only for a full page', async () => {
    const stime = sec('2024-03-01 00:00:00');
    const etime = stime + 86_400;
    const total = sim.expectedOrders(stime, etime).length;
    const full = await clientFor(sim).ordersQuery({ stime, etime, page: 1, page_size: 10 });
    expect(full.hasMore).toBe(true);
    const last = await clientFor(sim).ordersQuery({ stime, etime, page: Math.ceil(total / 10) + 1, page_size: 10 });
    expect(last.rows).toEqual([]);
    expect(last.hasMore).toBe(false);
  });

  it.each([
    ['a span over one day', { ...window, etime: window.stime + 86_401 }, /1 天/],
    ['page_size over 200', { ...window, page_size: 201 }, /page_size/],
    ['page 0', { ...window, page: 0 }, /page/],
    ['etime before stime', { ...window, etime: window.stime - 1 }, /etime/],
    ['a fractional time', { ...window, stime: 1.5 }, /stime/],
  ])('refuses %s before sending', async (_label, query, message) => {
    const before = sim.requests.length;
    const error = await failure(clientFor(sim).ordersQuery(query));
    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(message);
    await failure(clientFor(sim).settlementChanges(query));
    expect(sim.requests.length).toBe(before);
  });

  it('accepts a span of exactly 86400 s', async () => {
    await expect(clientFor(sim).ordersQuery({ ...window, etime: window.stime + 86_400 })).resolves.toBeDefined();
  });

  it('maps a wrong secret to auth (HTTP 400, status 401)', async () => {
    const error = await failure(clientFor(sim, { appSecret: 'wrong' }).ordersQuery(window));
    expect(error).toMatchObject({ kind: 'auth', retryable: false, providerCode: '401', httpStatus: 400 });
    expect(error.message).toMatch(/签名/);
  });

  it('maps a wrong app key and a skewed clock to auth', async () => {
    expect((await failure(clientFor(sim, { appKey: '999' }).ordersQuery(window))).kind).toBe('auth');
    const skewed = clientFor(sim, { now: () => Date.now() - 20 * 60_000 });
    expect((await failure(skewed.ordersQuery(window))).kind).toBe('auth');
  });

  it('maps the token-expired fault to auth', async () => {
    sim.injectFault({ kind: 'token-expired' }, 1, 'orders.query');
    expect((await failure(clientFor(sim).ordersQuery(window))).kind).toBe('auth');
  });

  it.each([
    [{ status: 429, message: '请求超限' }, 'rate_limit', true],
    [{ status: 4000, message: '参数错误' }, 'rejected', false],
    [{ status: 4011, message: '计划不存在' }, 'rejected', false],
    [{ status: 5001, message: '网络繁忙' }, 'bad_response', true],
    [{ status: 500, message: '服务异常' }, 'bad_response', true],
    [{ status: 404, message: 'not found' }, 'rejected', false],
  ] as const)('maps HTTP 400 with envelope %j to %s', async (envelope, kind, retryable) => {
    sim.injectFault({ kind: 'status', status: 400, body: JSON.stringify({ ...envelope, data: null }), retryAfterSeconds: 2 }, 1, 'orders.query');
    const error = await failure(clientFor(sim).ordersQuery(window));
    expect(error).toMatchObject({ kind, retryable, providerCode: String(envelope.status), httpStatus: 400 });
    if (kind === 'rate_limit') expect(error.retryAfterMs).toBe(2000);
  });

  it('maps HTTP 500 with a plain-text body to a retryable error', async () => {
    sim.injectFault({ kind: 'status', status: 500, body: 'Internal Server Error' }, 1, 'orders.query');
    expect(await failure(clientFor(sim).ordersQuery(window))).toMatchObject({ retryable: true, httpStatus: 500 });
  });
});

describe('duomai client envelope handling', () => {
  const row = { order_sn: '123456789012345678901234', status: '1', orders_price: '9.90' };

  it('accepts data as a list, an object with a list, a single row, null or an empty object', async () => {
    for (const data of [[row], { list: [row] }, row]) {
      const page = await fakeClient(200, JSON.stringify({ status: 0, message: '', data })).ordersQuery(window);
      expect(page.rows.map((r) => r.order_sn)).toEqual(['123456789012345678901234']);
    }
    for (const data of [null, {}, []]) {
      expect((await fakeClient(200, JSON.stringify({ status: 0, data })).ordersQuery(window)).rows).toEqual([]);
    }
  });

  it('treats an empty or "0" status as success', async () => {
    for (const status of ['', '0', null]) {
      expect((await fakeClient(200, JSON.stringify({ status, data: [row] })).ordersQuery(window)).rows).toHaveLength(1);
    }
  });

  it('keeps a bare 24-digit order number exact', async () => {
    const page = await fakeClient(200, '{"status":0,"data":[{"order_sn":123456789012345678901234,"status":"0"}]}').ordersQuery(window);
    expect(page.rows[0]?.order_sn).toBe('123456789012345678901234');
  });

  it('maps unexpected shapes to bad_response with the raw body', async () => {
    for (const body of ['{"status":0,"data":"oops"}', '{"status":0,"data":[{"status":"1"}]}', '[1,2]']) {
      const error = await failure(fakeClient(200, body).ordersQuery(window));
      expect(error.kind).toBe('bad_response');
      expect(error.raw).toBe(body);
    }
  });

  it('maps HTTP 400 without an error status to bad_response', async () => {
    expect((await failure(fakeClient(400, '{"error":"bad"}').ordersQuery(window))).kind).toBe('bad_response');
  });

  it('maps HTTP 429 without an envelope to rate_limit honouring Retry-After', async () => {
    const error = await failure(fakeClient(429, 'Too Many Requests', { 'retry-after': '7' }).ordersQuery(window));
    expect(error).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 7000 });
  });
});
