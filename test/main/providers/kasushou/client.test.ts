import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KASUSHOU_PATHS, KasushouClient } from '../../../../src-main/providers/kasushou/client.js';
import { mapAdminOrderRows, mapOrderInfoItems } from '../../../../src-main/providers/kasushou/mapping.js';
import { adminOrderPages, orderInfoBatched } from '../../../../src-main/providers/kasushou/paging.js';
import { signRequest } from '../../../../src-main/providers/kasushou/sign.js';
import { startKasushouSimulator, type KasushouSimulator } from '../../../../src-main/providers/kasushou/simulator.js';
import { ProviderError } from '../../../../src-main/providers/provider-error.js';
import { clientFor, expectOrderMatches, expectedCards, findIndex } from './support.js';

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('kasushou client against the simulator', () => {
  let sim: KasushouSimulator;
  beforeAll(async () => {
    sim = await startKasushouSimulator({ seed: 11, count: 230 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.clearFaults();
    sim.requests.length = 0;
  });

  it('sends Sign/Timestamp/UserId/Content-Type and signs the exact body it sends', async () => {
    const client = clientFor(sim, 'buyer');
    const sn = sim.orderNoAt(5);
    await client.orderInfo([sn, sim.orderNoAt(6)]);
    const req = sim.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(KASUSHOU_PATHS.orderInfo);
    expect(req.bodyText).toBe(`{"day":0,"external_orderno":"","ordersn":"${sn},${sim.orderNoAt(6)}"}`);
    expect(req.headers['userid']).toBe(sim.credentials.userId);
    expect(req.headers['timestamp']).toMatch(/^\d{13}$/);
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['sign']).toBe(signRequest(req.headers['timestamp']!, req.bodyText, sim.credentials.apikey));
  });

  it('fetches one admin page and maps every record field by field against ground truth', async () => {
    const client = clientFor(sim);
    const rows = await client.adminOrderList({ page: 1, limit: 20 });
    const batch = mapAdminOrderRows(rows);
    expect(batch.orders).toHaveLength(20);
    batch.orders.forEach((order, n) => expectOrderMatches(order, sim.orderAt(sim.dataset.count - 1 - n), 'admin'));
  });

  it('maps order/info items and their cards (show types, expiry, passwords) exactly', async () => {
    const client = clientFor(sim, 'buyer');
    const cardIndex = findIndex(sim.dataset, (o) => o.status === 3 && o.cards.some((c) => c.expiresAt !== null));
    const qrIndex = findIndex(sim.dataset, (o) => o.status === 3 && o.cards.some((c) => c.showType === 2));
    const barcodeIndex = findIndex(sim.dataset, (o) => o.status === 3 && o.cards.some((c) => c.showType === 3));
    const indexes = [cardIndex, qrIndex, barcodeIndex];
    const batch = mapOrderInfoItems(await client.orderInfo(indexes.map((i) => sim.orderNoAt(i))));
    for (const index of indexes) {
      const truth = sim.orderAt(index);
      expectOrderMatches(
        batch.orders.find((o) => o.orderNo === truth.ordersn),
        truth,
        'info',
      );
      expect(batch.cards.filter((c) => c.orderNo === truth.ordersn)).toEqual(expectedCards(truth));
    }
  });

  it('keeps 24-digit numeric order numbers exact (lossless JSON)', async () => {
    const index = findIndex(sim.dataset, (o) => o.ordersnNumeric);
    const [item] = await clientFor(sim, 'buyer').orderInfo([sim.orderNoAt(index)]);
    expect(sim.requests.at(-1)?.bodyText).toContain(sim.orderNoAt(index));
    expect(item?.ordersn).toBe(sim.orderNoAt(index));
    expect(String(item?.ordersn)).toHaveLength(24);
  });

  it('looks up by external_orderno too', async () => {
    const index = findIndex(sim.dataset, (o) => o.externalOrderno !== '');
    const items = await clientFor(sim, 'buyer').orderInfoByExternal([sim.orderAt(index).externalOrderno]);
    expect(items.map((i) => String(i.ordersn))).toEqual([sim.orderNoAt(index)]);
  });

  it('honours the day window: day=0 finds old orders, day=10 does not', async () => {
    const client = clientFor(sim, 'buyer');
    const old = sim.orderNoAt(0);
    expect(await client.orderInfo([old], 0)).toHaveLength(1);
    expect(await client.orderInfo([old], 10)).toEqual([]);
  });

  it('pages the admin list until a short page (250/100 → 3 calls; exact multiple → one empty page)', async () => {
    const client = clientFor(sim);
    const pages = [];
    for await (const page of adminOrderPages(client, { limit: 100 })) pages.push(page.rows.length);
    expect(pages).toEqual([100, 100, 30]);
    const exact = await startKasushouSimulator({ seed: 11, count: 200 });
    try {
      const sizes = [];
      for await (const page of adminOrderPages(clientFor(exact), { limit: 100 })) sizes.push(page.rows.length);
      expect(sizes).toEqual([100, 100, 0]);
    } finally {
      await exact.close();
    }
  });

  it('batches order/info calls as the caller chooses', async () => {
    const client = clientFor(sim, 'buyer');
    const nos = Array.from({ length: 25 }, (_, i) => sim.orderNoAt(i));
    const items = await orderInfoBatched(client, nos, 10);
    expect(items.map((i) => String(i.ordersn))).toEqual(nos);
    expect(sim.requests).toHaveLength(3);
  });

  it('refuses more than 100 order numbers, bad numbers and bad limits without sending anything', async () => {
    const client = clientFor(sim);
    const tooMany = Array.from({ length: 101 }, (_, i) => `D${i}`);
    expect((await failure(client.orderInfo(tooMany))).message).toContain('100');
    expect((await failure(client.orderInfo(['a,b']))).kind).toBe('rejected');
    expect((await failure(client.adminOrderList({ page: 1, limit: 101 }))).kind).toBe('rejected');
    expect((await failure(client.adminOrderList({ page: 0, limit: 10 }))).kind).toBe('rejected');
    expect(await client.orderInfo([])).toEqual([]);
    expect(sim.requests).toHaveLength(0);
  });

  it('reads the balance from user/info', async () => {
    expect(await clientFor(sim, 'buyer').userInfo()).toEqual({ balance: '8888.88' });
  });
});

describe('kasushou client error mapping', () => {
  let sim: KasushouSimulator;
  beforeAll(async () => {
    sim = await startKasushouSimulator({ seed: 3, count: 30 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => sim.clearFaults());

  it('wrong apikey → auth (签名错误), not retryable, with code and raw', async () => {
    const error = await failure(clientFor(sim, 'buyer', { apikey: 'nope' }).userInfo());
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('400');
    expect(error.message).toContain('签名错误');
    expect(error.raw).toContain('"code":400');
  });

  it('unknown UserId → auth', async () => {
    expect((await failure(clientFor(sim, 'buyer', { userId: '99999' }).userInfo())).kind).toBe('auth');
  });

  it('a buyer account on the admin list → auth (no admin rights for that UserId)', async () => {
    expect((await failure(clientFor(sim, 'buyer').adminOrderList({ page: 1, limit: 10 }))).kind).toBe('auth');
  });

  it('token-expired fault → auth', async () => {
    sim.injectFault({ kind: 'token-expired' });
    expect((await failure(clientFor(sim, 'buyer').userInfo())).kind).toBe('auth');
  });

  it('a stale Timestamp → rejected (the gateway refuses the request, the key is fine)', async () => {
    const error = await failure(clientFor(sim, 'buyer', { now: () => Date.now() - 3_600_000 }).userInfo());
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('Timestamp');
  });

  it('a free-text 400 from the gateway → rejected', async () => {
    const client = clientFor(sim);
    const error = await failure(client.call(KASUSHOU_PATHS.adminOrderList, { page: 1, limit: 500 }));
    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('limit最大为100');
  });

  it('envelope code 500 → retryable bad_response', async () => {
    sim.injectFault({ kind: 'status', status: 200, body: '{"code":500,"msg":"未知错误","data":[]}' });
    const error = await failure(clientFor(sim, 'buyer').userInfo());
    expect(error.kind).toBe('bad_response');
    expect(error.retryable).toBe(true);
    expect(error.providerCode).toBe('500');
  });

  it('undocumented envelope code → bad_response, not retryable', async () => {
    sim.injectFault({ kind: 'status', status: 200, body: '{"code":302,"msg":"?","data":null}' });
    const error = await failure(clientFor(sim, 'buyer').userInfo());
    expect(error.kind).toBe('bad_response');
    expect(error.retryable).toBe(false);
  });

  it('a body that is not the envelope, or data of the wrong shape → bad_response with the raw body', async () => {
    sim.injectFault({ kind: 'status', status: 200, body: '{"status":1}' });
    expect((await failure(clientFor(sim, 'buyer').userInfo())).kind).toBe('bad_response');
    sim.injectFault({ kind: 'status', status: 200, body: '{"code":200,"msg":"成功","data":{"ordersn":"x"}}' });
    const error = await failure(clientFor(sim).adminOrderList({ page: 1, limit: 10 }));
    expect(error.kind).toBe('bad_response');
    expect(error.raw).toBe('{"code":200,"msg":"成功","data":{"ordersn":"x"}}');
  });

  it('HTTP 429 → rate_limit, 503 → retryable, HTML → bad_response', async () => {
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const limited = await failure(clientFor(sim, 'buyer').userInfo());
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate_limit', 7000]);
    sim.injectFault({ kind: 'status', status: 503 });
    expect((await failure(clientFor(sim, 'buyer').userInfo())).retryable).toBe(true);
    sim.injectFault({ kind: 'html', status: 200 });
    expect((await failure(clientFor(sim, 'buyer').userInfo())).kind).toBe('bad_response');
  });

  it('refuses to build without a UserId or a site URL', () => {
    const base = { fetch: globalThis.fetch, apikey: 'k', timeoutMs: 1000, now: Date.now };
    expect(() => new KasushouClient({ ...base, baseUrl: sim.url, userId: ' ' })).toThrow(ProviderError);
    expect(() => new KasushouClient({ ...base, baseUrl: '', userId: '1' })).toThrow(/站点地址/);
  });
});
